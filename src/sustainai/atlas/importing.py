"""Import of initiatives from CSV, XLSX and JSON files (the command and the coordinators' page).

Two phases: every row is read and normalised first (errors name the row, the column and the
reason); only a file without any error is written, in one transaction, with bulk inserts. A row whose
fingerprint (``import_key``) or name and website are already in the Atlas is left alone, so
re-importing a file changes nothing.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import operator
import queue
import threading
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from sustainai.atlas import facets
from sustainai.atlas.models import (
    Actor,
    Initiative,
    InitiativeCountry,
    ModerationState,
    Scope,
    Topic,
)
from sustainai.atlas.normalise import (
    fold,
    normalise_actor_name,
    parse_geography,
    parse_status,
    parse_topics,
    parse_type,
    parse_website,
    parse_year,
    split_list,
    website_key,
)
from sustainai.atlas.search import POSTGRESQL_TABLE, reindex, vectors
from sustainai.core.progress import make_progress

# Fields a column may feed, with the column names recognised for each (folded, "_" for spaces).
COLUMN_SYNONYMS: dict[str, list[str]] = {
    "name": ["name", "title", "initiative", "initiative_name", "project", "project_name", "nom",
             "titre", "intitule", "nom_de_l_initiative"],
    "aliases": ["aliases", "alias", "acronym", "acronyms", "other_names", "also_known_as", "aka",
                "sigle", "autres_noms"],
    "summary": ["summary", "short_description", "tagline", "abstract", "resume", "summary_en"],
    "description": ["description", "details", "desc", "about", "long_description",
                    "description_en"],
    "type": ["type", "kind", "category", "initiative_type", "type_of_initiative", "categorie",
             "nature"],
    "topics": ["topics", "topic", "themes", "theme", "tags", "keywords", "thematiques",
               "thematique", "sujets"],
    "lead_organisations": ["lead_orgs", "lead_organisations", "lead_organizations", "lead",
                           "leads", "lead_org", "led_by", "organisations", "organizations",
                           "organisation", "organization", "org", "orgs", "owner", "owners",
                           "porteur", "porteurs", "organisme", "organismes", "institution"],
    "partner_organisations": ["partners", "partner", "partner_organisations",
                              "partner_organizations", "partner_orgs", "partenaires",
                              "members", "co_leads"],
    "countries": ["country", "countries", "country_or_region", "countries_or_regions", "region",
                  "regions", "geography", "location", "pays", "zone", "geographie"],
    "scope": ["scope", "portee", "reach"],
    "start_year": ["start_year", "year", "start", "started", "launched", "launch_year",
                   "launch_date", "start_date", "date", "annee", "year_started",
                   "annee_de_lancement"],
    "status": ["status", "state", "statut", "etat", "stage"],
    "website": ["website", "url", "link", "homepage", "home_page", "site", "web", "web_site",
                "site_web", "site_internet", "lien", "webpage"],
    "contact": ["contact", "email", "e_mail", "contact_email", "courriel", "contact_point"],
}  # fmt: skip
IMPORT_FIELDS = list(COLUMN_SYNONYMS)
IGNORE = "ignore"
_SYNONYM_INDEX = {name: f for f, names in COLUMN_SYNONYMS.items() for name in names}
_LIST_FIELDS = {"aliases", "topics", "lead_organisations", "partner_organisations", "countries"}
_SCOPES = {
    "national": Scope.NATIONAL,
    "nationale": Scope.NATIONAL,
    "regional": Scope.REGIONAL,
    "regionale": Scope.REGIONAL,
    "international": Scope.INTERNATIONAL,
    "internationale": Scope.INTERNATIONAL,
    "global": Scope.INTERNATIONAL,
    "worldwide": Scope.INTERNATIONAL,
}
BATCH = 1000
# Rows handed to the writer at a time (see ``_Writer``).
WRITE_BATCH = 10 * BATCH
MAX_SHOWN = 200  # problems listed in full; the rest are counted


def header_key(header) -> str:
    return fold(header if header is not None else "").replace(" ", "_")


def parse_mapping(items) -> dict[str, str]:
    """``["Projet=name", "Pays=countries"]`` → ``{"projet": "name", "pays": "countries"}``."""
    mapping = {}
    for item in items:
        column, sep, target = str(item).partition("=")
        target = target.strip().lower().replace("-", "_")
        if not sep or not column.strip() or not target:
            raise ValueError(_("“%(item)s” is not COLUMN=FIELD") % {"item": item})
        if target not in IMPORT_FIELDS and target != IGNORE:
            raise ValueError(
                _("“%(target)s” is not a field; use one of %(fields)s or %(ignore)s")
                % {"target": target, "fields": ", ".join(IMPORT_FIELDS), "ignore": IGNORE}
            )
        mapping[header_key(column)] = target
    return mapping


@dataclass(frozen=True)
class Problem:
    row: int | None
    column: str | None
    message: str
    unit: str = "row"

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            label = _("Item %(n)s") if self.unit == "item" else _("Row %(n)s")
            where.append(label % {"n": self.row})
        if self.column:
            where.append(_("column “%(column)s”") % {"column": self.column})
        return f"{', '.join(where)}: {self.message}" if where else self.message


@dataclass
class ImportReport:
    source: str
    dry_run: bool
    as_submitted: bool
    rows: int = 0
    to_create: int = 0
    created: int = 0
    unchanged: int = 0
    repeated: int = 0
    columns: dict[str, str | None] = field(default_factory=dict)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    preview: list[dict] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def rate(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


# --- Reading ---------------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _read_csv(data: bytes) -> tuple[list, list[tuple[int, list]]]:
    text = _decode(data)
    sample = text[:65536]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = list(reader)
    if not rows:
        return [], []
    return rows[0], list(enumerate(rows[1:], start=2))


def _read_xlsx(data: bytes) -> tuple[list, list[tuple[int, list]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - any unreadable workbook is the file's fault
        raise ValueError(_("the workbook cannot be read (%(error)s)") % {"error": error}) from None
    try:
        sheet = workbook.worksheets[0]
        headers: list | None = None
        rows = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if headers is None:
                if any(v not in (None, "") for v in values):
                    headers = list(values)
                continue
            rows.append((number, list(values)))
    finally:
        workbook.close()
    return headers or [], rows


def _read_json(data: bytes) -> tuple[list, list[tuple[int, list]]]:
    try:
        document = json.loads(_decode(data))
    except json.JSONDecodeError as error:
        raise ValueError(
            _("the JSON is invalid (line %(line)s: %(msg)s)")
            % {"line": error.lineno, "msg": error.msg}
        ) from None
    if isinstance(document, dict):
        for key in ("initiatives", "items", "data", "results", "records"):
            if isinstance(document.get(key), list):
                document = document[key]
                break
    if not isinstance(document, list) or not all(isinstance(i, dict) for i in document):
        raise ValueError(_("the JSON must be a list of objects (or hold one under “initiatives”)"))
    headers: list[str] = []
    for item in document:
        for key in item:
            if key not in headers:
                headers.append(key)
    return headers, [
        (number, [item.get(h) for h in headers]) for number, item in enumerate(document, start=1)
    ]


def read_table(data: bytes, filename: str) -> tuple[list, list[tuple[int, list]], str]:
    """Headers, numbered rows of cells, and the unit rows are counted in ("row" or "item")."""
    name = filename.lower()
    if name.endswith(".xlsx"):
        return (*_read_xlsx(data), "row")
    if name.endswith(".json"):
        return (*_read_json(data), "item")
    if name.endswith((".csv", ".tsv", ".txt")):
        return (*_read_csv(data), "row")
    raise ValueError(_("the file must be .csv, .tsv, .xlsx or .json"))


# --- Normalising -----------------------------------------------------------------------------


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list | tuple):
        return "; ".join(_text(v) for v in value if v not in (None, ""))
    return " ".join(str(value).split()) if "\n" not in str(value) else str(value).strip()


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut + "…"


class _Row:
    """One row's cells by field (several columns may feed one field)."""

    def __init__(self, cells: dict[str, list[tuple[str, object]]]):
        self.cells = cells

    def column(self, field_name: str) -> str:
        return " + ".join(str(h) for h, _value in self.cells.get(field_name, [])) or field_name

    def first(self, field_name: str):
        for _header, value in self.cells.get(field_name, []):
            if value not in (None, ""):
                return value
        return None

    def all(self, field_name: str) -> list:
        return [v for _header, v in self.cells.get(field_name, []) if v not in (None, "")]


def _memo(memo: dict, kind: str, key, compute):
    """``compute()``, remembered per ``(kind, key)``: cells repeat a lot in real files."""
    try:
        return memo[kind, key]
    except TypeError:  # an unhashable cell (a JSON object): nothing to remember
        memo = {}
        return _memo(memo, kind, None, compute)
    except KeyError:
        try:
            result: tuple[Any, str | None] = (compute(), None)
        except ValueError as error:
            result = (None, str(error))
        memo[kind, key] = result
        return result


def normalise_row(row: _Row, known_topics: dict[str, str], memo: dict | None = None):
    """(values, errors, warnings) for one row; errors and warnings are (column, message).

    ``memo`` (a dict kept across the rows of a file) remembers the parse of repeated cells.
    """
    memo = {} if memo is None else memo
    errors: list[tuple[str, str]] = []
    warnings: list[tuple[str, str]] = []

    name = " ".join(_text(row.first("name")).split())
    if not name:
        errors.append((row.column("name"), _("the name is empty")))
    elif len(name) > 300:
        errors.append((row.column("name"), _("the name is longer than 300 characters")))

    summary = _text(row.first("summary"))
    description = _text(row.first("description"))
    if len(summary) > 500:
        if description:
            errors.append((row.column("summary"), _("the summary is longer than 500 characters")))
        else:
            description, summary = summary, _shorten(summary, 500)
            warnings.append(
                (row.column("summary"), _("summary over 500 characters: kept as the description"))
            )

    raw_type = _text(row.first("type"))
    (kind, recognised), _error = _memo(memo, "type", raw_type, lambda: parse_type(raw_type))
    if not recognised:
        warnings.append(
            (
                row.column("type"),
                _("type “%(value)s” is unknown: recorded as other") % {"value": raw_type},
            )
        )

    cells = tuple(_text(v) for v in row.all("topics"))
    (topics, unknown_topics), _error = _memo(
        memo, "topics", cells, lambda: parse_topics(list(cells), known_topics)
    )
    for item in unknown_topics:
        warnings.append(
            (row.column("topics"), _("topic “%(value)s” is unknown: left out") % {"value": item})
        )

    organisations = {}
    for field_name in ("lead_organisations", "partner_organisations"):
        cells = tuple(_text(v) for v in row.all(field_name))
        names, _error = _memo(
            memo, "list", cells, lambda cells=cells: split_list(cells, commas=True)
        )
        for org in names:
            if len(org) > 255:
                errors.append(
                    (
                        row.column(field_name),
                        _("“%(value)s…” is over 255 characters") % {"value": org[:40]},
                    )
                )
        organisations[field_name] = list(names)

    cells = tuple(_text(v) for v in row.all("countries"))
    geography, _error = _memo(memo, "geography", cells, lambda: parse_geography(list(cells)))
    for place in geography.unknown:
        errors.append(
            (
                row.column("countries"),
                _("“%(value)s” is not a country or region") % {"value": place},
            )
        )
    raw_scope = _text(row.first("scope"))
    if raw_scope:
        scope: str | None = _SCOPES.get(fold(raw_scope))
        if scope is None:
            errors.append(
                (
                    row.column("scope"),
                    _("“%(value)s” is not national, regional or international")
                    % {"value": raw_scope},
                )
            )
            scope = geography.scope()
        scope = str(scope)
    else:
        scope = geography.scope()

    raw_year = row.first("start_year")
    start_year, error = _memo(memo, "year", raw_year, lambda: parse_year(raw_year))
    if error:
        errors.append((row.column("start_year"), error))
    raw_status = _text(row.first("status"))
    status, error = _memo(memo, "status", raw_status, lambda: parse_status(raw_status))
    if error:
        errors.append((row.column("status"), error))
    try:
        website = parse_website(_text(row.first("website")))
    except ValueError as error:
        errors.append((row.column("website"), str(error)))
        website = ""
    contact = _text(row.first("contact"))
    if len(contact) > 255:
        errors.append((row.column("contact"), _("the contact is longer than 255 characters")))

    values = {
        "name": name,
        "aliases": split_list([_text(v) for v in row.all("aliases")]),
        "summary": summary,
        "description": description,
        "type": kind,
        "topics": sorted(topics),
        "lead_organisations": organisations["lead_organisations"],
        "partner_organisations": organisations["partner_organisations"],
        "countries": sorted(geography.countries),
        "scope": scope,
        "regions": list(geography.regions),
        "start_year": start_year,
        "status": status or "",
        "website": website,
        "contact": contact,
    }
    return values, errors, warnings


def fingerprint(values: dict) -> str:
    """A stable digest of a normalised row (``values`` always lists its fields in one order)."""
    return hashlib.sha256(repr(tuple(values.items())).encode()).hexdigest()


# --- Importing -------------------------------------------------------------------------------


def import_initiatives(
    data: bytes,
    *,
    filename: str,
    mapping: dict[str, str] | None = None,
    dry_run: bool = False,
    as_submitted: bool = False,
    source: str = "",
    by=None,
    progress: bool = False,
    preview_rows: int = 10,
) -> ImportReport:
    """Check every row of the file, then (unless ``dry_run`` or any error) write the new ones.

    Entries are published, or queued for moderation with ``as_submitted``. ``by`` is the
    coordinator importing (recorded as submitter and in the history); ``None`` from the console.
    """
    started = time.perf_counter()
    source = (source or filename).strip()[:255]
    report = ImportReport(source=source, dry_run=dry_run, as_submitted=as_submitted)
    mapping = mapping or {}
    try:
        headers, rows, unit = read_table(data, filename)
    except ValueError as error:
        report.errors.append(
            Problem(None, None, _("The file cannot be read: %(error)s.") % {"error": error})
        )
        return report

    columns = _resolve_columns(headers, mapping, report)
    if report.errors:
        return report

    known_topics = {}
    for slug, name in Topic.objects.values_list("slug", "name"):
        known_topics[fold(slug)] = known_topics[fold(name)] = slug
    existing_keys = set(
        Initiative.objects.exclude(import_key="").values_list("import_key", flat=True)
    )
    existing_pairs = {
        (fold(name), website_key(site))
        for name, site in Initiative.objects.values_list("name", "website").iterator(2000)
    }
    seen: dict[object, int] = {}
    memo: dict = {}
    pending: list[tuple[int, dict, str]] = []
    written = 0  # rows of ``pending`` handed to the writer

    with make_progress(disable=not progress) as bar, ExitStack() as writing:
        task = bar.add_task("Checking rows", total=len(rows))
        write_task = None
        writer: _Writer | None = None

        def write_pending(*, final: bool) -> None:
            nonlocal written, writer, write_task
            while len(pending) - written >= WRITE_BATCH or (final and written < len(pending)):
                if writer is None:
                    write_task = bar.add_task("Importing", total=None)
                    writing.enter_context(transaction.atomic())
                    writer = _Writer(
                        source=source,
                        by=by,
                        as_submitted=as_submitted,
                        advance=lambda n, task_id=write_task: bar.advance(task_id, n),
                    )
                writer.put(pending[written : written + WRITE_BATCH])
                written = min(len(pending), written + WRITE_BATCH)

        for index, (number, cells) in enumerate(rows, start=1):
            if index % 500 == 0 or index == len(rows):
                bar.update(task, completed=index)
            if all(c is None or str(c).strip() == "" for c in cells):
                continue
            report.rows += 1
            row = _Row(_gather(columns, headers, cells))
            values, errors, warnings = normalise_row(row, known_topics, memo)
            report.errors.extend(Problem(number, column, msg, unit) for column, msg in errors)
            report.warnings.extend(Problem(number, column, msg, unit) for column, msg in warnings)
            if errors:
                continue
            key = fingerprint(values)
            pair = (fold(values["name"]), website_key(values["website"]))
            if key in existing_keys or pair in existing_pairs:
                report.unchanged += 1
                continue
            if key in seen or pair in seen:
                report.repeated += 1
                first = seen.get(key) or seen[pair]
                report.warnings.append(
                    Problem(
                        number,
                        None,
                        (
                            _("same initiative as item %(n)s: imported once")
                            if unit == "item"
                            else _("same initiative as row %(n)s: imported once")
                        )
                        % {"n": first},
                        unit,
                    )
                )
                continue
            seen[key] = seen[pair] = number
            pending.append((number, values, key))
            if len(report.preview) < preview_rows:
                report.preview.append(values)
            if not report.errors and not dry_run:
                write_pending(final=False)  # while the next rows are checked

        report.to_create = len(pending)
        if not report.errors and not dry_run:
            write_pending(final=True)
        if writer is not None:
            try:
                writer.finish()
            except BaseException:
                report.created = 0
                raise
            if report.errors:
                # Rows were written before a wrong one was met: the transaction is undone.
                transaction.set_rollback(True)
            else:
                report.created = len(pending)
    report.seconds = time.perf_counter() - started
    return report


def _resolve_columns(headers: list, mapping: dict[str, str], report: ImportReport) -> list:
    columns: list[str | None] = []
    keys = [header_key(h) for h in headers]
    for column in mapping:
        if column not in keys:
            report.errors.append(
                Problem(None, column, _("the mapping names a column that the file does not have"))
            )
    for header, key in zip(headers, keys, strict=True):
        target = mapping.get(key) or _SYNONYM_INDEX.get(key)
        if target == IGNORE:
            target = None
        elif target is None and key:
            report.warnings.append(
                Problem(
                    None,
                    str(header),
                    _("not recognised, ignored (map it: --map '%(column)s=FIELD')")
                    % {"column": header},
                )
            )
        columns.append(target)
        report.columns[str(header)] = target
    if "name" not in columns:
        expected = ", ".join(COLUMN_SYNONYMS["name"][:4])
        report.errors.append(
            Problem(
                None,
                None,
                _(
                    "No column gives the initiatives' names (expected one of %(expected)s…; "
                    "or map one with --map COLUMN=name)."
                )
                % {"expected": expected},
            )
        )
    return columns


def _gather(columns: list, headers: list, cells: list) -> dict[str, list[tuple[str, object]]]:
    gathered: dict[str, list[tuple[str, object]]] = {}
    for target, header, value in zip(columns, headers, cells, strict=False):
        if target is not None:
            gathered.setdefault(target, []).append((header, value))
    return gathered


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


class _Writer:
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


def _organisations_text(values: dict, names: dict[str, str]) -> str:
    """The organisations' names as ``search.text_columns`` reads them: leads, then partners."""
    parts = [
        " ".join(names[_actor_key(n)] for n in _unique_keys(values[field]))
        for field in ("lead_organisations", "partner_organisations")
    ]
    return " ".join(parts)


def _write_batch(
    batch, documents, *, state, now, by_id, source, reason, names, actor_ids, topic_ids, taken
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
                    _organisations_text(values, names),
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
    ``search.vectors`` and ``facets.documents`` on a second connection (a thread of ours, a
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
        """``texts``: rows for ``search.vectors``; ``keys``: rows for ``facets.documents``."""
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
