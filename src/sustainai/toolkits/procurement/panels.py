"""What the procurement toolkit shows elsewhere: its workstream's space and the event reports."""

from __future__ import annotations

import datetime

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sustainai.core.registry import Figure, ReportSection
from sustainai.toolkits.procurement import selectors


def workstream_panel(request, workstream) -> str:
    return render_to_string(
        "procurement/_panel.html",
        {"criteria_count": selectors.published_count(), "pending": selectors.pending_count(None)},
        request,
    )


def report_section(start: datetime.date, end: datetime.date) -> ReportSection | None:
    """Tender packs built in the period (real ones only) and the criteria in the library."""
    packs = selectors.packs_between(start, end)
    criteria = selectors.published_count()
    if not packs and not criteria:
        return None
    return ReportSection(
        _("Public procurement toolkit"),
        figures=[
            Figure(packs, ngettext("tender pack built", "tender packs built", packs), order=100),
            Figure(
                criteria,
                ngettext("criterion in the library", "criteria in the library", criteria),
                order=110,
            ),
        ],
        order=480,
    )
