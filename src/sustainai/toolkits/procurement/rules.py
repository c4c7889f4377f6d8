"""Who may do what with the procurement toolkit.

Everyone reads the published criteria library and exports it. Members propose criteria; the
leads of the procurement workstream (and the coordinators) moderate them. Members and
coordinators build tender packs; a pack and its evaluations are seen by the person who built it,
the workstream's leads and the coordinators (bids hold suppliers' figures)."""

import rules

from sustainai.accounts.rules import is_coordinator, is_member_user
from sustainai.workstreams.models import ParticipantRole


@rules.predicate
def leads_procurement(user) -> bool:
    if not user.is_authenticated or user.organisation_id is None:
        return False
    from sustainai.toolkits.procurement.apps import WORKSTREAM_SLUG

    return user.organisation.workstream_participations.filter(
        workstream__slug=WORKSTREAM_SLUG, role=ParticipantRole.LEAD
    ).exists()


@rules.predicate
def built_pack(user, pack) -> bool:
    return pack is not None and user.is_authenticated and pack.created_by_id == user.pk


rules.add_perm("procurement.view", rules.always_allow)
rules.add_perm("procurement.propose", is_member_user | is_coordinator)
rules.add_perm("procurement.moderate", is_coordinator | (is_member_user & leads_procurement))
rules.add_perm("procurement.build", is_member_user | is_coordinator)
rules.add_perm(
    "procurement.view_pack",
    is_coordinator | (is_member_user & (built_pack | leads_procurement)),
)
