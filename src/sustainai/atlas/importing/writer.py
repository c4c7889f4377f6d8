"""Writing checked rows of an import to the database: batch after batch, on a thread of its own,
with raw inserts (COPY on PostgreSQL) and the search and facet documents of what it wrote."""

from __future__ import annotations

import json
import operator
import queue
import threading
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from functools import lru_cache

from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.utils import timezone
from django.utils.text import slugify

from sustainai.atlas.models import Actor, Initiative, InitiativeCountry, ModerationState, Topic
from sustainai.atlas.normalise import normalise_actor_name
from sustainai.atlas.search import facets, fulltext
from sustainai.atlas.search.fulltext import POSTGRESQL_TABLE, reindex, vectors

BATCH = 1000


def _chunks(items: list, size: int = BATCH) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _free_slug(name: str, taken: set[str]) -> str:
    base = slugify(name)[:300] or "initiative"
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    taken.add(slug)
    return slug


def _json_key(value):
    return tuple(value) if isinstance(value, list) else None


def _remembering(adapt, key=lambda value: value):
    """``adapt`` with its results remembered (the same date and lists come on every row)."""
    seen: dict = {}

    def adapted(value):
        k = key(value)
        if k is None:
            return adapt(value)
        if k not in seen:
            seen[k] = adapt(value)
        return seen[k]

    return adapted


def _insert(model, rows: list[dict]) -> None:
    """INSERT ``rows`` (dicts by attribute name) with one executemany per batch.

    The ORM's bulk_create compiles SQL for every object and, on SQLite, splits batches under 999
    parameters: ten times slower on 100,000 rows. Fields missing from a row take their default;
    JSON and date-time values are adapted for the database as the ORM would.
    """
    if not rows:
        return
    ops = connection.ops
    # Every column but an auto-incremented key, unless the rows bring theirs (``_reserve_ids``;
    # the history's ``id`` is a plain copy).
    pk = model._meta.pk
    fields = [
        f
        for f in model._meta.concrete_fields
        if not (
            f is pk and f.get_internal_type().endswith("AutoField") and pk.attname not in rows[0]
        )
    ]
    adapters = {}
    for f in fields:
        kind = f.get_internal_type()
        if kind == "JSONField":
            adapters[f.attname] = _remembering(
                lambda v, f=f: ops.adapt_json_value(v, f.encoder), key=_json_key
            )
        elif kind == "DateTimeField":
            adapters[f.attname] = _remembering(ops.adapt_datetimefield_value)
    defaults = {f.attname: f.get_default() for f in fields}
    quote = ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    pick = operator.itemgetter(*[f.attname for f in fields])
    adapted = [(i, adapters[f.attname]) for i, f in enumerate(fields) if f.attname in adapters]
    params = []
    for row in rows:
        line = list(pick(defaults | row))
        for i, adapt in adapted:
            if line[i] is not None:
                line[i] = adapt(line[i])
        params.append(line)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY is PostgreSQL's bulk path: several times faster than INSERTs.
            columns = ", ".join(quote(f.column) for f in fields)
            copy_sql = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"
            with connection.wrap_database_errors, cursor.cursor.copy(copy_sql) as copy:
                for line in params:
                    copy.write_row(line)
            return
        for chunk in _chunks(params, 5000):
            cursor.executemany(sql, chunk)


def _reserve_ids(model, count: int) -> list[int]:
    """``count`` new primary keys of ``model``, taken before the rows are written with them (COPY
    cannot return the keys it wrote, and looking them up again costs a query per 500 rows).

    PostgreSQL: from the key's sequence, safe beside other writers. SQLite: after the highest
    key ever used (``sqlite_sequence`` remembers deleted ones); the import's transaction holds
    the database's write lock from its start (``transaction_mode`` IMMEDIATE), so nobody else
    takes these keys meanwhile.
    """
    table = model._meta.db_table
    column = model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [connection.ops.quote_name(table), column, count],
            )
            return [row[0] for row in cursor.fetchall()]
        quote = connection.ops.quote_name
        cursor.execute(
            f"SELECT MAX(highest) FROM (SELECT MAX({quote(column)}) AS highest FROM {quote(table)} "
            "UNION ALL SELECT seq FROM sqlite_sequence WHERE name = %s)",
            [table],
        )
        start = (cursor.fetchone()[0] or 0) + 1
    return list(range(start, start + count))


class BatchWriter:
    """Writes checked rows batch after batch on a thread of its own, on the import's connection
    and inside its transaction, while the caller goes on checking the rest of the file: parsing
    (Python) and writing (mostly the database's work) overlap. The caller rolls the
    transaction back if any row turns out wrong: nothing is kept (all-or-nothing).

    The thread borrows the caller's connection as Django's test server does
    (``inc_thread_sharing``); the caller runs no query until ``finish`` returns.
    """

    def __init__(self, *, source: str, by, as_submitted: bool, advance):
        self.source = source
        self.by_id = by.pk if by is not None else None
        self.state = ModerationState.SUBMITTED if as_submitted else ModerationState.PUBLISHED
        self.advance = advance
        self.connection = connections[DEFAULT_DB_ALIAS]
        self.batches: queue.SimpleQueue = queue.SimpleQueue()
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="import-writer", daemon=True)
        self.connection.inc_thread_sharing()
        self.thread.start()

    def put(self, batch: list) -> None:
        self.batches.put(batch)

    def finish(self) -> None:
        """Wait until every batch put is written; raise what the writing raised."""
        self.batches.put(None)
        self.thread.join()
        self.connection.dec_thread_sharing()
        if self.error is not None:
            raise self.error

    def _run(self) -> None:
        connections[DEFAULT_DB_ALIAS] = self.connection
        documents = None
        batch: list | None = []
        try:
            self.now = timezone.now()
            self.reason = f"Imported from {self.source}"[:100]
            self.names: dict[str, str] = {}
            self.actor_ids: dict[str, int] = {}
            self.topic_ids = dict(Topic.objects.values_list("slug", "pk"))
            self.topic_terms = fulltext.topic_terms()
            self.taken = set(Initiative.objects.values_list("slug", flat=True))
            if connection.vendor == "postgresql":
                documents = _SearchDocuments()
            while (batch := self.batches.get()) is not None:
                self._actors(batch)
                _write_batch(
                    batch,
                    documents,
                    state=self.state,
                    now=self.now,
                    by_id=self.by_id,
                    source=self.source,
                    reason=self.reason,
                    names=self.names,
                    actor_ids=self.actor_ids,
                    topic_ids=self.topic_ids,
                    topic_terms=self.topic_terms,
                    taken=self.taken,
                )
                self.advance(len(batch))
            if documents is not None:
                documents.write()
        except BaseException as error:  # handed to the caller by ``finish``
            self.error = error
            if batch is not None:  # the caller's end mark is still to come: wait for it
                while self.batches.get() is not None:
                    pass
        finally:
            if documents is not None:
                documents.close()

    def _actors(self, batch: list) -> None:
        """The organisations of ``batch`` not met before: known ones keep their recorded name,
        new ones are created with their first spelling in the file."""
        new: dict[str, str] = {}
        for _number, values, _key in batch:
            for name in values["lead_organisations"] + values["partner_organisations"]:
                key = _actor_key(name)
                if key and key not in self.names and key not in new:
                    new[key] = name[:255]
        for chunk in _chunks(list(new), 500):
            for key, pk, name in Actor.objects.filter(normalized_name__in=chunk).values_list(
                "normalized_name", "pk", "name"
            ):
                self.actor_ids[key] = pk
                new[key] = name  # a known organisation keeps its name (the search documents')
        self.names.update(new)
        created = [key for key in new if key not in self.actor_ids]
        ids = _reserve_ids(Actor, len(created)) if created else []
        _insert(
            Actor,
            [
                {"id": pk, "name": new[key], "normalized_name": key}
                for pk, key in zip(ids, created, strict=True)
            ],
        )
        self.actor_ids.update(zip(created, ids, strict=True))


def _organisations_text(values: dict, names: dict[str, str], topic_terms: dict[str, str]) -> str:
    """The organisations' names as ``fulltext.text_columns`` reads them: leads, then partners,
    then the topics' names in English and French."""
    parts = [
        " ".join(names[_actor_key(n)] for n in _unique_keys(values[field]))
        for field in ("lead_organisations", "partner_organisations")
    ]
    parts.append(" ".join(topic_terms[slug] for slug in values["topics"]))
    return " ".join(parts)


def _write_batch(
    batch,
    documents,
    *,
    state,
    now,
    by_id,
    source,
    reason,
    names,
    actor_ids,
    topic_ids,
    topic_terms,
    taken,
) -> None:
    links = {
        "topics": Initiative.topics.through,
        "lead_organisations": Initiative.lead_organisations.through,
        "partner_organisations": Initiative.partner_organisations.through,
    }
    History = Initiative.history.model
    ids = _reserve_ids(Initiative, len(batch))
    rows = [
        {
            "id": pk,
            "name": values["name"],
            "slug": _free_slug(values["name"], taken),
            "aliases": values["aliases"],
            "summary": values["summary"],
            "description": values["description"],
            "type": values["type"],
            "scope": values["scope"],
            "regions": values["regions"],
            "start_year": values["start_year"],
            "status": values["status"],
            "website": values["website"],
            "contact": values["contact"],
            "state": str(state),
            "submitted_by_id": by_id,
            "imported_from": source,
            "import_key": key,
            "created_at": now,
            "updated_at": now,
            "published_at": None if state == ModerationState.SUBMITTED else now,
        }
        for pk, (_number, values, key) in zip(ids, batch, strict=True)
    ]
    if documents is not None:  # PostgreSQL: computed meanwhile on the second connection
        documents.submit(
            [
                (
                    row["id"],
                    row["name"],
                    json.dumps(row["aliases"], ensure_ascii=False),  # as jsonb's text
                    row["summary"],
                    _organisations_text(values, names, topic_terms),
                    row["description"],
                )
                for row, (_number, values, _key) in zip(rows, batch, strict=True)
            ],
            [
                (
                    row["id"],
                    row["type"],
                    row["status"],
                    row["start_year"],
                    row["scope"],
                    " ".join(row["regions"]),
                    " ".join(values["countries"]),
                    " ".join(values["topics"]),
                )
                for row, (_number, values, _key) in zip(rows, batch, strict=True)
            ],
        )
    _insert(Initiative, rows)
    # The history's first record of each entry, as a save would have made it.
    _insert(
        History,
        [
            row
            | {
                "history_date": now,
                "history_change_reason": reason,
                "history_type": "+",
                "history_user_id": by_id,
            }
            for row in rows
        ],
    )
    topics, leads, partners, countries = [], [], [], []
    for row, (_number, values, _key) in zip(rows, batch, strict=True):
        pk = row["id"]
        topics += [{"initiative_id": pk, "topic_id": topic_ids[s]} for s in values["topics"]]
        leads += [
            {"initiative_id": pk, "actor_id": actor_ids[_actor_key(n)]}
            for n in _unique_keys(values["lead_organisations"])
        ]
        partners += [
            {"initiative_id": pk, "actor_id": actor_ids[_actor_key(n)]}
            for n in _unique_keys(values["partner_organisations"])
        ]
        countries += [{"initiative_id": pk, "country": c} for c in values["countries"]]
    _insert(links["topics"], topics)
    _insert(links["lead_organisations"], leads)
    _insert(links["partner_organisations"], partners)
    _insert(InitiativeCountry, countries)
    # Raw inserts send no signal: the batch is indexed for full-text search and facets here.
    if documents is None:
        written = Initiative.objects.filter(pk__in_list=[row["id"] for row in rows])
        reindex(written)
        facets.refresh(written)
    else:
        documents.write()  # computed while the rows above were written


class _SearchDocuments:
    """PostgreSQL: the search and facet documents of the imported initiatives, computed by
    ``fulltext.vectors`` and ``facets.documents`` on a second connection (a thread of ours, a
    server process of its own) while the import's transaction writes that batch's rows, then
    copied in by that transaction.

    Stemming is most of the cost of indexing; this way it runs beside the writes instead of
    after them. The second connection reads no table: all-or-nothing is the transaction's.
    """

    COPIES = (
        f"COPY {POSTGRESQL_TABLE} (initiative_id, names, head, document) FROM STDIN",
        f"COPY {facets.TABLE} (initiative_id, facets) FROM STDIN",
    )

    def __init__(self):
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="import-search")
        self.pending: deque[Future] = deque()

    def submit(self, texts: list[tuple], keys: list[tuple]) -> None:
        """``texts``: rows for ``fulltext.vectors``; ``keys``: rows for ``facets.documents``."""
        self.pending.append(self.executor.submit(lambda: (vectors(texts), facets.documents(keys))))

    def write(self) -> None:
        """COPY the documents of the batches submitted so far (waiting for their computing)."""
        while self.pending:
            computed = self.pending.popleft().result()
            with connection.cursor() as cursor:
                for copy_sql, documents in zip(self.COPIES, computed, strict=True):
                    with connection.wrap_database_errors, cursor.cursor.copy(copy_sql) as copy:
                        for row in documents:
                            copy.write_row(row)
            facets.changed()

    def close(self) -> None:
        for future in self.pending:
            future.cancel()
        # The worker thread's own connection.
        self.executor.submit(connections.close_all).result()
        self.executor.shutdown()


# An import meets each organisation's name many times (links, documents): folded once each.
_actor_key = lru_cache(maxsize=65536)(normalise_actor_name)


def _unique_keys(names: list[str]) -> list[str]:
    """Names whose normalised forms differ ("Inria" and "INRIA" are one organisation)."""
    seen, unique = set(), []
    for name in names:
        key = _actor_key(name)
        if key and key not in seen:
            seen.add(key)
            unique.append(name)
    return unique
