"""What the foresight toolkit shows elsewhere: its workstream's space and the event reports."""

from __future__ import annotations

import datetime

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sustainai.core.registry import Figure, ReportSection
from sustainai.toolkits.foresight import selectors
from sustainai.toolkits.foresight.labels import PRESET_TITLES


def workstream_panel(request, workstream) -> str:
    return render_to_string(
        "foresight/_panel.html",
        {
            "presets": PRESET_TITLES.items(),
            "workstream": workstream,
            "saved": selectors.saved_scenarios(workstream),
        },
        request,
    )


def report_section(start: datetime.date, end: datetime.date) -> ReportSection | None:
    """The scenarios the workstream saved in the period (real ones only), or nothing."""
    saved = selectors.saved_between(start, end)
    if not saved:
        return None
    return ReportSection(
        _("Agentic AI foresight"),
        figures=[
            Figure(
                len(saved),
                ngettext("scenario saved", "scenarios saved", len(saved)),
                order=100,
                key="saved",
            )
        ],
        items=[scenario.title for scenario in saved],
        order=520,
    )
