"""``GET /api/v1/challenges/{slug}/leaderboard`` (public: what the leaderboard page shows) and
``POST /api/v1/challenges/{slug}/submissions`` (a token of a team member: the file and the team's
name as multipart form fields; the same checks as the page, daily limit included)."""

from django.http import HttpRequest
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from sustainai.accounts.api_auth import PUBLIC
from sustainai.core.api import Text, ValidationErrors
from sustainai.toolkits.challenges import selectors, services
from sustainai.toolkits.challenges.models import Submission

router = Router(tags=["challenges"])


class Item(Schema):
    team: str
    submission: int
    status: str
    accuracy: float | None
    energy_wh: float | None
    pareto: bool
    error: str | None


class Detail(Schema):
    detail: str


class Received(Schema):
    submission: int
    status: str


@router.get(
    "/{slug}/leaderboard",
    auth=PUBLIC,
    response={200: list[Item], 404: Detail},
    summary="A challenge's leaderboard: every evaluated submission, scored or failed",
)
def leaderboard(request: HttpRequest, slug: Text):
    challenge = selectors.challenge(slug)
    if challenge is None:
        return Status(404, {"detail": f"no challenge {slug!r}"})
    return Status(200, [row.as_item() for row in selectors.leaderboard(challenge).rows])


@router.post(
    "/{slug}/submissions",
    response={202: Received, 403: Detail, 404: Detail, 422: Detail | ValidationErrors},
    summary="Submit a Python file (or a zip with one) for a team you belong to",
)
def submit(request: HttpRequest, slug: Text, team: Form[Text], file: File[UploadedFile]):
    challenge = selectors.challenge(slug)
    if challenge is None:
        return Status(404, {"detail": f"no challenge {slug!r}"})
    found = services.find_team(challenge, team)
    if found is None:
        return Status(404, {"detail": f"no team {team!r} in this challenge"})
    user = request.auth  # type: ignore[attr-defined]
    if not user.has_perm("challenges.submit", found):
        return Status(403, {"detail": "you are not a member of this team"})
    if (file.size or 0) > services.MAX_FILE_BYTES:
        return Status(422, {"detail": "file: at most 1 MiB"})
    try:
        submission = services.submit(found, file.read(), file.name or "submission.py", user=user)
    except services.ChallengeError as error:
        return Status(422, {"detail": str(error)})
    submission = Submission.objects.only("pk", "status").get(pk=submission.pk)
    return Status(202, {"submission": submission.pk, "status": submission.status})
