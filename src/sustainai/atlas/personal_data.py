"""The personal data the Atlas holds about a person, for the members app's registry.

What the person submitted or proposed (linked to their account), and their e-mail address or name
where it was given as an initiative's contact, alone or among other words. Erasure keeps the initiatives (they are public facts
about organisations) and the record of decisions, and removes the person: the contact (in the
initiative, its history, and any proposal that changes or replaced it, whoever proposed it), the
free-text comments of their proposals, and their address or name in the history's change reasons. The account itself, which the submissions point to, is
anonymised by the registry.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q, TextField
from django.db.models.functions import Cast

from sustainai.atlas.models import EditProposal, Initiative
from sustainai.core.personal_data import names_person, needles, scrubbed

ERASED = "(erased)"

PERSONAL_FIELDS = (
    "atlas.Initiative.contact",
    "atlas.Initiative.submitted_by",
    # The history copies the contact of each version: erased there too.
    "atlas.HistoricalInitiative.contact",
    # Reasons that named people by address, before they named accounts by number.
    "atlas.HistoricalInitiative.history_change_reason",
    "atlas.EditProposal.proposed_by",
    "atlas.EditProposal.comment",
    "atlas.EditProposal.changes",
    "atlas.EditProposal.original",
)


def _naming(queryset, field: str, user) -> list:
    """The rows of ``queryset`` whose ``field`` names the person anywhere in it (their address,
    or their name among other words); a text search narrows, Python decides on whole words."""
    condition = Q()
    for needle in needles(user):
        condition |= Q(**{f"{field}__icontains": needle})
    return [row for row in queryset.filter(condition) if names_person(getattr(row, field), user)]


def export_personal_data(user) -> dict:
    submitted = Initiative.objects.filter(submitted_by=user).order_by("created_at", "pk")
    contact_of = _naming(Initiative.objects.order_by("pk"), "contact", user)
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
    History = Initiative.history.model
    changed = 0
    for model in (Initiative, History):
        naming = _naming(model.objects.all(), "contact", user)
        changed += model.objects.filter(pk__in=[row.pk for row in naming]).update(contact="")
    # Reasons written before they named people by account number (``services.account``).
    for version in _naming(History.objects.all(), "history_change_reason", user):
        reason = scrubbed(version.history_change_reason, user)
        History.objects.filter(pk=version.pk).update(history_change_reason=reason)
        changed += 1
    # Any proposal may name the person as contact; JSON lookups differ between SQLite and
    # PostgreSQL, so a text search narrows and Python decides.
    mentions = Q(proposed_by=user)
    for needle in needles(user):
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
            if "contact" in values and names_person(str(values["contact"]), user)
        ]
        for values in naming:
            values["contact"] = ""
        if theirs or naming:
            proposal.save(update_fields=["comment", "changes", "original"])
            changed += 1
    return changed
