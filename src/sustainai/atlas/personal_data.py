"""The personal data the Atlas holds about a person, for the members app's registry.

What the person submitted or proposed (linked to their account), and their e-mail address where it
was given as an initiative's contact. Erasure keeps the initiatives (they are public facts about
organisations) and the record of decisions, and removes the person: the contact address (in the
initiative, its history and pending or decided proposals) and the free-text comments of their
proposals. The account itself, which the submissions point to, is anonymised by the registry.
"""

from __future__ import annotations

from django.db import transaction

from sustainai.atlas.models import EditProposal, Initiative

ERASED = "(erased)"


def export_personal_data(user) -> dict:
    submitted = Initiative.objects.filter(submitted_by=user).order_by("created_at", "pk")
    contact_of = Initiative.objects.filter(contact__iexact=user.email).order_by("pk")
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
    """Remove the person's address and comments; returns how many records were changed."""
    email = user.email.lower()
    changed = Initiative.objects.filter(contact__iexact=email).update(contact="")
    changed += Initiative.history.model.objects.filter(contact__iexact=email).update(contact="")
    for proposal in EditProposal.objects.select_for_update().filter(proposed_by=user):
        proposal.comment = ERASED if proposal.comment else ""
        for values in (proposal.changes, proposal.original):
            if str(values.get("contact", "")).lower() == email:
                values["contact"] = ""
        proposal.save(update_fields=["comment", "changes", "original"])
        changed += 1
    return changed
