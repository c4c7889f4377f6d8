"""iCalendar (RFC 5545) export of workstream meetings, written with the ``icalendar`` library."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from sustainai.workstreams.models import Meeting


def meetings_calendar(meetings: Iterable[Meeting], *, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//SustainAI//Workstream meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0] or "sustainai"
    now = timezone.now()
    for meeting in meetings:
        event = CalendarEvent()
        event.add("uid", f"meeting-{meeting.pk}@{host}")
        event.add("dtstamp", now)
        event.add("dtstart", meeting.starts_at)
        event.add("dtend", meeting.ends_at)
        event.add("summary", f"{meeting.workstream.display_title}: {meeting.title}")
        if meeting.place:
            event.add("location", meeting.place)
        if meeting.link:
            event.add("url", meeting.link)
        description = "\n\n".join(part for part in [meeting.agenda, meeting.link] if part)
        if description:
            event.add("description", description)
        calendar.add_component(event)
    return calendar.to_ical()
