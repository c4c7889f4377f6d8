"""CSV and XLSX exports of a call's expressions of interest (coordinators only: contacts inside)."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook

COLUMNS = [
    "organisation",
    "kind",
    "country",
    "workstream",
    "role",
    "motivation",
    "contact_name",
    "contact_email",
    "submitted_at",
    "updated_at",
]


def _safe(value):
    # A cell starting with = + - @ is a formula for spreadsheets; neutralise it (CSV injection).
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def to_csv(rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _safe(row[key]) for key in COLUMNS})
    return buffer.getvalue()


def to_xlsx(rows: list[dict], *, title: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(COLUMNS)
    for row in rows:
        sheet.append([_safe(row[key]) for key in COLUMNS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
