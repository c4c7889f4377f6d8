"""Challenges and leaderboards are public. Anyone signed in may form a team; a team's accepted
members submit for it and see its submissions; the workstream's leads and the coordinators run
the final ranking. The object checked is the team, or the challenge."""

import rules

from sustainai.accounts.rules import is_coordinator, is_member_user
from sustainai.workstreams.rules import leads


@rules.predicate
def in_team(user, team) -> bool:
    if team is None or not user.is_authenticated:
        return False
    return team.members.filter(user=user, accepted_at__isnull=False).exists()


@rules.predicate
def leads_challenge(user, challenge) -> bool:
    return challenge is not None and leads(user, challenge.workstream)


rules.add_perm("challenges.form_team", rules.is_authenticated)
rules.add_perm("challenges.submit", in_team)
rules.add_perm("challenges.finalise", is_coordinator | (is_member_user & leads_challenge))
