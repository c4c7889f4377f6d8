import datetime
import io

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from sustainai.calls import services
from sustainai.calls.models import Choice, Expression, ProposalStatus, ProposedWorkstream
from sustainai.outbox.models import OutboxMail
from tests.factories.accounts import CoordinatorFactory, MemberUserFactory, UserFactory
from tests.factories.calls import CallFactory, ExpressionFactory, ProposedWorkstreamFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "plain", "member", "other_member", "coordinator"]


@pytest.fixture
def world():
    """An open call and a closed, tallied call whose workstream "gamma" is confirmed."""
    member = MemberUserFactory(email="member@example.org")
    other = MemberUserFactory(email="other@example.org")
    coordinator = CoordinatorFactory(email="coord@example.org")
    open_call = CallFactory(slug="open")
    alpha = ProposedWorkstreamFactory(call=open_call, slug="alpha", position=1)
    ProposedWorkstreamFactory(call=open_call, slug="beta", position=2)
    mine = ExpressionFactory(call=open_call, organisation=member.organisation, workstreams=[alpha])
    theirs = ExpressionFactory(
        call=open_call, organisation=other.organisation, contact_email="secret@other.example.org"
    )
    closed = CallFactory(
        slug="closed",
        opens_at=timezone.now() - datetime.timedelta(days=30),
        closes_at=timezone.now() - datetime.timedelta(days=1),
    )
    gamma = ProposedWorkstreamFactory(call=closed, slug="gamma", confirmation_threshold=1)
    ProposedWorkstreamFactory(call=closed, slug="delta", confirmation_threshold=1)
    ExpressionFactory(call=closed, organisation=member.organisation, workstreams=[gamma])
    services.tally_call(closed.pk)
    services.decide(gamma, confirm=True, user=coordinator)
    return {
        "users": {
            "anonymous": None,
            "plain": UserFactory(email="plain@example.org"),
            "member": member,
            "other_member": other,
            "coordinator": coordinator,
        },
        "mine": mine,
        "theirs": theirs,
        "mail": OutboxMail.objects.get(),
    }


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


OK, LOGIN, FORBIDDEN = 200, 302, 403
PUBLIC = (OK, OK, OK, OK, OK)
COORDINATORS = (LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK)
PARTICIPANTS = (LOGIN, FORBIDDEN, OK, FORBIDDEN, OK)
EDITORS = (LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK)

MATRIX = [
    ("GET", lambda w: "/calls/", PUBLIC),
    ("GET", lambda w: "/calls/open/", PUBLIC),
    ("GET", lambda w: "/calls/closed/", PUBLIC),
    ("GET", lambda w: "/calls/open/workstreams/alpha/", PUBLIC),
    ("GET", lambda w: "/calls/open/interest/", (LOGIN, FORBIDDEN, OK, OK, FORBIDDEN)),
    ("GET", lambda w: "/calls/open/expressions/", COORDINATORS),
    ("GET", lambda w: f"/calls/open/expressions/{w['mine'].pk}/", PARTICIPANTS),
    ("GET", lambda w: f"/calls/open/expressions/{w['theirs'].pk}/", (LOGIN, 403, 403, OK, OK)),
    ("GET", lambda w: "/calls/closed/decisions/", COORDINATORS),
    ("POST", lambda w: "/calls/closed/tally/", (LOGIN, 403, 403, 403, 302)),
    # The first submit of a decision shows what will happen; nothing is decided yet.
    ("POST", lambda w: "/calls/closed/workstreams/delta/decide/", (LOGIN, 403, 403, 403, OK)),
    # Spaces moved to /workstreams/: the old addresses redirect there, whoever asks.
    ("GET", lambda w: "/calls/spaces/", (301, 301, 301, 301, 301)),
    ("GET", lambda w: "/calls/closed/workstreams/gamma/space/", (301, 301, 301, 301, 301)),
    ("GET", lambda w: "/calls/closed/workstreams/gamma/space/meetings.ics", (301,) * 5),
    ("GET", lambda w: "/calls/closed/workstreams/delta/space/", (404,) * 5),
    ("GET", lambda w: "/calls/dashboard/", COORDINATORS),
    ("GET", lambda w: "/calls/dashboard/export/?call=closed", COORDINATORS),
    ("GET", lambda w: "/outbox/", COORDINATORS),
    ("GET", lambda w: f"/outbox/{w['mail'].pk}/", COORDINATORS),
]


@pytest.mark.parametrize(("method", "url", "expected"), MATRIX)
@pytest.mark.parametrize("role", ROLES)
def test_view_status_for_each_role(world, role, method, url, expected):
    client = client_for(world["users"][role])
    path = url(world)
    response = client.get(path) if method == "GET" else client.post(path, {"decision": "confirm"})
    assert response.status_code == expected[ROLES.index(role)]
    if response.status_code == 302 and role == "anonymous":
        assert response["Location"].startswith("/accounts/login/?next=")


def test_member_never_sees_another_organisations_expression_in_pages(world):
    client = client_for(world["users"]["member"])
    for path in [
        "/calls/open/",
        "/calls/open/interest/",
        f"/calls/open/expressions/{world['mine'].pk}/",
    ]:
        assert "secret@other.example.org" not in client.get(path).content.decode()
    assert client.get(f"/calls/open/expressions/{world['theirs'].pk}/").status_code == 403


def express_data(**overrides):
    data = {
        "ws_alpha_chosen": "on",
        "ws_alpha_role": "lead",
        "ws_alpha_motivation": "We lead.",
        "ws_beta_role": "contributor",
        "ws_beta_motivation": "",
        "contact_name": "Alex Contact",
        "contact_email": "alex@example.org",
        "consent": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_express_form_shows_the_organisations_current_answer(world):
    client = client_for(world["users"]["member"])
    page = client.get("/calls/open/interest/").content.decode()
    assert 'name="ws_alpha_chosen" id="id_ws_alpha_chosen" checked' in page
    assert 'name="ws_beta_chosen" id="id_ws_beta_chosen"' in page
    assert 'name="ws_beta_chosen" id="id_ws_beta_chosen" checked' not in page


def test_a_first_expression_names_the_signed_in_person_as_contact(world):
    other = world["users"]["other_member"]
    other.full_name = "Grace Hopper"
    other.save()
    page = client_for(other).get("/calls/closed/interest/").content.decode()
    assert 'name="contact_name" value="Grace Hopper"' in page
    assert 'name="contact_email" value="other@example.org"' in page


def test_express_form_posts_and_updates_the_expression(world):
    client = client_for(world["users"]["member"])
    response = client.post("/calls/open/interest/", express_data())
    assert response.status_code == 302
    assert response["Location"] == f"/calls/open/expressions/{world['mine'].pk}/"
    expression = Expression.objects.get(pk=world["mine"].pk)
    assert expression.contact_email == "alex@example.org"
    assert list(expression.choices.values_list("workstream__slug", "role", "motivation")) == [
        ("alpha", "lead", "We lead.")
    ]


def test_express_form_without_consent_keeps_the_input_and_says_why(world):
    client = client_for(world["users"]["member"])
    response = client.post("/calls/open/interest/", express_data(consent=None))
    assert response.status_code == 422
    assert response.context["form"].errors == {
        "consent": [
            "Consent is required: the coalition needs it to contact this person about the call."
        ]
    }
    assert 'value="alex@example.org"' in response.content.decode()
    assert Expression.objects.get(pk=world["mine"].pk).contact_email != "alex@example.org"


def test_express_form_without_a_workstream_is_refused(world):
    client = client_for(world["users"]["member"])
    response = client.post("/calls/open/interest/", express_data(ws_alpha_chosen=None))
    assert response.status_code == 422
    assert response.context["form"].non_field_errors() == ["Choose at least one workstream."]


def test_express_form_opened_before_the_deadline_and_posted_after_is_refused(world):
    client = client_for(world["users"]["other_member"])
    assert client.get("/calls/open/interest/").status_code == 200
    # The deadline passes while the form is open in the browser.
    call = world["theirs"].call
    call.closes_at = timezone.now() - datetime.timedelta(seconds=1)
    call.save()
    before = list(Choice.objects.filter(expression=world["theirs"]).values_list("pk", flat=True))
    response = client.post("/calls/open/interest/", express_data())
    assert response.status_code == 409
    [error] = response.context["form"].non_field_errors()
    assert error.startswith("This call closed on ")
    assert error.endswith(
        "; expressions of interest are no longer accepted and nothing was changed."
    )
    assert (
        list(Choice.objects.filter(expression=world["theirs"]).values_list("pk", flat=True))
        == before
    )
    assert Expression.objects.get(pk=world["theirs"].pk).contact_email == "secret@other.example.org"


def test_call_page_shows_the_deadline_in_the_visitors_zone(world):
    call = world["mine"].call
    call.opens_at = datetime.datetime(2025, 7, 15, 7, 0, tzinfo=datetime.UTC)
    call.closes_at = datetime.datetime(2025, 9, 30, 21, 59, tzinfo=datetime.UTC)
    call.save()
    client = Client()
    client.cookies["tz"] = "Europe/Paris"
    page = client.get("/calls/open/").content.decode()
    assert '<time datetime="2025-09-30T21:59:00+00:00">30 September 2025, 23:59</time>' in page
    assert "(Europe/Paris)" in page
    client.cookies["tz"] = "America/Sao_Paulo"
    assert "30 September 2025, 18:59</time>" in client.get("/calls/open/").content.decode()


def test_decide_view_confirms_and_lands_on_the_filtered_outbox(world):
    client = client_for(world["users"]["coordinator"])
    response = client.post(
        "/calls/closed/workstreams/delta/decide/", {"decision": "not_confirm", "confirmed": "yes"}
    )
    assert response["Location"] == "/outbox/?call=closed&workstream=delta&state=draft"
    assert (
        world["mine"].call.__class__.objects.get(slug="closed").workstreams.get(slug="delta").status
        == ProposalStatus.NOT_CONFIRMED
    )


def test_decide_view_refuses_a_second_decision_with_a_message(world):
    client = client_for(world["users"]["coordinator"])
    response = client.post(
        "/calls/closed/workstreams/gamma/decide/",
        {"decision": "not_confirm", "confirmed": "yes"},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == [
        f"“{ProposedWorkstream.objects.get(slug='gamma').title}” was already decided (Confirmed)."
    ]


def test_dashboard_renders_svg_charts(world):
    page = client_for(world["users"]["coordinator"]).get("/calls/dashboard/?call=open")
    content = page.content.decode()
    assert content.count("<svg") == 4
    assert (
        '<title id="chart-interested-organisations-per-workstream-t">'
        "Interested organisations per workstream</title>"
    ) in content
    # Countries are named, not coded.
    assert "<title>France: " in content


def test_dashboard_export_csv_and_xlsx(world):
    client = client_for(world["users"]["coordinator"])
    csv_response = client.get("/calls/dashboard/export/?call=open&format=csv")
    lines = csv_response.content.decode().splitlines()
    assert lines[0] == (
        "organisation,kind,country,workstream,role,motivation,contact_name,contact_email,"
        "submitted_at,updated_at"
    )
    assert len(lines) == 2
    xlsx = client.get("/calls/dashboard/export/?call=open&format=xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [cell.value for cell in sheet[2]][:5] == [
        world["mine"].organisation.name,
        "Company",
        "FR",
        "alpha",
        "contributor",
    ]
    bad = client.get("/calls/dashboard/export/?call=open&format=pdf")
    assert bad.status_code == 400
    assert bad.content.decode() == "Unknown export format “pdf”: use csv or xlsx."


# N+1 guards: each list view runs the same number of queries with 1 and 3 items.


def test_call_list_queries_do_not_grow(client, django_assert_num_queries):
    ProposedWorkstreamFactory()
    with django_assert_num_queries(2):
        assert client.get("/calls/").status_code == 200
    ProposedWorkstreamFactory()
    ProposedWorkstreamFactory()
    with django_assert_num_queries(2):
        assert client.get("/calls/").status_code == 200


def test_call_detail_queries_do_not_grow(client, django_assert_num_queries):
    call = CallFactory(slug="c")
    ProposedWorkstreamFactory(call=call)
    with django_assert_num_queries(2):
        client.get("/calls/c/")
    ProposedWorkstreamFactory(call=call)
    ProposedWorkstreamFactory(call=call)
    with django_assert_num_queries(2):
        client.get("/calls/c/")


def test_expression_list_queries_do_not_grow(coordinator_client, django_assert_num_queries):
    call = CallFactory(slug="c")
    workstream = ProposedWorkstreamFactory(call=call)
    ExpressionFactory(call=call, workstreams=[workstream])
    with django_assert_num_queries(5):
        coordinator_client.get("/calls/c/expressions/")
    ExpressionFactory(call=call, workstreams=[workstream])
    ExpressionFactory(call=call, workstreams=[workstream])
    with django_assert_num_queries(5):
        coordinator_client.get("/calls/c/expressions/")


def test_dashboard_queries_do_not_grow(coordinator_client, django_assert_num_queries):
    call = CallFactory(slug="c")
    workstream = ProposedWorkstreamFactory(call=call)
    ExpressionFactory(call=call, workstreams=[workstream])
    with django_assert_num_queries(7):
        coordinator_client.get("/calls/dashboard/")
    ExpressionFactory(call=call, workstreams=[workstream], organisation__kind="ngo")
    ExpressionFactory(call=call, workstreams=[workstream], organisation__country="KE")
    with django_assert_num_queries(7):
        coordinator_client.get("/calls/dashboard/")


def test_decisions_page_makes_the_tallys_proposal_the_primary_button(world):
    client = client_for(world["users"]["coordinator"])
    page = client.get("/calls/closed/decisions/").content.decode()
    # "delta" had no interest: the tally proposes not to confirm it.
    row = page[page.index('id="workstream-delta"') :]
    row = row[: row.index("</tr>")]
    assert '<button type="submit" name="decision" value="confirm" class="secondary">' in row
    assert '<button type="submit" name="decision" value="not_confirm">' in row


def test_a_decision_is_first_shown_with_who_gets_which_mail_then_taken(world):
    closed = CallFactory(
        slug="later",
        opens_at=timezone.now() - datetime.timedelta(days=30),
        closes_at=timezone.now() - datetime.timedelta(days=1),
    )
    epsilon = ProposedWorkstreamFactory(call=closed, slug="epsilon", confirmation_threshold=1)
    ExpressionFactory(
        call=closed,
        organisation=world["users"]["member"].organisation,
        workstreams=[epsilon],
        contact_name="Ada Lovelace",
        contact_email="ada@example.org",
        language="fr",
    )
    services.tally_call(closed.pk)
    client = client_for(world["users"]["coordinator"])
    url = "/calls/later/workstreams/epsilon/decide/"
    page = client.post(url, {"decision": "confirm"})
    assert page.status_code == 200
    content = page.content.decode()
    assert "1 draft e-mail is written to the organisation below." in content
    assert "to Ada Lovelace &lt;ada@example.org&gt;" in content
    assert "in French" in content
    assert '<input type="hidden" name="confirmed" value="yes">' in content
    epsilon.refresh_from_db()
    assert epsilon.status == ProposalStatus.PROPOSED
    assert not OutboxMail.objects.filter(tags__workstream="epsilon").exists()
    response = client.post(url, {"decision": "confirm", "confirmed": "yes"})
    assert response.status_code == 302
    epsilon.refresh_from_db()
    assert epsilon.status == ProposalStatus.CONFIRMED


def test_the_decisions_page_of_an_open_call_counts_interest_so_far(world):
    page = client_for(world["users"]["coordinator"]).get("/calls/open/decisions/")
    content = page.content.decode()
    row = content[content.index('id="workstream-alpha"') :]
    assert "<td>1 <small>so far</small></td>" in row[: row.index("</tr>")]
