"""Import of initiatives from CSV, XLSX and JSON files (the command and the coordinators' page).

Two phases: every row is read (``reader``) and normalised (``columns``) first (errors name the
row, the column and the reason); only a file without any error is written (``writer``), in one
transaction, with bulk inserts. A row whose fingerprint (``import_key``) or name and website are
already in the Atlas is left alone, so re-importing a file changes nothing.
"""

from __future__ import annotations

import time
from contextlib import ExitStack

from django.db import transaction
from django.utils.translation import gettext as _

from sustainai.atlas.importing.columns import (
    IMPORT_FIELDS,
    Row,
    control_character_errors,
    fingerprint,
    gather_cells,
    header_errors,
    normalise_row,
    parse_mapping,
    place_mapping,
    resolve_columns,
)
from sustainai.atlas.importing.reader import read_table
from sustainai.atlas.importing.report import MAX_SHOWN, ImportReport, Problem
from sustainai.atlas.importing.writer import BATCH, BatchWriter
from sustainai.atlas.models import Initiative, Topic
from sustainai.atlas.normalise import fold_case_accents_punctuation, website_key
from sustainai.core.progress import make_progress

__all__ = [
    "IMPORT_FIELDS",
    "MAX_SHOWN",
    "ImportReport",
    "Problem",
    "import_initiatives",
    "parse_mapping",
]

# Rows handed to the writer at a time (see ``writer.BatchWriter``).
WRITE_BATCH = 10 * BATCH


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

    report.errors.extend(Problem(None, None, message) for message in header_errors(headers))
    if report.errors:
        return report
    columns = resolve_columns(headers, mapping, report)
    if report.errors:
        return report

    known_topics = {}
    for slug, name in Topic.objects.values_list("slug", "name"):
        known_topics[fold_case_accents_punctuation(slug)] = known_topics[
            fold_case_accents_punctuation(name)
        ] = slug
    existing_keys = set(
        Initiative.objects.exclude(import_key="").values_list("import_key", flat=True)
    )
    existing_pairs = {
        (fold_case_accents_punctuation(name), website_key(site))
        for name, site in Initiative.objects.values_list("name", "website").iterator(2000)
    }
    seen: dict[object, int] = {}
    memo: dict = {}
    known_places = place_mapping(mapping)
    pending: list[tuple[int, dict, str]] = []
    written = 0  # rows of ``pending`` handed to the writer

    with make_progress(disable=not progress) as bar, ExitStack() as writing:
        task = bar.add_task("Checking rows", total=len(rows))
        write_task = None
        writer: BatchWriter | None = None

        def write_pending(*, final: bool) -> None:
            nonlocal written, writer, write_task
            while len(pending) - written >= WRITE_BATCH or (final and written < len(pending)):
                if writer is None:
                    write_task = bar.add_task("Importing", total=None)
                    writing.enter_context(transaction.atomic())
                    writer = BatchWriter(
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
            control = control_character_errors(headers, cells)
            if control:
                report.errors.extend(Problem(number, column, msg, unit) for column, msg in control)
                continue
            row = Row(gather_cells(columns, headers, cells))
            values, errors, warnings = normalise_row(row, known_topics, memo, known_places)
            report.errors.extend(Problem(number, column, msg, unit) for column, msg in errors)
            report.warnings.extend(Problem(number, column, msg, unit) for column, msg in warnings)
            if errors:
                continue
            key = fingerprint(values)
            pair = (fold_case_accents_punctuation(values["name"]), website_key(values["website"]))
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
