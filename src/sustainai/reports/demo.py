"""A demo event report: the coalition's results to date, gathered from the demo data of every
app and frozen for review, as a coordinator would prepare it before an event.

The event is a placeholder (a demo "Coalition meeting", online, a month ahead): the demo records are
created on the day the demo is loaded, so a report on a past event (the AI Action Summit of
February 2025, COP30 of November 2025) would count none of them.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from sustainai.reports import selectors, services
from sustainai.reports.models import Report

EVENT = "Coalition meeting (demo)"


def load(out) -> None:
    from sustainai.accounts.models import User

    if Report.objects.filter(is_demo=True, event=EVENT).exists():
        out.write("  demo report already there")
        return
    today = timezone.localdate()
    report = services.create_report(
        User.objects.filter(is_staff=True).order_by("pk").first(),
        event=EVENT,
        place="Online",
        event_date=today + datetime.timedelta(days=30),
        languages=["en", "fr"],
        period_start=datetime.date(2025, 1, 1),
        as_of=today,
        sections=[key for key, _name in selectors.section_choices()],
        is_demo=True,
    )
    report = services.freeze(report)
    out.write(
        f"  demo report “{report.event}”, frozen with {len(selectors.section_keys(report))} "
        "sections, waiting for its review"
    )
