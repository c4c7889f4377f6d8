"""Everyone reads the published library; members propose entries; the leads of the
compressed-models workstream (and the coordinators) moderate them and start benchmarks."""

import rules

from sustainai.accounts.rules import is_coordinator, is_member_user
from sustainai.workstreams.models import ParticipantRole


@rules.predicate
def leads_library(user) -> bool:
    if user.organisation_id is None:
        return False
    from sustainai.toolkits.models.apps import WORKSTREAM_SLUG

    return user.organisation.workstream_participations.filter(
        workstream__slug=WORKSTREAM_SLUG, role=ParticipantRole.LEAD
    ).exists()


rules.add_perm("model_library.propose", is_member_user | is_coordinator)
rules.add_perm("model_library.moderate", is_coordinator | (is_member_user & leads_library))
