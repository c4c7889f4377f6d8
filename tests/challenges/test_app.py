"""Challenges end to end on a tiny dataset: a team submits on the page, the worker (the immediate
tasks backend) runs the sandbox and scores it against the hidden labels, the leaderboard, the CLI
and the API show it; failures carry their reason; the daily limit, invitations, the final re-run,
the panel, the report section and personal data."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from sustainai.core.personal_data import erase_all, export_all
from sustainai.outbox.models import OutboxMail
from sustainai.toolkits.challenges import services
from sustainai.toolkits.challenges.apps import WORKSTREAM_SLUG
from sustainai.toolkits.challenges.models import Status, Submission, TeamMember
from sustainai.toolkits.challenges.panels import report_section
from tests.factories.workstreams import WorkstreamFactory

X_TRAIN = [[0.0, 0.0], [0.1, 0.2], [1.0, 1.0], [0.9, 1.1], [2.0, 2.1], [2.2, 1.9]]
Y_TRAIN = [0, 0, 1, 1, 2, 2]
X_TEST = [[0.05, 0.1], [1.05, 0.95], [2.1, 2.0], [0.2, 0.1]]
Y_TEST = [0, 1, 2, 1]  # the last row is hard: a nearest-mean model says 0

NEAREST = b"""
import numpy as np
def predict(X_train, y_train, X_test):
    classes = np.unique(y_train)
    means = np.stack([X_train[y_train == c].mean(axis=0) for c in classes])
    return classes[((X_test[:, None] - means[None]) ** 2).sum(axis=2).argmin(axis=1)]
"""
PERFECT = b"def predict(a, b, c):\n    return [0, 1, 2, 1]\n"
BROKEN = b"def predict(a, b, c):\n    return [0, 1]\n"


@pytest.fixture
def challenge(db):
    workstream = WorkstreamFactory(slug=WORKSTREAM_SLUG, title="Data challenges and hackathons")
    return services.create_challenge(
        workstream=workstream,
        slug="tiny",
        title="Tiny challenge",
        summary="Three blobs.",
        rules="Be frugal.",
        x_train=X_TRAIN,
        y_train=Y_TRAIN,
        x_test=X_TEST,
        y_test=Y_TEST,
        energy_budget_wh=1.0,
        min_score=0.7,
        daily_limit=3,
        repeats=2,
        cpu_limit_s=20,
        wall_limit_s=60,
        memory_limit_mb=1024,
        dataset_name="Three blobs",
        dataset_source="https://example.org/blobs",
    )


@pytest.fixture
def team(challenge, member_user):
    return services.form_team(challenge, "Blue", member_user)


def upload(client, challenge, team, content, name="model.py", capture=None):
    with capture(execute=True):
        return client.post(
            f"/challenges/{challenge.slug}/team/{team.pk}/submit/",
            {"file": SimpleUploadedFile(name, content), "label": "try"},
        )


def test_a_team_submits_and_the_leaderboard_ranks_it(
    client, member_user, challenge, team, django_capture_on_commit_callbacks,
    django_assert_max_num_queries,
):  # fmt: skip
    client.force_login(member_user)
    response = upload(client, challenge, team, NEAREST, capture=django_capture_on_commit_callbacks)
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert (submission.status, submission.reason, submission.score) == ("scored", "", 0.75)
    assert len(submission.runs) == 2
    assert submission.energy_wh_min <= submission.energy_wh <= submission.energy_wh_max
    assert submission.energy_wh > 0 and submission.emissions_g > 0
    assert submission.energy_method.startswith(("measured by CodeCarbon", "modelled by CodeCarbon"))
    with django_assert_max_num_queries(12):
        page = client.get("/challenges/tiny/").content.decode()
    assert '<svg class="challenge-scatter"' in page
    assert "Blue — 0.7500" in page
    assert "1 of 3 submissions used today (UTC)." in page
    with django_assert_max_num_queries(6):
        assert "Tiny challenge" in client.get("/challenges/").content.decode()


def test_a_failure_is_recorded_with_its_reason_and_the_team_sees_it(
    client, member_user, challenge, team, django_capture_on_commit_callbacks
):
    client.force_login(member_user)
    upload(client, challenge, team, BROKEN, capture=django_capture_on_commit_callbacks)
    submission = Submission.objects.get()
    assert (submission.status, submission.reason) == (
        "failed",
        "predict returned 2 labels for 4 test rows",
    )
    assert (
        "predict returned 2 labels for 4 test rows"
        in client.get("/challenges/tiny/").content.decode()
    )


def test_the_daily_limit_is_enforced_on_the_server(challenge, team):
    for _ in range(3):
        services.submit(team, PERFECT, "p.py", enqueue=False)
    with pytest.raises(services.ChallengeError, match="used its 3 submissions of today"):
        services.submit(team, PERFECT, "p.py", enqueue=False)
    assert Submission.objects.count() == 3


def test_a_file_that_is_no_text_is_refused_at_once(challenge, team):
    with pytest.raises(services.ChallengeError, match="not Python source"):
        services.submit(team, b"\xff\xd8\xff\xe0 jpeg", "photo.py", enqueue=False)


def test_only_team_members_submit(client, challenge, team, plain_user):
    client.force_login(plain_user)
    response = client.post(
        f"/challenges/tiny/team/{team.pk}/submit/", {"file": SimpleUploadedFile("m.py", PERFECT)}
    )
    assert response.status_code == 403
    assert not Submission.objects.exists()


def test_an_invitation_goes_through_the_outbox_and_joins_the_team(
    client, member_user, challenge, team, plain_user
):
    client.force_login(member_user)
    client.post(f"/challenges/tiny/team/{team.pk}/invite/", {"email": plain_user.email.upper()})
    mail = OutboxMail.objects.get()
    assert (mail.to, mail.category) == ([plain_user.email], "challenges.invitation")
    assert mail.subject == "Join the team Blue in the challenge Tiny challenge"
    token = TeamMember.objects.get(email=plain_user.email).token
    assert f"/challenges/invitation/{token}/" in mail.body
    client.force_login(plain_user)
    response = client.post(f"/challenges/invitation/{token}/")
    assert response["Location"] == "/challenges/tiny/"
    assert plain_user.has_perm("challenges.submit", team)
    assert client.post(f"/challenges/invitation/{token}/").status_code == 302  # used: refused
    assert team.members.filter(user=plain_user).count() == 1


def test_leaderboard_cli_api_pareto_and_final_rerun(challenge, team, client):
    other = services.form_team(challenge, "Red")
    nearest = services.submit(team, NEAREST, "n.py", enqueue=False)
    perfect = services.submit(other, PERFECT, "p.py", enqueue=False)
    broken = services.submit(other, BROKEN, "b.py", enqueue=False)
    for submission in (nearest, perfect, broken):
        services.evaluate_submission(submission.pk)
    out = io.StringIO()
    call_command("challenges", "leaderboard", "tiny", "--format", "json", stdout=out)
    items = json.loads(out.getvalue())
    energy = {s.pk: s.energy_wh for s in Submission.objects.all()}
    assert [
        (i["team"], i["submission"], i["status"], i["accuracy"], i["error"]) for i in items
    ] == [
        ("Red", perfect.pk, "scored", 1.0, None),
        ("Blue", nearest.pk, "scored", 0.75, None),
        ("Red", broken.pk, "failed", None, "predict returned 2 labels for 4 test rows"),
    ]
    assert [i["energy_wh"] for i in items[:2]] == [energy[perfect.pk], energy[nearest.pk]]
    assert items[2]["energy_wh"] is None or items[2]["energy_wh"] > 0
    assert items[0]["pareto"] is True
    assert items[1]["pareto"] is (energy[nearest.pk] < energy[perfect.pk])
    assert items[2]["pareto"] is False
    assert client.get("/api/v1/challenges/tiny/leaderboard").json() == items
    assert client.get("/api/v1/challenges/nope/leaderboard").status_code == 404

    assert services.finalise(challenge.pk) == 2
    challenge.refresh_from_db()
    assert (challenge.phase, challenge.finalised_at is not None) == ("closed", True)
    assert Submission.objects.get(pk=perfect.pk).final_score == 1.0
    assert Submission.objects.get(pk=nearest.pk).final_score == 0.75
    with pytest.raises(services.ChallengeError, match="does not take submissions"):
        services.submit(team, PERFECT, "late.py", enqueue=False)


def test_cli_submit_wait_evaluates_before_returning(challenge, tmp_path):
    path = tmp_path / "perfect.py"
    path.write_bytes(PERFECT)
    out = io.StringIO()
    call_command("challenges", "submit", "tiny", str(path), "--team", "Green", "--wait", stdout=out)
    result = json.loads(out.getvalue())
    assert (result["team"], result["status"], result["accuracy"], result["error"]) == (
        "Green", "scored", 1.0, None,
    )  # fmt: skip
    assert result["energy_wh"] > 0


def test_api_submission_needs_a_member_token(
    client, challenge, team, member_user, plain_user, django_capture_on_commit_callbacks
):
    from sustainai.accounts.tokens import create_token

    def post(user):
        token = create_token(user, name="ci")[1]
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                "/api/v1/challenges/tiny/submissions",
                {"team": "blue", "file": SimpleUploadedFile("m.py", PERFECT)},
                headers={"Authorization": f"Bearer {token}"},
            )

    assert client.post("/api/v1/challenges/tiny/submissions", {"team": "Blue"}).status_code == 401
    assert post(plain_user).status_code == 403
    response = post(member_user)
    assert response.status_code == 202
    assert response.json() == {"submission": Submission.objects.get().pk, "status": "queued"}
    assert Submission.objects.get().status == Status.SCORED


def test_hidden_labels_are_in_no_page_or_download(client, challenge):
    import numpy as np

    data = np.load(io.BytesIO(client.get("/challenges/tiny/data.npz").content))
    assert sorted(data.files) == ["X_test", "X_train", "y_train"]


def test_panel_report_section_and_personal_data(client, coordinator, challenge, team, member_user):
    submission = services.submit(team, PERFECT, "p.py", user=member_user, enqueue=False)
    services.evaluate_submission(submission.pk)
    client.force_login(coordinator)
    space = client.get(f"/workstreams/{WORKSTREAM_SLUG}/").content.decode()
    assert '<a href="/challenges/tiny/">Tiny challenge</a>' in space
    import datetime

    today = datetime.date.today()
    section = report_section(today - datetime.timedelta(days=1), today + datetime.timedelta(days=1))
    assert [(f.value, str(f.label)) for f in section.figures] == [
        (1, "challenge evaluated"),
        (1, "submission scored"),
    ]
    assert section.items[0].startswith("Tiny challenge: best 1.000 (Blue, ")
    exported = export_all(member_user)["sources"]["challenges"]
    assert [t["team"] for t in exported["teams"]] == ["Blue"]
    assert exported["submissions"][0]["score"] == 1.0
    erase_all(member_user)
    assert not TeamMember.objects.filter(team=team).exists()
    assert Submission.objects.get().submitted_by is None


def test_demo_loads_twice_without_change(db):
    from sustainai.toolkits.challenges.demo import load
    from sustainai.toolkits.challenges.models import Challenge

    WorkstreamFactory(slug=WORKSTREAM_SLUG)
    load(io.StringIO())
    load(io.StringIO())
    assert sorted(Challenge.objects.values_list("slug", "is_demo")) == [
        ("digits-frugal", True),
        ("wine-frugal", True),
    ]
    assert Submission.objects.filter(challenge__slug="digits-frugal").count() == 3
    assert Submission.objects.filter(status="queued").count() == 6
    digits = Challenge.objects.get(slug="digits-frugal")
    assert (len(digits.classes), digits.hidden is not None) == (10, True)


def test_the_pages_are_in_french(client, member_user, challenge, team):
    client.force_login(member_user)
    client.cookies["django_language"] = "fr"
    page = client.get("/challenges/tiny/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "<h2>Classement</h2>" in page
    assert "Équipe Blue : 0 soumissions sur 3 utilisées aujourd'hui (UTC)." in page
    assert "Budget énergétique" in page
    listing = client.get("/challenges/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "<h1>Défis d'IA frugale</h1>" in listing
