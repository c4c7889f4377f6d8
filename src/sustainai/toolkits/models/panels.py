"""What the library shows elsewhere: its workstream's space and the event reports."""

from __future__ import annotations

import datetime

from django.template.loader import render_to_string
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sustainai.core.registry import Figure, ReportSection
from sustainai.toolkits.models import selectors


def workstream_panel(request, workstream) -> str:
    entries = selectors.published()
    return render_to_string(
        "models/_panel.html",
        {
            "count": len(entries),
            "ratio": selectors.median_energy_ratio(entries),
            "pending": selectors.pending_count(request.user),
        },
        request,
    )


def report_section(start: datetime.date, end: datetime.date) -> ReportSection | None:
    """Entries published in the period (real ones only) and their median energy ratio against
    their base models, or nothing."""
    entries = selectors.published_between(start, end)
    if not entries:
        return None
    items = [entry.name for entry in entries]
    ratio = selectors.median_energy_ratio(entries)
    if ratio is not None:
        items.append(
            _("Median energy of a compressed model: %(ratio)s × its base model's")
            % {"ratio": number_format(round(ratio, 2))}
        )
    return ReportSection(
        _("Compressed models library"),
        figures=[
            Figure(
                len(entries),
                ngettext("model entry published", "model entries published", len(entries)),
                order=100,
            )
        ],
        items=items,
        order=540,
    )
