"""Reads of workstream spaces; each returns what a page needs in a fixed number of queries."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from sustainai.members.models import Organisation
from sustainai.workstreams.models import Meeting, Participant, ParticipantRole, Workstream


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
