"""Reads: the challenges, a challenge's leaderboard (every evaluated submission, the Pareto front
of score against energy and the two rankings, each team once), a team's own submissions."""

from __future__ import annotations

import dataclasses
import datetime
from typing import Any

from django.db.models import Count, Q

from sustainai.core.demo import real_only
from sustainai.sandbox.scoring import (
    LOWER_IS_BETTER,
    Entry,
    best_within_budget,
    least_energy_above,
    pareto_front,
)
from sustainai.toolkits.challenges.apps import WORKSTREAM_SLUG
from sustainai.toolkits.challenges.models import FAILURES, Challenge, Status, Submission, Team
from sustainai.workstreams.models import Workstream

#: What a leaderboard reads of a submission (not its source, nor its runs).
BOARD_FIELDS = (
    "pk", "team__name", "label", "filename", "status", "reason", "score", "energy_wh",
    "energy_wh_min", "energy_wh_max", "emissions_g", "energy_method", "final_score",
    "final_energy_wh", "created_at", "evaluated_at", "team_id", "challenge_id",
)  # fmt: skip


def challenges() -> list[Challenge]:
    """Every challenge with its counts of teams and scored submissions (one query)."""
    return list(
        Challenge.objects.defer("x_train", "y_train", "x_test")
        .select_related("workstream")
        .annotate(
            team_count=Count("teams", distinct=True),
            scored_count=Count(
                "submissions", filter=Q(submissions__status=Status.SCORED), distinct=True
            ),
        )
    )


def challenge(slug: str) -> Challenge | None:
    return (
        Challenge.objects.defer("x_train", "y_train", "x_test")
        .select_related("workstream")
        .filter(slug=slug)
        .first()
    )


@dataclasses.dataclass
class Row:
    submission: Submission
    pareto: bool = False
    within_budget: bool = False
    above_minimum: bool = False

    @property
    def status(self) -> str:
        return "scored" if self.submission.status == Status.SCORED else "failed"

    def as_item(self) -> dict[str, Any]:
        """The item of the CLI's and the API's leaderboard."""
        s = self.submission
        return {
            "team": s.team.name,
            "submission": s.pk,
            "status": self.status,
            "accuracy": s.score,
            "energy_wh": s.energy_wh,
            "pareto": self.pareto,
            "error": s.reason if self.status == "failed" else None,
        }


@dataclasses.dataclass
class Board:
    challenge: Challenge
    rows: list[Row]
    within_budget: list[Row]
    above_minimum: list[Row]
    final: bool

    @property
    def scored(self) -> list[Row]:
        return [row for row in self.rows if row.status == "scored"]


def _per_team(rows: list[Row]) -> list[Row]:
    seen: set[int] = set()
    kept = []
    for row in rows:
        if row.submission.team_id not in seen:
            seen.add(row.submission.team_id)
            kept.append(row)
    return kept


def leaderboard(challenge: Challenge) -> Board:
    """The leaderboard of ``challenge`` (one query). Once the final re-run has been done, the
    rankings use the re-run's figures (of the submissions re-run)."""
    submissions = list(
        Submission.objects.filter(challenge=challenge, status__in=[Status.SCORED, *FAILURES])
        .select_related("team")
        .only(*[f for f in BOARD_FIELDS if f != "team__name"], "team__name")
        .order_by("pk")
    )
    metric = challenge.metric
    rows = {s.pk: Row(s) for s in submissions}
    scored = [s for s in submissions if s.status == Status.SCORED and s.score is not None]
    entries = [Entry(s.pk, s.score or 0.0, s.energy_wh or 0.0) for s in scored]
    for key in pareto_front(entries, metric):
        rows[key].pareto = True
    final = challenge.finalised_at is not None
    if final:
        entries = [
            Entry(s.pk, s.final_score or 0.0, s.final_energy_wh or 0.0)
            for s in scored
            if s.final_score is not None
        ]
    budget = _per_team(
        [rows[k] for k in best_within_budget(entries, metric, challenge.energy_budget_wh)]
    )
    minimum = _per_team([rows[k] for k in least_energy_above(entries, metric, challenge.min_score)])
    for row in budget:
        row.within_budget = True
    for row in minimum:
        row.above_minimum = True
    sign = 1 if metric in LOWER_IS_BETTER else -1
    ordered = sorted(
        rows.values(),
        key=lambda r: (
            r.status != "scored",
            sign * (r.submission.score or 0.0),
            r.submission.energy_wh or 0.0,
            r.submission.pk,
        ),
    )
    return Board(challenge, ordered, budget, minimum, final)


def team_of(challenge: Challenge, user) -> Team | None:
    """The team of ``challenge`` that ``user`` belongs to (accepted), if any."""
    if not user.is_authenticated:
        return None
    return (
        Team.objects.filter(
            challenge=challenge, members__user=user, members__accepted_at__isnull=False
        )
        .prefetch_related("members__user")
        .first()
    )


def team_submissions(team: Team, limit: int = 50) -> list[Submission]:
    return list(team.submissions.defer("source").order_by("-created_at", "-pk")[:limit])


def challenges_workstream() -> Workstream | None:
    return Workstream.objects.filter(slug=WORKSTREAM_SLUG).first()


def scored_between(start: datetime.date, end: datetime.date) -> list[Submission]:
    """Real (not demo) submissions evaluated from ``start`` to ``end`` inclusive."""
    return list(
        Submission.objects.filter(
            **real_only(),
            evaluated_at__date__gte=start,
            evaluated_at__date__lte=end,
        )
        .select_related("challenge", "team")
        .defer("source", "challenge__x_train", "challenge__y_train", "challenge__x_test")
        .order_by("evaluated_at", "pk")
    )
