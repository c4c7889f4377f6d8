"""Who may do what with the pilots showcase: everyone sees published pilots (their public parts);
members of the coalition see the parts marked "coalition only" too; members submit pilots and edit
the ones they submitted; the leads of the AI pilots showcase workstream (and the coordinators)
moderate and edit them and assemble collections for events."""

import rules

from sustainai.accounts.rules import is_coordinator, is_member_user
from sustainai.workstreams.models import ParticipantRole

WORKSTREAM_SLUG = "ai-pilots-showcase"


@rules.predicate
def leads_showcase(user) -> bool:
    if user.organisation_id is None:
        return False
    return user.organisation.workstream_participations.filter(
        workstream__slug=WORKSTREAM_SLUG, role=ParticipantRole.LEAD
    ).exists()


rules.add_perm("pilots.view", rules.always_allow)
rules.add_perm("pilots.view_coalition", is_coordinator | is_member_user)
rules.add_perm("pilots.submit", is_coordinator | is_member_user)
rules.add_perm("pilots.moderate", is_coordinator | (is_member_user & leads_showcase))


@rules.predicate
def submitted_it(user, pilot) -> bool:
    return pilot is not None and user.is_authenticated and pilot.submitted_by_id == user.pk


# Who may edit a pilot: its moderators, and the member who submitted it (whose edits of a
# moderated pilot go back to moderation: ``services.edit``).
rules.add_perm("pilots.edit", is_coordinator | (is_member_user & (leads_showcase | submitted_it)))
rules.add_perm("pilots.manage_collections", is_coordinator | (is_member_user & leads_showcase))
