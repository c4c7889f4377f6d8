"""Rows of an uploaded file of figures (CSV, XLSX or JSON), read by the Atlas's import reader
(encodings, zip-bomb guard), numbered as a spreadsheet shows them: the header is row 1."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from sustainai.atlas.importing.reader import read_table

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5_000
COLUMNS = (
    "metric",
    "year",
    "value",
    "unit",
    "region",
    "sector",
    "model_class",
    "method",
    "evidence",
    "scope",
)


def read_rows(upload) -> list[tuple[int, dict[str, Any]]]:
    """``(row number, {column: value})`` for each non-empty row; the first problem raises."""
    if upload.size > MAX_BYTES:
        raise ValidationError(_("The file is larger than 2 MB."))
    try:
        header, rows, _unit = read_table(upload.read(), upload.name)
    except ValueError as error:
        raise ValidationError(str(error)) from None
    names = [str(cell or "").strip().lower() for cell in header]
    missing = [column for column in COLUMNS if column not in names]
    if missing:
        raise ValidationError(
            _("row 1: missing column(s): %(columns)s") % {"columns": ", ".join(missing)}
        )
    if len(rows) > MAX_ROWS:
        raise ValidationError(_("More than %(count)s rows.") % {"count": MAX_ROWS})
    records = []
    for number, values in rows:
        if all(value in (None, "") for value in values):
            continue
        record = dict(zip(names, values, strict=False))
        records.append((number, {c: "" if record.get(c) is None else record[c] for c in COLUMNS}))
    return records
