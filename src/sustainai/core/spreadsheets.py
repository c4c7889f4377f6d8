"""Every table the platform exports (CSV and XLSX) is written here, so that each is safe to open.

A spreadsheet program runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or a
carriage return before one) as a formula: a text cell starting so is prefixed with an apostrophe,
which shows the text as typed (CSV/formula injection). Control characters other than tab, line
feed and carriage return are removed: nothing legitimate needs them, and XLSX cannot hold them
(openpyxl refuses the whole file). Numbers, dates and empty cells pass unchanged.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def safe_cell(value: Any) -> Any:
    """``value`` as a spreadsheet may hold it without running it (see the module's docstring)."""
    if not isinstance(value, str):
        return value
    value = CONTROL_CHARACTERS.sub("", value)
    if value.startswith(FORMULA_START):
        return "'" + value
    return value


def safe_row(row: Iterable[Any]) -> list[Any]:
    return [safe_cell(cell) for cell in row]


class _Echo:
    """A file-like object whose write returns the line, for streaming csv.writer's output."""

    def write(self, value: str) -> str:
        return value


def csv_lines(
    header: Sequence[Any], rows: Iterable[Iterable[Any]], *, bom: bool = False
) -> Iterator[str]:
    """The CSV text line by line (for a streaming response); ``bom`` lets spreadsheet programs
    read UTF-8."""
    writer = csv.writer(_Echo())
    if bom:
        yield "\ufeff"
    yield writer.writerow(safe_row(header))
    for row in rows:
        yield writer.writerow(safe_row(row))


def csv_text(header: Sequence[Any], rows: Iterable[Iterable[Any]]) -> str:
    return "".join(csv_lines(header, rows))


def xlsx_bytes(
    sheets: Sequence[tuple[str, Sequence[Any], Iterable[Iterable[Any]]]],
    *,
    bold_header: bool = False,
    freeze: str | None = None,
) -> bytes:
    """A workbook of ``(title, header, rows)`` sheets, written in streaming mode unless a bold
    header or frozen panes (``freeze``, on the first sheet) are asked for: openpyxl's write-only
    mode has neither."""
    write_only = not bold_header and freeze is None
    workbook = Workbook(write_only=write_only)
    if not write_only:
        workbook.remove(workbook.active)
    for position, (title, header, rows) in enumerate(sheets):
        sheet = workbook.create_sheet(str(title)[:31])
        sheet.append(safe_row(header))
        for row in rows:
            sheet.append(safe_row(row))
        if not write_only:
            if bold_header:
                for cell in sheet[1]:
                    cell.font = Font(bold=True)
            if freeze and position == 0:
                sheet.freeze_panes = freeze
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
