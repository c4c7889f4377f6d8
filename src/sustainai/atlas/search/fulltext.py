"""Full-text search of initiatives, behind one small interface.

``search(queryset, q)`` keeps the initiatives of ``queryset`` that match ``q`` and annotates each with
``search_rank`` (higher is better); order by ``-search_rank`` for relevance. Two implementations:

- PostgreSQL: a weighted ``tsvector`` per initiative in ``atlas_initiative_search`` (GIN index),
  queried with ``SearchQuery(..., search_type="websearch")`` and ranked with ``SearchRank``.
- SQLite: the FTS5 virtual table ``atlas_initiative_fts``, ranked with bm25, and beside it
  ``atlas_initiative_fts_head`` of the heads (name, aliases, summary, organisations).

Weights on both: name and aliases A (1.0), summary and organisation names B (0.4), description
C (0.2); English stemming on both.

Relevance order (``tiers``): the initiatives whose name or aliases hold the whole query come first,
then those whose name, aliases, summary and organisations hold it, then those that need their
description; each group ranked on the fields it was found in. A query of common words matches
tens of thousands of initiatives, and ranking every match costs more than a visitor should wait
(bm25 or ``ts_rank`` per match): the groups let a page be ranked among the few initiatives of its
group, found through an index of its own fields (on SQLite, the FTS5 table of heads, filtered by
column for names; on PostgreSQL, smaller ``names`` and ``head`` vectors with GIN indexes of their
own), so that only a visitor paging past the first two groups pays for ranking the rest.

Keeping the index in sync: every write path goes through ``reindex(queryset)``, which rebuilds the
documents of many initiatives in one set-based ``INSERT ... SELECT``. Signals (``signals``) call it
for single saves (``post_save`` of an initiative or an organisation, ``m2m_changed`` of its
organisations), so forms, the admin, moderation and imports that save rows stay indexed without
knowing about search. Bulk writes that bypass signals (``bulk_create``, ``QuerySet.update``) must
call ``reindex`` on the rows they wrote. Deletions are handled by a database trigger (migration
0004_search). We chose signals plus one function over SQL triggers because the organisation names
live in two many-to-many tables: triggers on four tables per backend would duplicate the
document's definition twice.
"""

from __future__ import annotations

import re

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
)
from django.db import connections, models
from django.db.models import Case, F, Q, TextField, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Coalesce, Concat
from django.utils import translation

from sustainai.atlas.expressions import joined, values_source
from sustainai.atlas.models import Initiative, Topic

# PostgreSQL: English stemming without accents (created by migration 0004_search).
CONFIG = "sustainai_english"
SQLITE_TABLE = "atlas_initiative_fts"
SQLITE_HEAD_TABLE = "atlas_initiative_fts_head"
POSTGRESQL_TABLE = "atlas_initiative_search"

# Words PostgreSQL's English configuration drops; dropped from SQLite queries too, so that the
# same query finds the same initiatives on both backends.
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "for",
        "from",
        "has",
        "have",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "that",
        "the",
        "their",
        "this",
        "to",
        "was",
        "were",
        "will",
        "with",
    ]
)


def _organisation_names():
    """Lead and partner organisation names of the outer initiative, as one text.

    Two correlated subqueries, each an index lookup (an OR of the two would scan every actor).
    """

    def names(through):
        return joined(through, F("actor__name"), ordering=F("pk"))

    return Concat(
        Coalesce(names(Initiative.lead_organisations.through), Value(""), output_field=TextField()),
        Value(" "),
        Coalesce(
            names(Initiative.partner_organisations.through), Value(""), output_field=TextField()
        ),
        output_field=TextField(),
    )


def topic_terms(using: str = "default") -> dict[str, str]:
    """Each topic's words for the index, by slug: its name in English and in French, so that
    "energy" or "énergie" finds the initiatives of the Energy topic whatever their text says."""
    terms = {}
    for slug, name in Topic.objects.using(using).values_list("slug", "name"):
        with translation.override("fr"):
            french = translation.gettext(name)
        terms[slug] = name if french == name else f"{name} {french}"
    return terms


def _topic_names(terms: dict[str, str]):
    """The outer initiative's topics as ``topic_terms`` words, as one text."""
    if not terms:
        return Value("")
    words = Case(
        *[When(topic__slug=slug, then=Value(text)) for slug, text in terms.items()],
        default=F("topic__name"),
        output_field=TextField(),
    )
    return Coalesce(
        joined(Initiative.topics.through, words, ordering=F("pk")),
        Value(""),
        output_field=TextField(),
    )


def _aliases():
    return Coalesce(Cast("aliases", TextField()), Value(""), output_field=TextField())


def vendor(using: str = "default") -> str:
    return connections[using].vendor


def _pg_vectors(source: str) -> str:
    """PostgreSQL: ``SELECT id, names, head, document`` over ``source``, a query of (id, name,
    aliases, summary, organisations, description): the one definition of the vectors, for every
    path that writes them. Each text is stemmed once; the larger vectors append to the smaller."""
    config = f"'{CONFIG}'::regconfig"
    names = (
        f"setweight(to_tsvector({config}, coalesce(name, '') || ' ' || coalesce(aliases, '')), 'A')"
    )
    rest = (
        f"setweight(to_tsvector({config}, coalesce(summary, '') || ' ' || "
        "coalesce(organisations, '')), 'B')"
    )
    body = f"setweight(to_tsvector({config}, coalesce(description, '')), 'C')"
    return (
        "SELECT id, names, names || rest AS head, names || rest || body AS document FROM "
        f"(SELECT id, {names} AS names, {rest} AS rest, {body} AS body "
        f"FROM ({source}) AS src (id, name, aliases, summary, organisations, description)) AS v"
    )


def vectors(rows: list[tuple], *, using: str = "default") -> list[tuple[int, str, str, str]]:
    """PostgreSQL: the (id, names, head, document) of initiatives given as ``text_columns`` rows,
    in their text form (for COPY), computed from the values alone: no table is read.

    The import runs this on a connection of its own, beside the transaction writing the rows
    (see ``importing.writer``): stemming is most of the cost of indexing, and that connection's
    server process does it on another core meanwhile.
    """
    source, params = values_source(rows, ["bigint", "text", "text", "text", "text", "text"])
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"SELECT id, names::text, head::text, document::text FROM ({_pg_vectors(source)}) AS d",
            params,
        )
        return cursor.fetchall()


def text_columns(queryset):
    """``queryset``'s initiatives as (id, name, aliases, summary, organisations, description).

    The "organisations" column also holds the names of the initiative's topics (``topic_terms``):
    weighed like the organisations (B), a topic's name finds its initiatives in the second group of
    the relevance order, after those that carry the word in their name."""
    organisations = Concat(
        _organisation_names(),
        Value(" "),
        _topic_names(topic_terms(queryset.db)),
        output_field=TextField(),
    )
    rows = queryset.annotate(aliases_text=_aliases(), organisations=organisations)
    return rows.values_list("pk", "name", "aliases_text", "summary", "organisations", "description")


def reindex(queryset=None, *, using: str = "default") -> None:
    """Rebuild the search documents of ``queryset``'s initiatives (all when ``None``)."""
    if queryset is None:
        queryset = Initiative.objects.using(using).all()
    queryset = queryset.using(using).order_by()
    backend = vendor(using)
    sql, params = text_columns(queryset).query.sql_with_params()
    if backend == "postgresql":
        with connections[using].cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {POSTGRESQL_TABLE} (initiative_id, names, head, document) "
                f"{_pg_vectors(sql)} "
                "ON CONFLICT (initiative_id) DO UPDATE "
                "SET names = EXCLUDED.names, head = EXCLUDED.head, document = EXCLUDED.document",
                params,
            )
    elif backend == "sqlite":
        ids_sql, ids_params = queryset.values("pk").query.sql_with_params()
        head = "rowid, name, aliases, summary, organisations"
        with connections[using].cursor() as cursor:
            for table in (SQLITE_TABLE, SQLITE_HEAD_TABLE):
                cursor.execute(f"DELETE FROM {table} WHERE rowid IN ({ids_sql})", ids_params)
            cursor.execute(f"INSERT INTO {SQLITE_TABLE} ({head}, description) {sql}", params)
            # The heads from the documents just written: reading those by rowid costs less
            # than joining the organisations again.
            cursor.execute(
                f"INSERT INTO {SQLITE_HEAD_TABLE} ({head}) SELECT {head} FROM {SQLITE_TABLE} "
                f"WHERE rowid IN ({ids_sql})",
                ids_params,
            )
    else:  # pragma: no cover - only the two supported backends
        raise NotImplementedError(f"no full-text search for {backend}")


def _fts5_query(q: str) -> str:
    """An FTS5 query for the words of ``q``: every word (or "quoted phrase") must appear.

    Each word is quoted, so that no user input is read as FTS5 syntax.
    """
    terms = []
    for phrase, word in re.findall(r'"([^"]*)"|(\w+)', q.lower()):
        words = re.findall(r"\w+", phrase) if phrase else [word]
        words = [w for w in words if w not in STOP_WORDS] if not phrase else words
        if words:
            terms.append('"' + " ".join(words) + '"')
    return " AND ".join(terms)


# The groups of the relevance order: where the whole query was found.
NAME, HEAD, ANYWHERE = "name", "head", "anywhere"
GROUPS = (NAME, HEAD, ANYWHERE)


def _fts5_ids(table: str, match: str) -> RawSQL:
    return RawSQL(f"SELECT rowid FROM {table} WHERE {table} MATCH %s", [match])


def tiers(queryset, q: str) -> list:
    """``queryset``'s matches of ``q`` as three disjoint querysets, one per group of ``GROUPS``,
    each annotated with ``search_rank`` on the fields it was found in (higher first).

    Listing them in that order, each by ``-search_rank`` then name, gives the relevance order.
    """
    return [tier(queryset, q, group) for group in GROUPS]


def tier(queryset, q: str, group: str):
    """The matches of ``q`` in ``group`` (one of ``GROUPS``): see ``tiers``."""
    q = (q or "").strip()
    backend = vendor(queryset.db)
    if backend == "sqlite":
        match = _fts5_query(q)
        if not match:
            return queryset.none().annotate(search_rank=Value(0.0))
        in_names = f"{{name aliases}} : ({match})"
        # The group's own MATCH drives each query; bm25 counts the words in its columns only
        # (a column filter's bm25 scores the other columns 0).
        if group == NAME:
            part = queryset.filter(fts_head__match__fts5=in_names)
        elif group == HEAD:
            part = queryset.filter(fts_head__match__fts5=match).exclude(
                pk__in=_fts5_ids(SQLITE_HEAD_TABLE, in_names)
            )
        else:
            part = queryset.filter(fts_document__match__fts5=match).exclude(
                pk__in=_fts5_ids(SQLITE_HEAD_TABLE, match)
            )
            return part.annotate(search_rank=-F("fts_document__rank"))
        return part.annotate(search_rank=-F("fts_head__rank"))
    if backend == "postgresql":
        query = SearchQuery(q, search_type="websearch", config=CONFIG)
        in_head = Q(search_document__head=query)
        if group == NAME:
            return queryset.filter(search_document__names=query).annotate(
                search_rank=SearchRank(F("search_document__names"), query)
            )
        if group == HEAD:
            return (
                queryset.filter(in_head)
                .exclude(search_document__names=query)
                .annotate(search_rank=SearchRank(F("search_document__head"), query))
            )
        return (
            queryset.filter(search_document__document=query)
            .exclude(in_head)
            .annotate(search_rank=SearchRank(F("search_document__document"), query))
        )
    raise NotImplementedError(f"no full-text search for {backend}")  # pragma: no cover


def matching(queryset, q: str):
    """``queryset``'s initiatives matching ``q`` (all of them when ``q`` is blank), unranked."""
    q = (q or "").strip()
    if not q:
        return queryset
    backend = vendor(queryset.db)
    if backend == "postgresql":
        query = SearchQuery(q, search_type="websearch", config=CONFIG)
        return queryset.filter(search_document__document=query)
    if backend == "sqlite":
        match = _fts5_query(q)
        return queryset.filter(fts_document__match__fts5=match) if match else queryset.none()
    raise NotImplementedError(f"no full-text search for {backend}")  # pragma: no cover


def search(queryset, q: str):
    """``queryset``'s initiatives matching ``q``, annotated with ``search_rank`` (higher first),
    ranked on the whole document."""
    q = (q or "").strip()
    if not q:
        return queryset.annotate(search_rank=Value(0.0, output_field=models.FloatField()))
    found = matching(queryset, q)
    if vendor(queryset.db) == "postgresql":
        query = SearchQuery(q, search_type="websearch", config=CONFIG)
        return found.annotate(search_rank=SearchRank(F("search_document__document"), query))
    if not _fts5_query(q):
        return found.annotate(search_rank=Value(0.0, output_field=models.FloatField()))
    return found.annotate(search_rank=-F("fts_document__rank"))


@models.TextField.register_lookup
class _Fts5Match(models.Lookup):
    """``field__fts5 = query`` → ``field MATCH query`` (only meaningful on FTS5's hidden column)."""

    lookup_name = "fts5"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} MATCH {rhs}", [*lhs_params, *rhs_params]
