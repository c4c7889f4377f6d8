"""Reading a file of standards (CSV or XLSX) into checked rows, before anything is written.

Columns: ``body, identifier, title, status, date, scope, lifecycle_phases, url`` (required: the
identifier and the title), and optionally ``source_title, source_url``. Other columns are ignored
with a warning; free-text phases and dimensions are mapped through the roadmap's synonyms and the
terms that map to nothing are reported. Errors name the row (as a spreadsheet numbers it, the
header being row 1) and the column.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from sustainai.atlas.importing.reader import read_table
from sustainai.roadmap import vocabulary

COLUMNS = ("body", "identifier", "title", "status", "date", "scope", "lifecycle_phases", "url")
OPTIONAL = ("source_title", "source_url")
MAX_ROWS = 5000
MAX_BYTES = 5 * 1024 * 1024
LIMITS = {"body": 200, "identifier": 200, "title": 500, "url": 500, "source_title": 300}


class FileError(Exception):
    """The file cannot be imported; ``errors`` lists every problem found."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass
class Row:
    line: int
    body: str
    identifier: str
    title: str
    status: str
    date: datetime.date | None
    phases: tuple[str, ...]
    dimensions: tuple[str, ...]
    url: str
    source_title: str = ""
    source_url: str = ""


@dataclass
class Parsed:
    rows: list[Row] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _records(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the numbered rows, read by the Atlas's import reader (encodings, CSV
    delimiters, a size limit on what an XLSX unzips to)."""
    if path.stat().st_size > MAX_BYTES:
        raise FileError([f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB"])
    if path.suffix.lower() not in (".csv", ".xlsx"):
        raise FileError([f"{path.name}: a .csv or .xlsx file is expected"])
    try:
        header, rows, _unit = read_table(path.read_bytes(), path.name)
    except ValueError as error:
        raise FileError([f"{path.name}: {error}"]) from None

    def texts(cells: list) -> list[str]:
        return ["" if cell is None else _cell_text(cell) for cell in cells]

    return texts(header), [(line, texts(cells)) for line, cells in rows]


def _cell_text(value: object) -> str:
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


_url = URLValidator(schemes=["http", "https"])


def parse(path: Path) -> Parsed:
    """The file's rows, checked; raises :class:`FileError` with every error found."""
    header_cells, rows = _records(path)
    if not header_cells:
        raise FileError(["the file is empty"])
    header = [name.strip().lower() for name in header_cells]
    missing = [name for name in COLUMNS if name not in header]
    if missing:
        raise FileError([f"missing column(s): {', '.join(missing)}"])
    parsed = Parsed()
    extra = [name for name in header if name and name not in COLUMNS + OPTIONAL]
    if extra:
        parsed.warnings.append(f"ignored column(s): {', '.join(extra)}")
    if len(rows) > MAX_ROWS:
        raise FileError([f"more than {MAX_ROWS} rows"])
    errors: list[str] = []
    seen: dict[str, int] = {}
    for line, record in rows:
        if not any(cell.strip() for cell in record):
            continue
        values = {
            name: (record[i].strip() if i < len(record) else "") for i, name in enumerate(header)
        }
        row_errors: list[str] = []

        def error(column: str, message: str) -> None:
            row_errors.append(f"row {line}, column {column}: {message}")  # noqa: B023

        for column, value in values.items():
            if column in COLUMNS + OPTIONAL and any(ord(c) < 32 or ord(c) == 127 for c in value):
                error(column, "control characters are not allowed")
            if column in LIMITS and len(value) > LIMITS[column]:
                error(column, f"longer than {LIMITS[column]} characters")
        for column in ("identifier", "title"):
            if not values[column]:
                error(column, "required")
        status = vocabulary.status_of(values["status"])
        if status is None:
            error(
                "status",
                f"unknown status {values['status']!r} (one of {', '.join(vocabulary.STATUSES)})",
            )
        try:
            date = vocabulary.parse_date(values["date"])
        except ValueError as exc:
            error("date", str(exc))
            date = None
        for column in ("url", "source_url"):
            if values.get(column):
                try:
                    _url(values[column])
                except ValidationError:
                    error(column, f"{values[column]!r} is not an http(s) URL")
        phases = vocabulary.map_phases(values["lifecycle_phases"])
        dimensions = vocabulary.map_dimensions(values["scope"])
        if row_errors:
            errors.extend(row_errors)
            continue
        for term in phases.unknown:
            parsed.warnings.append(f"row {line}, column lifecycle_phases: unknown phase {term!r}")
        for term in dimensions.unknown:
            parsed.warnings.append(f"row {line}, column scope: unknown dimension {term!r}")
        identifier = values["identifier"]
        if identifier in seen:
            parsed.warnings.append(
                f"row {line}, column identifier: {identifier!r} already on row "
                f"{seen[identifier]}; row {line} ignored"
            )
            continue
        seen[identifier] = line
        assert status is not None
        parsed.rows.append(
            Row(
                line=line,
                body=values["body"],
                identifier=identifier,
                title=values["title"],
                status=status,
                date=date,
                phases=phases.terms,
                dimensions=dimensions.terms,
                url=values["url"],
                source_title=values.get("source_title", ""),
                source_url=values.get("source_url", ""),
            )
        )
    if errors:
        raise FileError(errors)
    return parsed
