"""Reading a file of initiatives (CSV, XLSX or JSON) into a header and numbered rows of cells."""

from __future__ import annotations

import csv
import io
import json

from django.utils.translation import gettext as _


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
