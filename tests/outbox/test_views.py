import smtplib

import pytest
from django.core import mail

from sustainai.outbox.models import MailState, OutboxMail
from sustainai.outbox.services import draft_mail
from tests.factories.accounts import UserFactory
from tests.factories.calls import ProposedWorkstreamFactory
from tests.factories.members import OrganisationFactory
from tests.outbox.flaky_backend import FlakyBackend

pytestmark = pytest.mark.django_db(transaction=True)


def decision(workstream: str, decision: str, to: str) -> OutboxMail:
    return draft_mail(
        to=[to],
        subject=f"{workstream} {decision}",
        body="Dear contact,",
        category="calls.decision",
        tags={"call": "c", "workstream": workstream, "decision": decision},
    )


@pytest.fixture
def drafts():
    return [
        decision("alpha", "confirmed", "a1@example.org"),
        decision("alpha", "confirmed", "a2@example.org"),
        decision("beta", "not_confirmed", "b1@example.org"),
        draft_mail(to=["x@example.org"], subject="Welcome", body="Hi", category="members.welcome"),
    ]


def subjects(response) -> list[str]:
    return sorted(m.subject for m in response.context["mails"])


def test_list_filters_by_tags_category_and_state(coordinator_client, drafts):
    assert subjects(coordinator_client.get("/outbox/?workstream=alpha")) == [
        "alpha confirmed",
        "alpha confirmed",
    ]
    assert subjects(coordinator_client.get("/outbox/?decision=not_confirmed")) == [
        "beta not_confirmed"
    ]
    assert subjects(coordinator_client.get("/outbox/?category=members.welcome")) == ["Welcome"]
    assert subjects(coordinator_client.get("/outbox/?state=sent")) == []
    assert len(coordinator_client.get("/outbox/").context["mails"]) == 4


def test_send_filtered_sends_only_the_filtered_drafts(coordinator_client, drafts):
    response = coordinator_client.post(
        "/outbox/", {"action": "send_filtered", "call": "c", "workstream": "alpha"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/outbox/?call=c&workstream=alpha"
    assert sorted(m.to[0] for m in mail.outbox) == ["a1@example.org", "a2@example.org"]
    assert sorted(
        OutboxMail.objects.filter(state=MailState.DRAFT).values_list("subject", flat=True)
    ) == ["Welcome", "beta not_confirmed"]


def test_send_filtered_by_decision(coordinator_client, drafts):
    coordinator_client.post("/outbox/", {"action": "send_filtered", "decision": "not_confirmed"})
    assert [m.to for m in mail.outbox] == [["b1@example.org"]]


def test_send_selected_sends_those_ticked(coordinator_client, drafts):
    coordinator_client.post(
        "/outbox/", {"action": "send_selected", "selected": [drafts[0].pk, drafts[3].pk]}
    )
    assert sorted(m.to[0] for m in mail.outbox) == ["a1@example.org", "x@example.org"]
    assert OutboxMail.objects.filter(state=MailState.SENT).count() == 2


def test_send_selected_with_nothing_ticked_says_so(coordinator_client, drafts):
    response = coordinator_client.post("/outbox/", {"action": "send_selected"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["Select at least one mail to send."]
    assert mail.outbox == []


def test_sent_mails_are_never_sent_twice(coordinator_client, drafts):
    coordinator_client.post("/outbox/", {"action": "send_filtered"})
    coordinator_client.post("/outbox/", {"action": "send_filtered"})
    coordinator_client.post("/outbox/", {"action": "send_selected", "selected": [drafts[0].pk]})
    assert len(mail.outbox) == 4


def test_retry_failed_queues_failed_mails_again(coordinator_client, drafts, settings):
    settings.EMAIL_BACKEND = "tests.outbox.flaky_backend.FlakyBackend"
    FlakyBackend.failures = 1
    FlakyBackend.error = smtplib.SMTPRecipientsRefused({"b1@example.org": (550, b"no such user")})
    try:
        coordinator_client.post("/outbox/", {"action": "send_selected", "selected": [drafts[2].pk]})
        drafts[2].refresh_from_db()
        assert drafts[2].state == MailState.FAILED
        response = coordinator_client.post("/outbox/", {"action": "retry_failed"}, follow=True)
        assert [str(m) for m in response.context["messages"]][-1] == (
            "1 mail(s) queued for sending; the list shows their state."
        )
    finally:
        FlakyBackend.failures = 0
    drafts[2].refresh_from_db()
    assert drafts[2].state == MailState.SENT
    assert drafts[2].attempts == 2


def test_edit_a_draft_then_save_and_send(coordinator_client, drafts):
    response = coordinator_client.post(
        f"/outbox/{drafts[0].pk}/",
        {
            "to": "A1@example.org, extra@example.org",
            "subject": "New",
            "body": "Edited",
            "send": "1",
        },
    )
    assert response.status_code == 302
    drafts[0].refresh_from_db()
    assert drafts[0].state == MailState.SENT
    assert (drafts[0].to, drafts[0].subject, drafts[0].body) == (
        ["a1@example.org", "extra@example.org"],
        "New",
        "Edited",
    )
    assert mail.outbox[0].body == "Edited"


def test_edit_refuses_a_bad_address_and_keeps_the_draft(coordinator_client, drafts):
    response = coordinator_client.post(
        f"/outbox/{drafts[0].pk}/", {"to": "a1@example.org, nope", "subject": "S", "body": "B"}
    )
    assert response.status_code == 422
    assert response.context["form"].errors == {"to": ["“nope” is not a valid e-mail address."]}
    drafts[0].refresh_from_db()
    assert drafts[0].subject == "alpha confirmed"


def test_a_sent_mail_can_no_longer_be_edited(coordinator_client, drafts):
    coordinator_client.post("/outbox/", {"action": "send_selected", "selected": [drafts[0].pk]})
    response = coordinator_client.post(
        f"/outbox/{drafts[0].pk}/",
        {"to": "z@example.org", "subject": "S", "body": "B"},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]][-1] == (
        "This mail was queued or sent; it can no longer be edited."
    )
    drafts[0].refresh_from_db()
    assert drafts[0].to == ["a1@example.org"]


@pytest.mark.parametrize(
    ("fixture", "expected"), [("client", 302), ("member_client", 403), ("coordinator_client", 200)]
)
def test_outbox_is_for_coordinators_only(request, fixture, expected, drafts):
    client = request.getfixturevalue(fixture)
    assert client.get("/outbox/").status_code == expected
    assert client.get(f"/outbox/{drafts[0].pk}/").status_code == expected
    before = len(mail.outbox)
    client.post("/outbox/", {"action": "send_filtered"})
    assert len(mail.outbox) == (before + 4 if expected == 200 else before)


def test_outbox_list_queries_do_not_grow(coordinator_client, django_assert_num_queries):
    decision("alpha", "confirmed", "a@example.org")
    # One more query per app whose mails are listed: what they are about, in words.
    with django_assert_num_queries(7):
        coordinator_client.get("/outbox/")
    decision("alpha", "confirmed", "b@example.org")
    decision("beta", "confirmed", "c@example.org")
    with django_assert_num_queries(7):
        coordinator_client.get("/outbox/")


def test_the_list_says_what_each_mail_is_about_in_words(coordinator_client):
    proposal = ProposedWorkstreamFactory(
        slug="alpha", title="Measurement", call__slug="c", call__title="Call 2025"
    )
    OrganisationFactory(slug="helios", name="Helios Compute")
    decision("alpha", "confirmed", "a@example.org")
    draft_mail(
        to=["x@example.org"],
        subject="Welcome",
        body="Hi",
        category="members.welcome",
        tags={"organisation": "helios"},
        language="fr",
    )
    page = coordinator_client.get("/outbox/").content.decode()
    assert "<strong>Decision: workstream confirmed</strong>" in page
    assert f'<a href="/calls/c/workstreams/alpha/">“{proposal.title}”, call “Call 2025”</a>' in page
    assert "<strong>Membership: welcome</strong>" in page
    assert '<a href="/members/organisations/helios/">Organisation “Helios Compute”</a>' in page
    assert '<a href="?workstream=alpha">workstream=alpha</a>' in page
    assert "<table" not in page[page.index("outbox-mails") :]


def test_the_editor_says_which_language_the_mail_and_its_reader_use(coordinator_client):
    UserFactory(email="reader@example.org", language="fr")
    draft = draft_mail(
        to=["reader@example.org", "stranger@example.org"],
        subject="Bienvenue",
        body="Bonjour",
        category="members.welcome",
        language="fr",
    )
    page = coordinator_client.get(f"/outbox/{draft.pk}/").content.decode()
    assert "Written in French." in page
    assert "reader@example.org reads French." in page
    assert "stranger@example.org: language not known (no account)." in page
