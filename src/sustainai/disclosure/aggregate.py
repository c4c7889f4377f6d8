"""From a file of contributions to the cells that may be published.

The file is CSV with a header: ``organisation, group_of_companies, metric, value`` plus the
grouping columns (``group_of_companies`` may be absent or empty). Rows are numbered as a
spreadsheet shows them: the header is row 1.
"""

from __future__ import annotations

import csv
import math
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TextIO

from sustainai.disclosure.rules import Contribution, DisclosureError, Parameters
from sustainai.disclosure.suppression import PublishedCell, publish
from sustainai.disclosure.tables import build_table

MAX_ROWS = 200_000
MAX_FIELD = 200
# A figure larger than this is a typing error, whatever the unit (1e15 kWh is 50 times the
# world's yearly electricity).
MAX_VALUE = 1e15

Row = tuple[dict[str, str], Contribution]


def _text(row: int, column: str, raw: str | None) -> str:
    value = (raw or "").strip()
    if len(value) > MAX_FIELD:
        raise DisclosureError(f"row {row}: {column}: longer than {MAX_FIELD} characters")
    if any(unicodedata.category(char) == "Cc" for char in value):
        raise DisclosureError(f"row {row}: {column}: contains a control character")
    return value


def read_contributions(stream: TextIO, metric: str, by: Sequence[str]) -> list[Row]:
    """The rows of ``metric`` in a CSV stream, checked; the first bad field raises, naming it."""
    reader = csv.DictReader(stream)
    header = [name.strip() for name in reader.fieldnames or []]
    reader.fieldnames = header
    missing = [name for name in ("organisation", "metric", "value", *by) if name not in header]
    if missing:
        raise DisclosureError(f"row 1: missing column(s): {', '.join(missing)}")
    rows: list[Row] = []
    for number, record in enumerate(reader, start=2):
        if number - 1 > MAX_ROWS:
            raise DisclosureError(f"row {number}: more than {MAX_ROWS:,} rows")
        if None in record:
            raise DisclosureError(f"row {number}: more fields than the header has")
        if _text(number, "metric", record["metric"]) != metric:
            continue
        organisation = _text(number, "organisation", record["organisation"])
        if not organisation:
            raise DisclosureError(f"row {number}: organisation: a value is required")
        raw_value = _text(number, "value", record["value"])
        try:
            value = float(raw_value)
        except ValueError:
            raise DisclosureError(f"row {number}: value: {raw_value!r} is not a number") from None
        if not math.isfinite(value) or value < 0 or value > MAX_VALUE:
            raise DisclosureError(
                f"row {number}: value: must be a finite number from 0 to {MAX_VALUE:g}"
            )
        groups = {column: _text(number, column, record[column]) for column in by}
        for column, group in groups.items():
            if not group:
                raise DisclosureError(f"row {number}: {column}: a value is required")
        group_of_companies = _text(number, "group_of_companies", record.get("group_of_companies"))
        rows.append((groups, Contribution(organisation, value, group_of_companies)))
    if not rows:
        raise DisclosureError(f"metric: no row has the metric {metric!r}")
    return rows


def _as_json(cell: PublishedCell, columns: Sequence[str]) -> dict[str, Any]:
    return {
        "group": {
            column: value
            for column, value in zip(columns, cell.key, strict=True)
            if value is not None
        },
        "value": cell.value,
        "contributors": cell.contributors,
        "suppressed": cell.suppressed,
        "reason": None if cell.reason is None else cell.reason.value,
    }


def aggregate(
    rows: Iterable[tuple[Mapping[str, str], Contribution]],
    by: Sequence[str],
    parameters: Parameters | None = None,
) -> dict[str, Any]:
    """``{"cells": [...], "total": {...}}``: inner cells and margins, then the grand total."""
    table = build_table(rows, by)
    cells = publish(table, parameters or Parameters())
    grand = table.grand_total
    return {
        "cells": [_as_json(cell, table.columns) for cell in cells if cell.key != grand],
        "total": next(_as_json(cell, table.columns) for cell in cells if cell.key == grand),
    }
