"""Who may do what with the pilots showcase: everyone sees published pilots (their public parts);
members of the coalition see the parts marked "coalition only" too; members submit pilots; the
leads of the AI pilots showcase workstream (and the coordinators) moderate them and assemble
collections for events."""

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
rules.add_perm("pilots.manage_collections", is_coordinator | (is_member_user & leads_showcase))
