"""The facet index: the directory's filters answered as postings, not as joins.

Each initiative has one document of *facet keys*: ``type:tool``, ``status:active``,
``year:2021``, ``scope:international``, ``region:EU``, ``country:FR``, ``topic:energy``. A filter
of the directory is a conjunction of facets, each a disjunction of values ("a tool, in France or
Germany, on energy"): on these documents it is a boolean query that the database's inverted index
answers by merging posting lists. Without it, each facet is a join or an index of its own, and
the initiatives kept by one must be probed one by one for the others: thousands of probes when
the facets are common but their combination is not.

- PostgreSQL: ``atlas_initiative_facets (initiative_id, facets tsvector)`` with a GIN index,
  queried with ``facets @@ 'type:tool' & ('country:FR' | 'country:DE')``. The keys are lexemes
  as they are (``array_to_tsvector``): no parser, no stemming.
- SQLite: the FTS5 table ``atlas_initiative_facets`` (``detail=none``: postings without
  positions), whose tokenizer keeps ``:``, ``_`` and ``-`` inside tokens.

Only the values that can be stored are asked for (``keys``): FTS5 folds case, so a query for
``country:fr`` would find ``FR`` on SQLite where the initiatives' own columns would not.

Kept in sync like the search documents: ``refresh(queryset)`` rebuilds documents in one set-based
``INSERT ... SELECT``; signals (``signals``) call it when an initiative is saved, its topics change
or one of its countries is added or removed; bulk writes (imports, merges) call it on what they
wrote; a trigger (migration 0007_facets) removes the document of a deleted initiative. Both change
the index's ``version`` (migration 0008_facets_version), under which the directory caches its
facet counts.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterable

from django.db import connections
from django.db.models import F
from django.db.models.expressions import RawSQL

from sustainai.atlas import warming
from sustainai.atlas.expressions import joined, values_source
from sustainai.atlas.models import (
    Initiative,
    InitiativeCountry,
    InitiativeStatus,
    InitiativeType,
    Region,
    Scope,
)

TABLE = "atlas_initiative_facets"
VERSION_TABLE = "atlas_initiative_facets_version"

# The region facet's value for initiatives of international scope (``selectors.INTERNATIONAL``).
INTERNATIONAL = "international"

# What a stored value of each facet looks like: other values cannot match anything.
_STORED: dict[str, Callable[[str], object]] = {
    "type": frozenset(InitiativeType.values).__contains__,
    "status": frozenset(InitiativeStatus.values).__contains__,
    "year": re.compile(r"\d{1,4}").fullmatch,
    "region": frozenset(Region.values).__contains__,
    "country": re.compile(r"[A-Z]{2}").fullmatch,
    "topic": re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*").fullmatch,
}


def _prefixed(column: str, prefix: str) -> str:
    """SQL: each word of the space-separated ``column`` with ``prefix`` ('' when there are none)."""
    return (
        f"CASE WHEN COALESCE({column}, '') = '' THEN '' "
        f"ELSE '{prefix}' || REPLACE({column}, ' ', ' {prefix}') END"
    )


def _keys_text(source: str) -> str:
    """``SELECT id, keys`` over ``source``, a query of ``id, type, status, start_year, scope,
    regions_text, countries_text, topics_text`` (the last three: space-separated codes): the one
    definition of a document, as space-separated keys, on both backends."""
    parts = [
        "'type:' || type",
        "'status:' || status",
        "CASE WHEN start_year IS NULL THEN '' ELSE 'year:' || start_year END",
        "'scope:' || scope",
        _prefixed("regions_text", "region:"),
        _prefixed("countries_text", "country:"),
        _prefixed("topics_text", "topic:"),
    ]
    keys = " || ' ' || ".join(parts)
    return f"SELECT id, {keys} AS keys FROM ({source}) AS src"


def _region_codes(vendor: str) -> RawSQL:
    """The outer initiative's regions as space-separated codes."""
    if vendor == "postgresql":
        sql = (
            "SELECT STRING_AGG(code, ' ') FROM jsonb_array_elements_text(\"atlas_initiative\"."
            '"regions") AS code'
        )
    else:
        sql = 'SELECT GROUP_CONCAT(value, \' \') FROM json_each("atlas_initiative"."regions")'
    return RawSQL(sql, [])


def _source(queryset):
    """``queryset``'s initiatives as the rows ``_keys_text`` reads."""
    rows = queryset.order_by().annotate(
        regions_text=_region_codes(connections[queryset.db].vendor),
        countries_text=joined(InitiativeCountry, F("country"), ordering=F("country")),
        topics_text=joined(Initiative.topics.through, F("topic__slug"), ordering=F("topic__slug")),
    )
    return rows.values_list(
        "id", "type", "status", "start_year", "scope", "regions_text", "countries_text",
        "topics_text",
    )  # fmt: skip


# PostgreSQL: the document of a row of ``_keys_text``.
_PG_DOCUMENT = "array_to_tsvector(array_remove(string_to_array(keys, ' '), ''))"


def documents(rows: list[tuple], *, using: str = "default") -> list[tuple[int, str]]:
    """PostgreSQL: the (initiative id, document) of initiatives given as rows of (id, type,
    status, start_year, scope, regions, countries, topics), the last three space-separated, in
    the document's text form (for COPY), computed from the values alone by ``_keys_text``: no
    table is read. The import runs it on its second connection (see ``importing.writer``)."""
    source, params = values_source(
        rows,
        ["bigint", "text", "text", "integer", "text", "text", "text", "text"],
        [
            "id",
            "type",
            "status",
            "start_year",
            "scope",
            "regions_text",
            "countries_text",
            "topics_text",
        ],
    )
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"SELECT id, ({_PG_DOCUMENT})::text FROM ({_keys_text(source)}) AS d", params
        )
        return cursor.fetchall()


def changed(*, using: str = "default") -> None:
    """Give the index a new ``version`` (what writing documents without ``refresh`` must do)."""
    with connections[using].cursor() as cursor:
        cursor.execute(f"UPDATE {VERSION_TABLE} SET token = %s", [uuid.uuid4().hex])
    warming.after_change(using=using)


def refresh(queryset=None, *, using: str = "default") -> None:
    """Rebuild the facet documents of ``queryset``'s initiatives (all when ``None``)."""
    if queryset is None:
        queryset = Initiative.objects.all()
    queryset = queryset.using(using)
    vendor = connections[using].vendor
    sql, params = _source(queryset).query.sql_with_params()
    with connections[using].cursor() as cursor:
        if vendor == "postgresql":
            cursor.execute(
                f"INSERT INTO {TABLE} (initiative_id, facets) "
                f"SELECT id, {_PG_DOCUMENT} FROM ({_keys_text(sql)}) AS d "
                "ON CONFLICT (initiative_id) DO UPDATE SET facets = EXCLUDED.facets",
                params,
            )
        elif vendor == "sqlite":
            ids_sql, ids_params = queryset.order_by().values("pk").query.sql_with_params()
            cursor.execute(f"DELETE FROM {TABLE} WHERE rowid IN ({ids_sql})", ids_params)
            cursor.execute(
                f"INSERT INTO {TABLE} (rowid, facets) {_keys_text(sql)}",
                params,
            )
        else:  # pragma: no cover - only the two supported backends
            raise NotImplementedError(f"no facet index for {vendor}")
    changed(using=using)


def version(*, using: str = "default") -> str:
    """A token that changes, in the same transaction, with every change to the facet index
    (``refresh``, and deletions by the trigger): what is computed from the index can be cached
    under it, and is never read again once the Atlas changed, in any process."""
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT token FROM {VERSION_TABLE}")
        return cursor.fetchone()[0]


def document(initiative_id: int, *, using: str = "default") -> list[str]:
    """The keys stored for an initiative, sorted (what tests and checks compare)."""
    vendor = connections[using].vendor
    with connections[using].cursor() as cursor:
        if vendor == "postgresql":
            cursor.execute(
                f"SELECT unnest(tsvector_to_array(facets)) FROM {TABLE} WHERE initiative_id = %s",
                [initiative_id],
            )
            return sorted(row[0] for row in cursor.fetchall())
        cursor.execute(f"SELECT facets FROM {TABLE} WHERE rowid = %s", [initiative_id])
        row = cursor.fetchone()
        return sorted(row[0].split()) if row else []


def keys(facet: str, values: Iterable) -> list[str]:
    """The keys of ``facet`` (type, status, year, region, country, topic) for ``values``, leaving
    out values that no initiative can hold; the region ``international`` is the scope."""
    out = []
    for value in values:
        value = str(value)
        if facet == "region" and value == INTERNATIONAL:
            out.append(f"scope:{Scope.INTERNATIONAL}")
        elif _STORED[facet](value):
            out.append(f"{facet}:{value}")
    return out


def matching(queryset, clauses: list[list[str]]):
    """``queryset``'s initiatives whose documents hold a key of every clause (a clause: the keys
    of one facet's chosen values). A clause without keys matches nothing."""
    if not clauses:
        return queryset
    if not all(clauses):
        return queryset.none()
    vendor = connections[queryset.db].vendor
    if vendor == "postgresql":
        # Keys hold no quote (``keys`` keeps stored forms only): each is a quoted lexeme.
        query = " & ".join("(" + " | ".join(f"'{key}'" for key in c) + ")" for c in clauses)
        ids = RawSQL(f"SELECT initiative_id FROM {TABLE} WHERE facets @@ %s::tsquery", [query])
    elif vendor == "sqlite":
        query = " AND ".join("(" + " OR ".join(f'"{key}"' for key in c) + ")" for c in clauses)
        ids = RawSQL(f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s", [query])
    else:  # pragma: no cover
        raise NotImplementedError(f"no facet index for {vendor}")
    return queryset.filter(pk__in=ids)
