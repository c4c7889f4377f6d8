"""A participant's teams, invitations and submissions: exported with their source and results;
on erasure their memberships and invitations go, and their submissions stay the team's, unlinked
from them."""

from __future__ import annotations

from django.db import transaction

from sustainai.toolkits.challenges.models import Submission, Team, TeamMember

SOURCE_NAME = "challenges"
PERSONAL_FIELDS = (
    "challenges.Team.created_by",
    "challenges.TeamMember.user",
    "challenges.TeamMember.email",
    "challenges.Submission.submitted_by",
)


def export_personal_data(user) -> dict:
    memberships = TeamMember.objects.filter(user=user) | TeamMember.objects.filter(
        email__iexact=user.email
    )
    return {
        "teams": [
            {
                "challenge": m.team.challenge.slug,
                "team": m.team.name,
                "invited_as": m.email,
                "accepted_at": m.accepted_at.isoformat() if m.accepted_at else None,
            }
            for m in memberships.select_related("team__challenge").order_by("created_at", "pk")
        ],
        "teams_formed": list(
            Team.objects.filter(created_by=user).order_by("pk").values_list("name", flat=True)
        ),
        "submissions": [
            {
                "challenge": s.challenge.slug,
                "team": s.team.name,
                "file": s.filename,
                "source": s.source,
                "status": s.status,
                "reason": s.reason,
                "score": s.score,
                "energy_wh": s.energy_wh,
                "submitted_at": s.created_at.isoformat(),
            }
            for s in Submission.objects.filter(submitted_by=user)
            .select_related("challenge", "team")
            .defer("challenge__x_train", "challenge__y_train", "challenge__x_test")
            .order_by("created_at", "pk")
        ],
    }


def erase_personal_data(user) -> int:
    with transaction.atomic():
        count = TeamMember.objects.filter(user=user).delete()[0]
        count += TeamMember.objects.filter(email__iexact=user.email).delete()[0]
        count += Team.objects.filter(created_by=user).update(created_by=None)
        count += Submission.objects.filter(submitted_by=user).update(submitted_by=None)
    return count
