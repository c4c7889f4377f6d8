"""Challenge pages: the list, a challenge with its leaderboard (public), the public data, and for
signed-in people their team, invitations and submissions; the final ranking for leads."""

from __future__ import annotations

import io

import numpy as np
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sustainai.core.permissions import permission_required, public
from sustainai.toolkits.challenges import charts, selectors, services
from sustainai.toolkits.challenges.forms import InviteForm, SubmissionForm, TeamForm
from sustainai.toolkits.challenges.models import Challenge, Metric, Team, from_npy


def _challenge(slug: str) -> Challenge:
    challenge = selectors.challenge(slug)
    if challenge is None:
        raise Http404
    return challenge


def _team(request: HttpRequest, slug: str, team_id: int) -> Team:
    return get_object_or_404(
        Team.objects.select_related("challenge"), pk=team_id, challenge__slug=slug
    )


@public
def challenge_list(request: HttpRequest) -> HttpResponse:
    return render(request, "challenges/list.html", {"challenges": selectors.challenges()})


@public
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    challenge = _challenge(slug)
    board = selectors.leaderboard(challenge)
    team = selectors.team_of(challenge, request.user)
    metric = Metric(challenge.metric).label
    chart = charts.scatter(
        [
            (f"{row.submission.team.name} #{row.submission.pk}", row.submission.energy_wh or 0.0,
             row.submission.score or 0.0, row.pareto)
            for row in board.scored
        ],
        title=_("Score against energy"),
        x_label=_("Energy per run (Wh)"),
        y_label=str(metric),
    )  # fmt: skip
    return render(
        request,
        "challenges/detail.html",
        {
            "challenge": challenge,
            "board": board,
            "metric": metric,
            "chart": chart,
            "team": team,
            "team_submissions": selectors.team_submissions(team) if team else [],
            "today": services.submissions_today(team) if team else 0,
            "team_form": TeamForm(),
            "invite_form": InviteForm(),
            "submission_form": SubmissionForm(),
            "can_finalise": request.user.has_perm("challenges.finalise", challenge),
        },
    )


@public
def data(request: HttpRequest, slug: str) -> HttpResponse:
    """The public data as one numpy archive: X_train, y_train, X_test (never the test labels)."""
    challenge = get_object_or_404(Challenge, slug=slug)
    buffer = io.BytesIO()
    np.savez_compressed(
        buffer,
        X_train=from_npy(challenge.x_train),
        y_train=from_npy(challenge.y_train),
        X_test=from_npy(challenge.x_test),
    )
    response = HttpResponse(buffer.getvalue(), content_type="application/octet-stream")
    response["Content-Disposition"] = f'attachment; filename="{challenge.slug}.npz"'
    return response


def _errors(request: HttpRequest, error: services.ChallengeError) -> None:
    for message in error.errors.values():
        messages.error(request, message)


@require_POST
@permission_required("challenges.form_team")
def form_team(request: HttpRequest, slug: str) -> HttpResponse:
    challenge = _challenge(slug)
    form = TeamForm(request.POST)
    if form.is_valid():
        if selectors.team_of(challenge, request.user):
            messages.error(request, _("You are in a team of this challenge already."))
        else:
            try:
                services.form_team(challenge, form.cleaned_data["name"], request.user)
                messages.success(request, _("Team formed."))
            except services.ChallengeError as error:
                _errors(request, error)
    else:
        messages.error(request, _("Give the team a name."))
    return redirect("challenges:detail", slug=slug)


@require_POST
@permission_required("challenges.submit", _team)
def invite(request: HttpRequest, slug: str, team_id: int) -> HttpResponse:
    team = _team(request, slug, team_id)
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            services.invite(
                team,
                form.cleaned_data["email"],
                invited_by=request.user,
                base_url=request.build_absolute_uri("/").rstrip("/"),
            )
            messages.success(request, _("Invitation sent."))
        except services.ChallengeError as error:
            _errors(request, error)
    else:
        messages.error(request, _("Give a valid e-mail address."))
    return redirect("challenges:detail", slug=slug)


@permission_required("challenges.form_team")
def accept(request: HttpRequest, token: str) -> HttpResponse:
    if request.method != "POST":
        return render(request, "challenges/accept.html", {"token": token})
    try:
        team = services.accept(token, request.user)
    except services.ChallengeError as error:
        _errors(request, error)
        return redirect("challenges:list")
    messages.success(request, _("You joined the team %(team)s.") % {"team": team.name})
    return redirect("challenges:detail", slug=team.challenge.slug)


@require_POST
@permission_required("challenges.submit", _team)
def submit(request: HttpRequest, slug: str, team_id: int) -> HttpResponse:
    team = _team(request, slug, team_id)
    form = SubmissionForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > services.MAX_FILE_BYTES:
            messages.error(request, _("The file is larger than 1 MiB."))
        else:
            try:
                submission = services.submit(
                    team,
                    upload.read(),
                    upload.name,
                    user=request.user,
                    label=form.cleaned_data["label"],
                )
                messages.success(
                    request,
                    _("Submission %(id)s received: it is evaluated in the sandbox.")
                    % {"id": submission.pk},
                )
            except services.ChallengeError as error:
                _errors(request, error)
    else:
        messages.error(request, _("Choose a file."))
    return redirect("challenges:detail", slug=slug)


@require_POST
@permission_required("challenges.finalise", lambda request, slug: selectors.challenge(slug))
def finalise(request: HttpRequest, slug: str) -> HttpResponse:
    from sustainai.toolkits.challenges.tasks import finalise_task  # deferred, as services do

    challenge = _challenge(slug)
    finalise_task.enqueue(challenge.pk)
    messages.success(request, _("The final re-run of the best submissions is queued."))
    return redirect("challenges:detail", slug=slug)
