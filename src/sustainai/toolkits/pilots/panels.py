"""What the pilots showcase shows elsewhere: its workstream's space and the event reports."""

from __future__ import annotations

import datetime

from django.db.models import Count
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sustainai.core.registry import Figure, ReportSection
from sustainai.toolkits.pilots import selectors
from sustainai.toolkits.pilots.models import Pilot, State
from sustainai.toolkits.pilots.templatetags.pilot_figures import kg_range


def workstream_panel(request, workstream) -> str:
    counts = dict(
        (state, n)
        for state, n in Pilot.objects.filter(workstream=workstream)
        .values_list("state")
        .annotate(n=Count("pk"))
        .values_list("state", "n")
    )
    return render_to_string(
        "pilots/_panel.html",
        {
            "published": counts.get(State.PUBLISHED, 0),
            "pending": counts.get(State.SUBMITTED, 0),
        },
        request,
    )


def report_section(start: datetime.date, end: datetime.date) -> ReportSection | None:
    """The pilots published in the period (real ones only) and their total net effect with its
    range, over the pilots whose figures are public; nothing when none was published."""
    pilots = selectors.published_between(start, end)
    if not pilots:
        return None
    totals = selectors.totals(pilots)
    items = [pilot.title for pilot in pilots]
    items.append(
        ngettext(
            "Total net effect: %(net)s kg CO2e a year (%(n)d pilot with public figures).",
            "Total net effect: %(net)s kg CO2e a year (%(n)d pilots with public figures).",
            totals.counted,
        )
        % {"net": kg_range(totals.net), "n": totals.counted}
    )
    return ReportSection(
        _("AI pilots showcase"),
        figures=[Figure(len(pilots), ngettext("pilot published", "pilots published", len(pilots)))],
        items=items,
        order=480,
    )
