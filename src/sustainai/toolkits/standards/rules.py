"""Who may do what with the standards roadmap: everyone reads it; the leads of the
standardisation workstream (and the coordinators) edit it, freeze and publish editions."""

import rules

from sustainai.accounts.rules import is_coordinator, is_member_user
from sustainai.workstreams.models import ParticipantRole


@rules.predicate
def leads_roadmap(user) -> bool:
    if user.organisation_id is None:
        return False
    from sustainai.toolkits.standards.services import WORKSTREAM_SLUG

    return (
        user.organisation.workstream_participations.filter(
            workstream__slug=WORKSTREAM_SLUG, role=ParticipantRole.LEAD
        )
        .values_list("role", flat=True)
        .first()
    ) == ParticipantRole.LEAD


rules.add_perm("standards.view", rules.always_allow)
rules.add_perm("standards.manage", is_coordinator | (is_member_user & leads_roadmap))
rules.add_perm("standards.propose", is_member_user | is_coordinator)
