"""Reads of the Atlas's write side: moderation queues, a member's submissions, diffs of proposals."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from sustainai.atlas.models import (
    EditProposal,
    Initiative,
    InitiativeStatus,
    InitiativeType,
    ModerationState,
    ProposalState,
    Region,
    Scope,
    Topic,
)
from sustainai.atlas.services import EDITABLE_FIELDS, initiative_values

FIELD_LABELS = {
    "name": _("Name"),
    "aliases": _("Other names"),
    "summary": _("Summary"),
    "description": _("Description"),
    "type": _("Type"),
    "topics": _("Topics"),
    "lead_organisations": _("Lead organisations"),
    "partner_organisations": _("Partner organisations"),
    "countries": _("Countries"),
    "scope": _("Scope"),
    "regions": _("Regions"),
    "start_year": _("Start year"),
    "status": _("Status"),
    "website": _("Website"),
    "contact": _("Contact"),
}
_CHOICES = {
    "type": dict(InitiativeType.choices),
    "status": dict(InitiativeStatus.choices),
    "scope": dict(Scope.choices),
    "regions": dict(Region.choices),
}
LONG_TEXT = {"summary", "description"}


# The queues state their state literally: their partial indexes are then used on SQLite too
# (``expressions.Literal``).
def submitted_queue() -> QuerySet[Initiative]:
    return (
        Initiative.objects.filter(state__literal=ModerationState.SUBMITTED)
        .select_related("submitted_by__organisation")
        .order_by("created_at", "id")
    )


def awaiting_moderation_count(user) -> int:
    """Submissions and edit proposals waiting for a coordinator, counted in one query."""
    submitted = Initiative.objects.filter(state__literal=ModerationState.SUBMITTED).order_by()
    proposals = EditProposal.objects.filter(state=ProposalState.PENDING).order_by()
    return submitted.values("pk").union(proposals.values("pk"), all=True).count()


def awaiting_submitter() -> QuerySet[Initiative]:
    return (
        Initiative.objects.filter(state__literal=ModerationState.CHANGES_REQUESTED)
        .select_related("submitted_by__organisation")
        .order_by("updated_at", "id")
    )


def pending_proposals() -> QuerySet[EditProposal]:
    return (
        EditProposal.objects.filter(state=ProposalState.PENDING)
        .select_related("initiative", "proposed_by__organisation")
        .order_by("created_at", "id")
    )


def submissions_of(user) -> QuerySet[Initiative]:
    return Initiative.objects.filter(submitted_by=user).order_by("-created_at", "-id")


def proposals_of(user) -> QuerySet[EditProposal]:
    return (
        EditProposal.objects.filter(proposed_by=user)
        .select_related("initiative")
        .order_by("-created_at", "-id")
    )


def display_value(field: str, value, topic_names: dict[str, str]) -> str:
    """A plain value (see ``services.initiative_values``) as people read it."""
    if value in (None, "", []):
        return ""
    if field == "countries":
        return ", ".join(str(countries.name(code)) or code for code in value)
    if field == "topics":
        return ", ".join(topic_names.get(slug, slug) for slug in value)
    if field in _CHOICES:
        labels = _CHOICES[field]
        items = value if isinstance(value, list) else [value]
        return ", ".join(str(labels.get(item, item)) for item in items)
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


@dataclass
class DiffRow:
    field: str
    label: str
    before: str
    after: str
    now: str  # the initiative's value today (differs from ``before`` if it changed meanwhile)
    segments: list[tuple[str, str]] | None  # word diff of long texts: ("same"|"del"|"ins", text)

    @property
    def changed_since(self) -> bool:
        return self.now != self.before


def word_diff(before: str, after: str) -> list[tuple[str, str]]:
    a, b = before.split(" "), after.split(" ")
    segments = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            segments.append(("same", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            segments.append(("del", " ".join(a[i1:i2])))
        if j2 > j1:
            segments.append(("ins", " ".join(b[j1:j2])))
    return segments


def proposal_diff(proposal: EditProposal) -> list[DiffRow]:
    topic_names = {t.slug: str(t) for t in Topic.objects.all()}
    current = initiative_values(proposal.initiative)
    rows = []
    for field in EDITABLE_FIELDS:
        if field not in proposal.changes:
            continue
        before = display_value(field, proposal.original.get(field), topic_names)
        after = display_value(field, proposal.changes[field], topic_names)
        rows.append(
            DiffRow(
                field=field,
                label=str(FIELD_LABELS[field]),
                before=before,
                after=after,
                now=display_value(field, current[field], topic_names),
                segments=word_diff(before, after) if field in LONG_TEXT else None,
            )
        )
    return rows


def initiative_rows(initiative: Initiative) -> list[tuple[str, str]]:
    """(label, value) of every editable field, for the review page."""
    topic_names = {t.slug: str(t) for t in Topic.objects.all()}
    values = initiative_values(initiative)
    return [
        (str(FIELD_LABELS[field]), display_value(field, values[field], topic_names))
        for field in EDITABLE_FIELDS
    ]
