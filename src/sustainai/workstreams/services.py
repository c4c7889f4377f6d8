"""Writes of workstream spaces: opening a workstream, its status, its meetings and records.

Every write is one transaction.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from sustainai.workstreams.models import (
    Participant,
    ParticipantRole,
    Workstream,
    WorkstreamStatus,
)


class WorkstreamError(Exception):
    """A refusal with a message meant for the person who asked."""


@dataclasses.dataclass(frozen=True)
class ParticipantInput:
    organisation_id: int
    role: str
    motivation: str = ""


# A lead outranks a contributor, who outranks an observer, when an organisation joins twice.
RANK = {ParticipantRole.LEAD: 0, ParticipantRole.CONTRIBUTOR: 1, ParticipantRole.OBSERVER: 2}


def open_workstream(
    *,
    slug: str,
    title: str,
    title_fr: str = "",
    context: str = "",
    implementation: str = "",
    participants: Iterable[ParticipantInput] = (),
    is_demo: bool = False,
) -> Workstream:
    """The workstream ``slug``, opened with its participants (or joined by them if it exists:
    a workstream confirmed again in a later call carries on in the same space).

    An organisation already taking part keeps the higher of its two roles.
    """
    with transaction.atomic():
        workstream, created = Workstream.objects.select_for_update().get_or_create(
            slug=slug,
            defaults={
                "title": title,
                "title_fr": title_fr,
                "context": context,
                "implementation": implementation,
                "is_demo": is_demo,
            },
        )
        existing = {p.organisation_id: p for p in workstream.participants.all()}
        for joining in participants:
            current = existing.get(joining.organisation_id)
            if current is None:
                existing[joining.organisation_id] = Participant.objects.create(
                    workstream=workstream,
                    organisation_id=joining.organisation_id,
                    role=joining.role,
                    motivation=joining.motivation,
                )
            elif RANK[ParticipantRole(joining.role)] < RANK[ParticipantRole(current.role)]:
                current.role = joining.role
                current.save(update_fields=["role"])
    return workstream


NEXT_STATUS = {
    WorkstreamStatus.CONFIRMED: WorkstreamStatus.ACTIVE,
    WorkstreamStatus.ACTIVE: WorkstreamStatus.COMPLETED,
}


def advance(workstream: Workstream) -> Workstream:
    """Confirmed → active → completed."""
    with transaction.atomic():
        locked = Workstream.objects.select_for_update().get(pk=workstream.pk)
        following = NEXT_STATUS.get(WorkstreamStatus(locked.status))
        if following is None:
            raise WorkstreamError(
                _("A %(status)s workstream has no next status.")
                % {"status": locked.get_status_display().lower()}
            )
        locked.status = following
        locked.save(update_fields=["status"])
    return locked


def save_space_item(form, workstream: Workstream):
    """Save a meeting, deliverable or event form of ``workstream``'s space."""
    with transaction.atomic():
        item = form.save(commit=False)
        item.workstream = workstream
        item.save()
        form.save_m2m()
    return item
