"""Reading a file of initiatives (CSV, XLSX or JSON) into a header and numbered rows of cells."""

from __future__ import annotations

import codecs
import csv
import io
import json
import zipfile

from django.utils.translation import gettext as _

from sustainai.core import bounded_json

# What an XLSX may hold once unzipped; checked before openpyxl opens it, so that a small zip bomb
# is refused before it costs memory. Real files of initiatives are a few megabytes unzipped.
MAX_XLSX_UNCOMPRESSED = 100 * 1024 * 1024


def _decode(data: bytes) -> str:
    """UTF-16 or UTF-32 with a byte order mark, UTF-8 (with or without one), else Windows-1252.

    Latin-1 is never guessed: it would turn the bytes 0x80–0x9F into control characters.
    """
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        encoding = "utf-32"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            encoding = "cp1252"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise ValueError(
            _(
                "the text is neither UTF-8, UTF-16 nor Windows-1252 (byte 0x%(byte)02X at "
                "position %(position)s); save it as UTF-8"
            )
            % {"byte": error.object[error.start], "position": error.start}
        ) from None


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
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unzipped = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as error:
        raise ValueError(_("the workbook cannot be read (%(error)s)") % {"error": error}) from None
    if unzipped > MAX_XLSX_UNCOMPRESSED:
        raise ValueError(
            _("the workbook unzips to %(size)s MB, more than the %(limit)s MB an import takes")
            % {"size": unzipped // 2**20, "limit": MAX_XLSX_UNCOMPRESSED // 2**20}
        )
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
        document = bounded_json.loads(_decode(data))
    except json.JSONDecodeError as error:
        raise ValueError(
            _("the JSON is invalid (line %(line)s: %(msg)s)")
            % {"line": error.lineno, "msg": error.msg}
        ) from None
    except bounded_json.JSONTooComplex:
        raise ValueError(
            _(
                "the JSON is nested more than %(depth)s levels deep or holds a number out of "
                "range (over %(digits)s digits, or not finite)"
            )
            % {"depth": bounded_json.MAX_DEPTH, "digits": bounded_json.MAX_DIGITS}
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
