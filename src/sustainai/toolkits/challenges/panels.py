"""What the challenges toolkit shows elsewhere: its workstream's space and the event reports."""

from __future__ import annotations

import datetime

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sustainai.core.registry import Figure, ReportSection
from sustainai.toolkits.challenges import selectors
from sustainai.toolkits.challenges.models import Status


def workstream_panel(request, workstream) -> str:
    return render_to_string(
        "challenges/_panel.html",
        {"challenges": [c for c in selectors.challenges() if c.workstream_id == workstream.pk]},
        request,
    )


def report_section(start: datetime.date, end: datetime.date) -> ReportSection | None:
    """The challenges with submissions evaluated in the period (real ones), how many were scored,
    and each challenge's best result."""
    evaluated = selectors.scored_between(start, end)
    if not evaluated:
        return None
    scored = [s for s in evaluated if s.status == Status.SCORED]
    titles = sorted({s.challenge.title for s in evaluated})
    items = []
    for title in titles:
        mine = [s for s in scored if s.challenge.title == title and s.score is not None]
        if not mine:
            items.append(_("%(challenge)s: no submission scored") % {"challenge": title})
            continue
        lower = mine[0].challenge.metric == "mae"
        best = (min if lower else max)(mine, key=lambda s: s.score or 0.0)
        items.append(
            _("%(challenge)s: best %(score).3f (%(team)s, %(energy).4f Wh per run)")
            % {
                "challenge": title,
                "score": best.score,
                "team": best.team.name,
                "energy": best.energy_wh or 0.0,
            }
        )
    return ReportSection(
        _("Data challenges and hackathons"),
        figures=[
            Figure(
                len(titles),
                ngettext("challenge evaluated", "challenges evaluated", len(titles)),
                order=100,
            ),
            Figure(
                len(scored),
                ngettext("submission scored", "submissions scored", len(scored)),
                order=110,
            ),
        ],
        items=items,
        order=530,
    )
