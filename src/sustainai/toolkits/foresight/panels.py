"""What the foresight toolkit shows elsewhere: its workstream's space and the event reports."""

from __future__ import annotations

import datetime

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from sustainai.core.registry import Figure, ReportSection
from sustainai.foresight import PRESETS


def workstream_panel(request, workstream) -> str:
    return render_to_string(
        "foresight/_panel.html", {"presets": PRESETS.values(), "workstream": workstream}, request
    )


def report_section(start: datetime.date, end: datetime.date) -> ReportSection:
    return ReportSection(
        _("Agentic AI foresight"),
        figures=[Figure(len(PRESETS), _("scenario presets, each with its sources"), order=100)],
        items=[f"{p.title}: {p.description}" for p in PRESETS.values()],
        order=520,
    )
