"""The personal data the standards roadmap holds about a person: the proposals they made or
decided. Erasure unlinks them and removes their mentions from the comments and reasons; the
proposals stay (they are part of the registry's history)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q

from sustainai.core.personal_data import names_person, scrubbed
from sustainai.toolkits.standards.models import Proposal

SOURCE_NAME = "standards"

PERSONAL_FIELDS = (
    "standards.Proposal.proposed_by",
    "standards.Proposal.decided_by",
    "standards.Proposal.comment",
    "standards.Proposal.reason",
)


def _proposals_of(user):
    return Proposal.objects.filter(Q(proposed_by=user) | Q(decided_by=user))


def export_personal_data(user) -> dict:
    return {
        "standard_proposals": [
            {
                "identifier": proposal.values.get("identifier", ""),
                "proposed_by_you": proposal.proposed_by_id == user.pk,
                "decided_by_you": proposal.decided_by_id == user.pk,
                "state": proposal.state,
                "comment": proposal.comment,
                "reason": proposal.reason,
                "created_at": proposal.created_at.isoformat(),
            }
            for proposal in _proposals_of(user).order_by("created_at", "pk")
        ]
    }


def erase_personal_data(user) -> int:
    erased = 0
    with transaction.atomic():
        for proposal in Proposal.objects.select_for_update().order_by("pk"):
            mine = user.pk in (proposal.proposed_by_id, proposal.decided_by_id)
            mentioned = names_person(proposal.comment, user) or names_person(proposal.reason, user)
            if not (mine or mentioned):
                continue
            if proposal.proposed_by_id == user.pk:
                proposal.proposed_by = None
            if proposal.decided_by_id == user.pk:
                proposal.decided_by = None
            proposal.comment = scrubbed(proposal.comment, user)
            proposal.reason = scrubbed(proposal.reason, user)
            proposal.save(update_fields=["proposed_by", "decided_by", "comment", "reason"])
            erased += 1
    return erased
