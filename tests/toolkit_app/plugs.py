"""What the test toolkit contributes, each named by a dotted path on its configuration."""

from __future__ import annotations

import datetime

from django.utils.html import format_html

from sustainai.core.registry import Figure, ReportSection
from sustainai.workstreams.models import Workstream
from tests.toolkit_app.apps import WORKSTREAM_SLUG


def home_figures() -> list[Figure]:
    count = Workstream.objects.filter(slug=WORKSTREAM_SLUG).count()
    return [Figure(count, "workstreams with the test toolkit", order=120)]


def report_section(start: datetime.date, end: datetime.date) -> ReportSection:
    return ReportSection(
        "Test toolkit",
        figures=[Figure((end - start).days + 1, "days reported", order=100)],
        items=[f"{start.isoformat()} to {end.isoformat()}"],
        order=200,
    )


def initiative_panel(request, initiative) -> str:
    return format_html('<section id="test-toolkit-initiative">Toolkit on {}</section>', initiative)


def workstream_panel(request, workstream) -> str:
    return format_html('<section id="test-toolkit-space">Toolkit of {}</section>', workstream)
