"""Who may use workstream spaces: their participants (leads included) and coordinators."""

import rules

from sustainai.accounts.rules import is_coordinator, is_member_user
from sustainai.workstreams.models import ParticipantRole


@rules.predicate
def participates_in(user, workstream) -> bool:
    if workstream is None or user.organisation_id is None:
        return False
    return workstream.participants.filter(organisation_id=user.organisation_id).exists()


@rules.predicate
def leads(user, workstream) -> bool:
    if workstream is None or user.organisation_id is None:
        return False
    return workstream.participants.filter(
        organisation_id=user.organisation_id, role=ParticipantRole.LEAD
    ).exists()


rules.add_perm("workstreams.view_spaces", is_coordinator | is_member_user)
rules.add_perm("workstreams.view_space", is_coordinator | (is_member_user & participates_in))
rules.add_perm("workstreams.edit_space", is_coordinator | (is_member_user & leads))
rules.add_perm("workstreams.manage_workstreams", is_coordinator)
