"""Exports of a consultation's answers, for coordinators: CSV and XLSX, one row per organisation."""

from __future__ import annotations

import csv
import datetime
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from sustainai.consultations import selectors
from sustainai.consultations.models import Consultation, QuestionKind

# Spreadsheet programs run a cell starting with one of these as a formula (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def table(consultation: Consultation) -> tuple[list[str], list[list]]:
    """The header and one row per answer; choices joined by "; "."""
    questions = selectors.questions(consultation)
    header = [
        _("Organisation"),
        _("Kind"),
        _("Country"),
        _("Contact name"),
        _("Contact e-mail"),
        _("Submitted (UTC)"),
        _("Updated (UTC)"),
        *[question.text for question in questions],
        _("Proposed initiatives"),
    ]
    rows = []
    for answer in selectors.answers_for_export(consultation):
        items = {item.question_id: item for item in answer.items.all()}
        cells = []
        for question in questions:
            item = items.get(question.pk)
            if item is None:
                cells.append("")
            elif question.kind == QuestionKind.TEXT:
                cells.append(item.text)
            else:
                cells.append("; ".join(choice.label for choice in item.choices.all()))
        organisation = answer.organisation
        rows.append(
            [
                organisation.name,
                organisation.get_kind_display(),
                organisation.country.code,
                answer.contact_name,
                answer.contact_email,
                answer.submitted_at.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M"),
                answer.updated_at.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M"),
                *cells,
                "; ".join(p.name for p in answer.proposed_initiatives.all()),
            ]
        )
    return [str(h) for h in header], rows


def to_csv(consultation: Consultation) -> str:
    header, rows = table(consultation)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(h) for h in header])
    writer.writerows([[safe_cell(cell) for cell in row] for row in rows])
    return buffer.getvalue()


def to_xlsx(consultation: Consultation) -> bytes:
    header, rows = table(consultation)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(_("Answers"))
    sheet.append([safe_cell(h) for h in header])
    for row in rows:
        sheet.append([safe_cell(cell) for cell in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "B2"
    summary = workbook.create_sheet(str(_("Counts")))
    summary.append([str(_("Question")), str(_("Choice")), str(_("Organisations"))])
    total, results = selectors.results(consultation)
    for result in results:
        for label, count in result.choices:
            summary.append([safe_cell(result.question.text), safe_cell(label), count])
    summary.append([str(_("Organisations that answered")), "", total])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
