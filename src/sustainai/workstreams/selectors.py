"""Reads of workstream spaces; each returns what a page needs in a fixed number of queries."""

from __future__ import annotations

import datetime

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from sustainai.core.registry import Figure, ReportSection
from sustainai.members.models import Organisation
from sustainai.workstreams.models import (
    Deliverable,
    DeliverableStatus,
    Event,
    Meeting,
    Participant,
    ParticipantRole,
    Workstream,
)


def spaces_of(user) -> QuerySet[Workstream]:
    """The workstreams whose space ``user`` may use: all for coordinators, else their
    organisation's."""
    queryset = Workstream.objects.all()
    if user.is_staff:
        return queryset
    if user.organisation_id is None:
        return queryset.none()
    return queryset.filter(participants__organisation_id=user.organisation_id)


def participants(workstream: Workstream) -> list[Participant]:
    return list(
        workstream.participants.select_related("organisation").order_by("organisation__name")
    )


def space(slug: str) -> QuerySet[Workstream]:
    """The workstream of a space page with its meetings' attendees, deliverables and events."""
    return Workstream.objects.filter(slug=slug).prefetch_related(
        Prefetch("meetings", queryset=Meeting.objects.prefetch_related("attendees")),
        "deliverables",
        "events",
    )


def attendee_choices(workstream: Workstream) -> QuerySet[Organisation]:
    """Organisations that may attend a workstream's meetings: its participants."""
    return Organisation.objects.filter(workstream_participations__workstream=workstream).order_by(
        "name"
    )


def leads(workstream: Workstream) -> list[Organisation]:
    return list(
        Organisation.objects.filter(
            workstream_participations__workstream=workstream,
            workstream_participations__role=ParticipantRole.LEAD,
        ).order_by("name")
    )


def report_section(start: datetime.date, end: datetime.date) -> ReportSection | None:
    """The workstreams in an event report, from ``start`` to ``end`` (both included): meetings
    held, deliverables delivered that were due then, and events (overlapping the period) where
    results are presented, named in date order. A workstream counts as active when it has any of
    them: its status says where it stands today, not what it did then."""
    meetings = list(
        Meeting.objects.filter(
            starts_at__date__range=(start, end), starts_at__lte=timezone.now()
        ).values_list("workstream_id", flat=True)
    )
    delivered = list(
        Deliverable.objects.filter(
            status=DeliverableStatus.DELIVERED, due_on__range=(start, end)
        ).values_list("workstream_id", flat=True)
    )
    events = list(
        Event.objects.filter(starts_on__lte=end)
        .filter(Q(ends_on__gte=start) | Q(ends_on__isnull=True, starts_on__gte=start))
        .order_by("starts_on", "name")
        .values_list("workstream_id", "name")
    )
    active = {*meetings, *delivered, *(workstream_id for workstream_id, _name in events)}
    if not active:
        return None
    # Several workstreams may present at one event: each event is named once.
    event_names = list(dict.fromkeys(name for _workstream_id, name in events))
    return ReportSection(
        _("Workstreams"),
        figures=[
            Figure(len(active), _("workstreams active"), order=100, key="active"),
            Figure(len(meetings), _("meetings held"), order=110, key="meetings"),
            Figure(len(delivered), _("deliverables delivered"), order=120, key="deliverables"),
            Figure(
                len(event_names),
                _("events where results are presented"),
                order=130,
                key="events",
            ),
        ],
        items=event_names,
        order=450,
    )
