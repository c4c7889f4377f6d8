"""Who may do what on the Atlas's write side (the read side is public)."""

import rules

from sustainai.accounts.rules import is_coordinator, is_member_user
from sustainai.atlas.models import ModerationState


@rules.predicate
def is_submitter(user, initiative) -> bool:
    return (
        initiative is not None
        and user.is_authenticated
        and initiative.submitted_by_id is not None
        and initiative.submitted_by_id == user.pk
    )


@rules.predicate
def awaits_submitter(user, initiative) -> bool:
    """Submitted and not decided yet, or sent back for changes."""
    return initiative is not None and initiative.state in (
        ModerationState.SUBMITTED,
        ModerationState.CHANGES_REQUESTED,
    )


# Members submit; coordinators may too (their entries are moderated like any other).
can_contribute = is_member_user | is_coordinator

rules.add_perm("atlas.submit_initiative", can_contribute)
rules.add_perm("atlas.propose_edit", can_contribute)
rules.add_perm("atlas.view_own_submissions", can_contribute)
rules.add_perm("atlas.edit_own_submission", is_submitter & awaits_submitter)
rules.add_perm("atlas.moderate", is_coordinator)
rules.add_perm("atlas.import_initiatives", is_coordinator)

# The Django admin of the Atlas is for coordinators.
rules.add_perm("atlas", is_coordinator)
for model in ("initiative", "actor", "topic", "initiativecountry", "editproposal"):
    for action in ("view", "add", "change", "delete"):
        rules.add_perm(f"atlas.{action}_{model}", is_coordinator)
