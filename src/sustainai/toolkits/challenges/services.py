"""Writes: challenges and their data, teams and invitations, submissions (the daily limit checked
on the server), their evaluation in the sandbox and the final re-run of the best ones."""

from __future__ import annotations

import datetime
import secrets
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from sustainai.sandbox import Limits, SandboxUnavailable, evaluate, read_source
from sustainai.sandbox.scoring import score, spread
from sustainai.toolkits.challenges.models import (
    Challenge,
    HiddenLabels,
    Phase,
    Status,
    Submission,
    Team,
    TeamMember,
    from_npy,
    to_npy,
)

MAX_FILE_BYTES = 1024 * 1024
#: How many submissions (each team's best) the final ranking re-runs, per ranking.
FINAL_TOP = 3


class ChallengeError(ValueError):
    """A refused write; ``errors`` maps the field at fault to the reason."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


def create_challenge(
    *,
    workstream,
    slug: str,
    title: str,
    x_train: Any,
    y_train: Any,
    x_test: Any,
    y_test: Any,
    regression: bool = False,
    **fields: Any,
) -> Challenge:
    """A challenge and its data; the test labels go to ``HiddenLabels`` only."""
    if len(x_train) != len(y_train) or len(x_test) != len(y_test):
        raise ChallengeError({"data": "features and labels must have as many rows"})
    classes = None if regression else sorted({_plain(v) for v in list(y_train) + list(y_test)})
    with transaction.atomic():
        challenge, _ = Challenge.objects.update_or_create(
            slug=slug,
            defaults={
                "workstream": workstream,
                "title": title,
                "x_train": to_npy(x_train),
                "y_train": to_npy(y_train),
                "x_test": to_npy(x_test),
                "classes": classes,
                **fields,
            },
        )
        HiddenLabels.objects.update_or_create(
            challenge=challenge, defaults={"y_test": to_npy(y_test)}
        )
    return challenge


def _plain(value: Any) -> Any:
    return value.item() if hasattr(value, "item") else value


def form_team(challenge: Challenge, name: str, user=None, *, is_demo: bool = False) -> Team:
    """A team of ``challenge`` named ``name``, with ``user`` as its first member."""
    name = " ".join(name.split())
    if not name:
        raise ChallengeError({"name": "required"})
    if challenge.phase != Phase.OPEN:
        raise ChallengeError({"name": "the challenge no longer takes new teams"})
    with transaction.atomic():
        if Team.objects.filter(challenge=challenge, name__iexact=name).exists():
            raise ChallengeError({"name": f"a team named “{name}” exists already"})
        team = Team.objects.create(challenge=challenge, name=name, created_by=user, is_demo=is_demo)
        if user is not None:
            TeamMember.objects.create(team=team, user=user, accepted_at=timezone.now())
    return team


def invite(team: Team, email: str, *, invited_by, base_url: str) -> TeamMember:
    """Invite ``email`` to ``team``: a mail through the outbox with a link to accept."""
    from sustainai.outbox.services import queue_templated_mail

    email = email.strip().lower()
    if team.members.filter(email=email).exists() or team.members.filter(user__email=email).exists():
        raise ChallengeError({"email": f"{email} is in the team or invited already"})
    with transaction.atomic():
        member = TeamMember.objects.create(team=team, email=email, token=secrets.token_urlsafe(32))
        link = base_url + reverse("challenges:accept", args=[member.token])
        queue_templated_mail(
            "challenges/emails/invitation",
            {"team": team, "challenge": team.challenge, "inviter": invited_by, "link": link},
            language=getattr(invited_by, "language", "") or "en",
            to=[email],
            category="challenges.invitation",
            tags={"team": team.pk},
            created_by=invited_by,
        )
    return member


def accept(token: str, user) -> Team:
    """``user`` joins the team whose invitation carries ``token``."""
    with transaction.atomic():
        member = (
            TeamMember.objects.select_for_update()
            .select_related("team")
            .filter(token=token, accepted_at__isnull=True)
            .first()
        )
        if member is None or not token:
            raise ChallengeError({"token": "this invitation is unknown or used already"})
        if member.team.members.filter(user=user).exists():
            member.delete()
            return member.team
        member.user, member.accepted_at, member.token = user, timezone.now(), ""
        member.save(update_fields=["user", "accepted_at", "token"])
    return member.team


def submissions_today(team: Team, now: datetime.datetime | None = None) -> int:
    now = now or timezone.now()
    start = now.astimezone(datetime.UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    return team.submissions.filter(created_at__gte=start).count()


def submit(
    team: Team,
    content: bytes,
    filename: str,
    *,
    user=None,
    label: str = "",
    is_demo: bool = False,
    enqueue: bool = True,
) -> Submission:
    """Record a submission of ``team`` and queue its evaluation.

    Refused (``ChallengeError``) outside the open phase, past the team's daily limit (counted from
    midnight UTC, under a lock on the team so that two uploads cannot both pass), or for a file
    that is not a single UTF-8 Python file. Whether it runs is for the sandbox to say.
    """
    challenge = team.challenge
    if challenge.phase != Phase.OPEN:
        raise ChallengeError({"file": "the challenge does not take submissions now"})
    if len(content) > MAX_FILE_BYTES:
        raise ChallengeError({"file": "at most 1 MiB"})
    try:
        source = read_source(content, filename)
    except ValueError as error:
        raise ChallengeError({"file": str(error)}) from None
    with transaction.atomic():
        Team.objects.select_for_update().filter(pk=team.pk).first()
        if not is_demo and submissions_today(team) >= challenge.daily_limit:
            raise ChallengeError(
                {"file": f"the team used its {challenge.daily_limit} submissions of today (UTC)"}
            )
        submission = Submission.objects.create(
            challenge=challenge,
            team=team,
            submitted_by=user,
            label=" ".join(label.split())[:100],
            filename=filename[-200:],
            source=source,
            is_demo=is_demo,
        )
        if enqueue:
            schedule(submission)
    return submission


def schedule(submission: Submission, run_after: datetime.datetime | None = None) -> None:
    """Queue the evaluation once the submission's transaction commits."""
    from sustainai.toolkits.challenges.tasks import evaluate_submission_task  # deferred

    task = evaluate_submission_task
    if run_after is not None:
        task = task.using(run_after=run_after)
    transaction.on_commit(lambda: task.enqueue(submission.pk))


def limits(challenge: Challenge) -> Limits:
    return Limits(
        cpu_s=challenge.cpu_limit_s,
        wall_s=challenge.wall_limit_s,
        memory_mb=challenge.memory_limit_mb,
    )


def _run(challenge: Challenge, source: str, repeats: int) -> tuple[dict[str, Any], Any]:
    """Evaluate ``source`` on ``challenge``'s data and score it against the hidden labels."""
    truth = from_npy(HiddenLabels.objects.get(challenge=challenge).y_test).tolist()
    try:
        evaluation = evaluate(
            source,
            from_npy(challenge.x_train),
            from_npy(challenge.y_train),
            from_npy(challenge.x_test),
            challenge.classes,
            limits=limits(challenge),
            repeats=repeats,
        )
    except SandboxUnavailable as error:
        return {"status": Status.FAILED, "reason": f"the sandbox is unavailable: {error}"}, None
    result: dict[str, Any] = {
        "status": Status.SCORED if evaluation.status == "ok" else evaluation.status,
        "reason": evaluation.reason,
        "runs": [run.as_dict() for run in evaluation.runs],
        "energy_method": evaluation.energy_method[:200],
    }
    energy = spread(evaluation.energy_wh)
    if energy:
        result.update(
            energy_wh=energy["mean"], energy_wh_min=energy["min"], energy_wh_max=energy["max"]
        )
    carbon = spread(evaluation.carbon_g)
    if carbon:
        result["emissions_g"] = carbon["mean"]
    walls = [run.wall_s for run in evaluation.runs]
    result["wall_s"] = sum(walls) / len(walls) if walls else None
    if evaluation.predictions is not None:
        result["score"] = score(challenge.metric, truth, evaluation.predictions)
    return result, evaluation


def evaluate_submission(submission_id: int) -> str:
    """Run a queued submission ``challenge.repeats`` times in the sandbox and record the outcome
    (scored, or failed / timeout / killed with its reason); returns the status."""
    with transaction.atomic():
        submission = (
            Submission.objects.select_for_update()
            .select_related("challenge")
            .filter(pk=submission_id)
            .first()
        )
        if submission is None or submission.status not in (Status.QUEUED, Status.RUNNING):
            return submission.status if submission else "missing"
        submission.status = Status.RUNNING
        submission.save(update_fields=["status"])
    try:
        result, _ = _run(submission.challenge, submission.source, submission.challenge.repeats)
    except Exception as error:  # noqa: BLE001 - recorded: the worker goes on with the next one
        result = {
            "status": Status.FAILED,
            "reason": f"the evaluation could not run: {type(error).__name__}: {error}"[:500],
        }
    with transaction.atomic():
        for field, value in result.items():
            setattr(submission, field, value)
        submission.evaluated_at = timezone.now()
        submission.save()
    return submission.status


def finalise(challenge_id: int, top: int = FINAL_TOP) -> int:
    """The final ranking: re-run, on the hidden test set, each team's best submission of the
    ``top`` of both rankings, and record its final score and energy; closes the challenge.
    Returns how many were re-run."""
    from sustainai.toolkits.challenges import selectors  # reads; imports no service

    challenge = Challenge.objects.get(pk=challenge_id)
    Challenge.objects.filter(pk=challenge.pk).update(phase=Phase.EVALUATION)
    board = selectors.leaderboard(challenge)
    chosen: list[int] = []
    for ranking in (board.within_budget, board.above_minimum):
        for row in ranking[:top]:
            if row.submission.pk not in chosen:
                chosen.append(row.submission.pk)
    for submission in Submission.objects.filter(pk__in=chosen):
        result, _ = _run(challenge, submission.source, challenge.repeats)
        submission.final_score = result.get("score")
        submission.final_energy_wh = result.get("energy_wh")
        submission.save(update_fields=["final_score", "final_energy_wh"])
    Challenge.objects.filter(pk=challenge.pk).update(
        phase=Phase.CLOSED, finalised_at=timezone.now()
    )
    return len(chosen)


def set_phase(challenge: Challenge, phase: str) -> None:
    if phase not in Phase.values:
        raise ChallengeError({"phase": f"one of {', '.join(Phase.values)}"})
    Challenge.objects.filter(pk=challenge.pk).update(phase=phase)


def find_team(challenge: Challenge, name: str) -> Team | None:
    return Team.objects.filter(challenge=challenge, name__iexact=" ".join(name.split())).first()
