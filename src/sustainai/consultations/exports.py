"""Exports of a consultation's answers, for coordinators: CSV and XLSX, one row per organisation."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from sustainai.consultations import selectors
from sustainai.consultations.models import Consultation, QuestionKind
from sustainai.core import spreadsheets


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
    return spreadsheets.csv_text(header, rows)


def to_xlsx(consultation: Consultation) -> bytes:
    header, rows = table(consultation)
    total, results = selectors.results(consultation)
    counts = [
        [result.question.text, label, count]
        for result in results
        for label, count in result.choices
    ]
    counts.append([str(_("Organisations that answered")), "", total])
    return spreadsheets.xlsx_bytes(
        [
            (_("Answers"), header, rows),
            (_("Counts"), [str(_("Question")), str(_("Choice")), str(_("Organisations"))], counts),
        ],
        bold_header=True,
        freeze="B2",
    )
