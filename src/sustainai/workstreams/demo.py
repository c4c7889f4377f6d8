"""Demo content of a workstream space: the standardisation roadmap's meetings, deliverable and events.

The workstream itself is opened by the calls demo, when the 2025 call's proposal is confirmed (the
call's facts and sources are given there). The meetings, minutes and the deliverable are demo data.
COP30 (Belém, 10–21 November 2025) and the AI Impact Summit (New Delhi, February 2026) are real
events, named as places where results could be presented.
"""

from __future__ import annotations

import datetime
import zoneinfo

from sustainai.workstreams import services
from sustainai.workstreams.models import (
    Deliverable,
    Event,
    EventKind,
    Meeting,
    Workstream,
    WorkstreamStatus,
)

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
ROADMAP = "standardization-roadmap"


def paris(year: int, month: int, day: int, hour: int, minute: int) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=PARIS)


def _space(workstream: Workstream) -> None:
    if workstream.status == WorkstreamStatus.CONFIRMED:
        services.advance(workstream)
    organisations = [p.organisation for p in workstream.participants.select_related("organisation")]
    meetings = [
        (
            "First working-group meeting: state of the roadmap",
            paris(2025, 11, 4, 14, 0),
            paris(2025, 11, 4, 16, 0),
            "",
            "https://meet.example.org/standardization-roadmap-1",
            "1. Standards published since the Paris summit\n2. Gaps in the roadmap\n3. Work plan",
            "The group listed the standards to add and split the review among participants.",
        ),
        (
            "Second working-group meeting: updated roadmap",
            paris(2026, 1, 20, 10, 0),
            paris(2026, 1, 20, 12, 30),
            "Geneva (hybrid)",
            "https://meet.example.org/standardization-roadmap-2",
            "1. Review of the draft update\n2. Principles for future standards\n3. Publication",
            "",
        ),
    ]
    for title, starts, ends, place, link, agenda, minutes in meetings:
        meeting, _created = Meeting.objects.update_or_create(
            workstream=workstream,
            title=title,
            defaults={
                "starts_at": starts,
                "ends_at": ends,
                "place": place,
                "link": link,
                "agenda": agenda,
                "minutes": minutes,
            },
        )
        meeting.attendees.set(organisations if minutes else [])
    Deliverable.objects.update_or_create(
        workstream=workstream,
        title="Updated roadmap of standards for the environmental sustainability of AI",
        defaults={
            "description": "The roadmap of published and planned standards, with shared principles.",
            "due_on": datetime.date(2026, 6, 30),
            "status": "in_progress",
        },
    )
    for name, kind, starts_on, ends_on, location, url, presentation in [
        (
            "COP30",
            EventKind.COP,
            datetime.date(2025, 11, 10),
            datetime.date(2025, 11, 21),
            "Belém, Brazil",
            "https://cop30.br/",
            "Progress of the roadmap update, at a side event of the coalition.",
        ),
        (
            "AI Impact Summit",
            EventKind.SUMMIT,
            datetime.date(2026, 2, 19),
            datetime.date(2026, 2, 20),
            "New Delhi, India",
            "",
            "The updated roadmap.",
        ),
    ]:
        Event.objects.update_or_create(
            workstream=workstream,
            name=name,
            defaults={
                "kind": kind,
                "starts_on": starts_on,
                "ends_on": ends_on,
                "location": location,
                "url": url,
                "presentation": presentation,
            },
        )


def load(out) -> None:
    workstream = Workstream.objects.filter(slug=ROADMAP).first()
    if workstream is None:
        out.write("  no workstream space to fill (the calls demo opens them)")
        return
    _space(workstream)
    out.write(
        f"  {Workstream.objects.count()} workstream space(s); "
        f"{workstream.meetings.count()} meetings in “{workstream.title}”"
    )
