"""CSV and XLSX exports of a call's expressions of interest (coordinators only: contacts inside)."""

from __future__ import annotations

from sustainai.core import spreadsheets

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


def _table(rows: list[dict]) -> list[list]:
    return [[row[key] for key in COLUMNS] for row in rows]


def to_csv(rows: list[dict]) -> str:
    return spreadsheets.csv_text(COLUMNS, _table(rows))


def to_xlsx(rows: list[dict], *, title: str) -> bytes:
    return spreadsheets.xlsx_bytes([(title, COLUMNS, _table(rows))])
