import datetime

import pytest
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from sustainai.calls import services as calls_services
from sustainai.workstreams.models import Meeting, ParticipantRole, Workstream, WorkstreamStatus
from tests.factories.accounts import CoordinatorFactory, MemberUserFactory, UserFactory
from tests.factories.calls import CallFactory, ExpressionFactory, ProposedWorkstreamFactory
from tests.factories.members import OrganisationFactory
from tests.factories.workstreams import (
    MeetingFactory,
    ParticipantFactory,
    WorkstreamFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "plain", "member", "other_member", "coordinator"]


@pytest.fixture
def world():
    """A closed, tallied call whose proposal "gamma" is confirmed: the workstream "gamma" with the
    member's organisation as participant, and a meeting; and a workstream nobody here joined."""
    member = MemberUserFactory(email="member@example.org")
    other = MemberUserFactory(email="other@example.org")
    coordinator = CoordinatorFactory(email="coord@example.org")
    closed = CallFactory(
        slug="closed",
        opens_at=timezone.now() - datetime.timedelta(days=30),
        closes_at=timezone.now() - datetime.timedelta(days=1),
    )
    gamma = ProposedWorkstreamFactory(call=closed, slug="gamma", confirmation_threshold=1)
    ExpressionFactory(call=closed, organisation=member.organisation, workstreams=[gamma])
    calls_services.tally_call(closed.pk)
    calls_services.decide(gamma, confirm=True, user=coordinator)
    WorkstreamFactory(slug="delta")
    meeting = MeetingFactory(workstream=Workstream.objects.get(slug="gamma"))
    return {
        "users": {
            "anonymous": None,
            "plain": UserFactory(email="plain@example.org"),
            "member": member,
            "other_member": other,
            "coordinator": coordinator,
        },
        "meeting": meeting,
    }


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


OK, LOGIN, FORBIDDEN = 200, 302, 403
PARTICIPANTS = (LOGIN, FORBIDDEN, OK, FORBIDDEN, OK)
EDITORS = (LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK)
COORDINATORS = (LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK)

SPACE = "/workstreams/gamma/"
MATRIX = [
    ("GET", lambda w: "/workstreams/", (LOGIN, FORBIDDEN, OK, OK, OK)),
    ("GET", lambda w: SPACE, PARTICIPANTS),
    ("POST", lambda w: SPACE + "advance/", (LOGIN, 403, 403, 403, 302)),
    ("GET", lambda w: SPACE + "meetings.ics", PARTICIPANTS),
    ("GET", lambda w: SPACE + f"meetings/{w['meeting'].pk}/", PARTICIPANTS),
    ("GET", lambda w: SPACE + f"meetings/{w['meeting'].pk}.ics", PARTICIPANTS),
    ("GET", lambda w: SPACE + f"meetings/{w['meeting'].pk}/edit/", EDITORS),
    ("GET", lambda w: SPACE + "meeting/add/", EDITORS),
    ("GET", lambda w: SPACE + "deliverable/add/", EDITORS),
    ("GET", lambda w: SPACE + "event/add/", EDITORS),
    ("GET", lambda w: "/workstreams/delta/", COORDINATORS),
]


@pytest.mark.parametrize(("method", "url", "expected"), MATRIX)
@pytest.mark.parametrize("role", ROLES)
def test_view_status_for_each_role(world, role, method, url, expected):
    client = client_for(world["users"][role])
    path = url(world)
    response = client.get(path) if method == "GET" else client.post(path)
    assert response.status_code == expected[ROLES.index(role)]
    if response.status_code == 302 and role == "anonymous":
        assert response["Location"].startswith("/accounts/login/?next=")


def test_old_space_addresses_redirect_to_the_workstream(world):
    client = client_for(world["users"]["member"])
    response = client.get("/calls/closed/workstreams/gamma/space/meetings.ics")
    assert response.status_code == 301
    assert response["Location"] == "/workstreams/gamma/meetings.ics"
    assert client.get("/calls/spaces/")["Location"] == "/workstreams/"


def test_a_participant_sees_the_participants_but_neither_contacts_nor_motivations(world):
    response = client_for(world["users"]["member"]).get(SPACE)
    [participant] = response.context["participants"]
    assert participant.organisation == world["users"]["member"].organisation
    assert participant.role == ParticipantRole.CONTRIBUTOR
    page = response.content.decode()
    assert participant.organisation.name in page
    assert "Contacts given in the call" not in page
    assert "Alex Contact" not in page
    assert "Motivation" not in page


def test_coordinators_see_the_contacts_given_in_the_call_and_the_motivations(world):
    page = client_for(world["users"]["coordinator"]).get(SPACE).content.decode()
    assert "Contacts given in the call" in page
    assert "Alex Contact" in page
    assert '<th scope="col">Motivation</th>' in page


def test_leads_see_the_motivations_but_not_the_contacts(world):
    member = world["users"]["member"]
    Workstream.objects.get(slug="gamma").participants.filter(
        organisation=member.organisation
    ).update(role=ParticipantRole.LEAD)
    page = client_for(member).get(SPACE).content.decode()
    assert '<th scope="col">Motivation</th>' in page
    assert "Alex Contact" not in page


def test_meeting_calendar_is_valid_icalendar(world):
    client = client_for(world["users"]["member"])
    response = client.get(SPACE + f"meetings/{world['meeting'].pk}.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    [event] = calendar.walk("VEVENT")
    meeting = world["meeting"]
    assert event.decoded("dtstart") == meeting.starts_at
    assert event.decoded("dtend") == meeting.ends_at
    assert str(event["location"]) == "Paris"
    assert str(event["summary"]) == f"{meeting.workstream.title}: {meeting.title}"


def test_workstream_calendar_holds_every_meeting(world):
    MeetingFactory(workstream=world["meeting"].workstream, title="Second")
    response = client_for(world["users"]["coordinator"]).get(SPACE + "meetings.ics")
    titles = sorted(
        str(e["summary"]).split(": ", 1)[1]
        for e in Calendar.from_ical(response.content).walk("VEVENT")
    )
    assert titles == sorted([world["meeting"].title, "Second"])


def test_coordinator_adds_a_meeting_with_attendees(world):
    client = client_for(world["users"]["coordinator"])
    organisation = world["users"]["member"].organisation
    response = client.post(
        SPACE + "meeting/add/",
        {
            "title": "Kick-off",
            "starts_at": "2030-01-10T14:00",
            "ends_at": "2030-01-10T16:00",
            "link": "https://meet.example.org/kick-off",
            "agenda": "Plan",
            "attendees": [organisation.pk],
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(title="Kick-off")
    assert list(meeting.attendees.all()) == [organisation]
    assert meeting.starts_at == datetime.datetime(2030, 1, 10, 14, 0, tzinfo=datetime.UTC)


def test_meeting_form_refuses_an_end_before_the_start_and_no_place(world):
    client = client_for(world["users"]["coordinator"])
    response = client.post(
        SPACE + "meeting/add/",
        {"title": "Bad", "starts_at": "2030-01-10T14:00", "ends_at": "2030-01-10T13:00"},
    )
    assert response.status_code == 422
    assert response.context["form"].errors == {
        "ends_at": ["The meeting must end after it starts."],
        "place": ["Give a place, an online link, or both."],
    }


def test_lead_organisation_may_edit_the_space(world):
    gamma = world["meeting"].workstream
    gamma.participants.filter(organisation=world["users"]["member"].organisation).update(
        role=ParticipantRole.LEAD
    )
    client = client_for(world["users"]["member"])
    assert client.get(SPACE + "event/add/").status_code == 200
    response = client.post(
        SPACE + "event/add/",
        {"name": "COP31", "kind": "cop", "starts_on": "2026-11-09", "location": "Antalya"},
    )
    assert response.status_code == 302
    assert gamma.events.get().name == "COP31"


def test_space_queries_do_not_grow(coordinator_client, django_assert_num_queries):
    call = CallFactory(slug="c")
    workstream = WorkstreamFactory(slug="w", status=WorkstreamStatus.ACTIVE)
    proposal = ProposedWorkstreamFactory(call=call, slug="w", space=workstream)

    def add():
        expression = ExpressionFactory(call=call, workstreams=[proposal])
        ParticipantFactory(workstream=workstream, organisation=expression.organisation)
        MeetingFactory(workstream=workstream).attendees.add(OrganisationFactory())
        workstream.deliverables.create(title="D")
        workstream.events.create(name="E", kind="cop", starts_on=datetime.date(2026, 11, 9))

    add()
    with django_assert_num_queries(9):
        coordinator_client.get("/workstreams/w/")
    add()
    add()
    with django_assert_num_queries(9):
        coordinator_client.get("/workstreams/w/")


def test_spaces_list_queries_do_not_grow(member_client, member_user, django_assert_num_queries):
    def add():
        ParticipantFactory(organisation=member_user.organisation)

    add()
    with django_assert_num_queries(4):
        member_client.get("/workstreams/")
    add()
    add()
    with django_assert_num_queries(4):
        member_client.get("/workstreams/")
