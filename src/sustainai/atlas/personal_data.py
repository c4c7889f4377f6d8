"""The personal data the Atlas holds about a person, for the members app's registry.

What the person submitted or proposed (linked to their account), and their e-mail address (or name)
where it was given as an initiative's contact. Erasure keeps the initiatives (they are public facts
about organisations) and the record of decisions, and removes the person: the contact (in the
initiative, its history, and any proposal that changes or replaced it, whoever proposed it) and the
free-text comments of their proposals. The account itself, which the submissions point to, is
anonymised by the registry.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q, TextField
from django.db.models.functions import Cast

from sustainai.atlas.models import EditProposal, Initiative

ERASED = "(erased)"

PERSONAL_FIELDS = (
    "atlas.Initiative.contact",
    "atlas.Initiative.submitted_by",
    # The history copies the contact of each version: erased there too.
    "atlas.HistoricalInitiative.contact",
    "atlas.EditProposal.proposed_by",
    "atlas.EditProposal.comment",
    "atlas.EditProposal.changes",
    "atlas.EditProposal.original",
)


def _contact_is_them(user) -> Q:
    """A contact holding the person's address (alone or with a name around it), or their name."""
    condition = Q(contact__icontains=user.email)
    if user.full_name.strip():
        condition |= Q(contact__iexact=user.full_name.strip())
    return condition


def _is_them(user, contact) -> bool:
    text = str(contact).strip().lower()
    name = user.full_name.strip().lower()
    return user.email.lower() in text or bool(name and text == name)


def export_personal_data(user) -> dict:
    submitted = Initiative.objects.filter(submitted_by=user).order_by("created_at", "pk")
    contact_of = Initiative.objects.filter(_contact_is_them(user)).order_by("pk")
    proposals = (
        EditProposal.objects.filter(proposed_by=user)
        .select_related("initiative")
        .order_by("created_at", "pk")
    )
    return {
        "submitted_initiatives": [
            {
                "name": initiative.name,
                "state": initiative.state,
                "submitted_at": initiative.created_at.isoformat(),
                "note_from_the_coordinators": initiative.moderation_note,
            }
            for initiative in submitted
        ],
        "contact_of_initiatives": [initiative.name for initiative in contact_of],
        "proposed_edits": [
            {
                "initiative": proposal.initiative.name,
                "changes": proposal.changes,
                "comment": proposal.comment,
                "state": proposal.state,
                "proposed_at": proposal.created_at.isoformat(),
                "note_from_the_coordinators": proposal.decision_note,
            }
            for proposal in proposals
        ],
    }


@transaction.atomic
def erase_personal_data(user) -> int:
    """Remove the person's contact details and comments; returns how many records were changed."""
    them = _contact_is_them(user)
    changed = Initiative.objects.filter(them).update(contact="")
    changed += Initiative.history.model.objects.filter(them).update(contact="")
    # Any proposal may name the person as contact; JSON lookups differ between SQLite and
    # PostgreSQL, so a text search narrows and Python decides.
    mentions = Q(proposed_by=user)
    for needle in (user.email, user.full_name.strip()):
        if needle:
            mentions |= Q(changes_text__icontains=needle) | Q(original_text__icontains=needle)
    proposals = (
        EditProposal.objects.select_for_update()
        .annotate(
            changes_text=Cast("changes", TextField()),
            original_text=Cast("original", TextField()),
        )
        .filter(mentions)
        .order_by("pk")
    )
    for proposal in proposals:
        theirs = proposal.proposed_by_id == user.pk
        if theirs:
            proposal.comment = ERASED if proposal.comment else ""
        naming = [
            values
            for values in (proposal.changes, proposal.original)
            if "contact" in values and _is_them(user, values["contact"])
        ]
        for values in naming:
            values["contact"] = ""
        if theirs or naming:
            proposal.save(update_fields=["comment", "changes", "original"])
            changed += 1
    return changed
