"""The coordination page's counts of what waits: declared by the apps on their links
(``Link.count``), computed only for the links a user sees, one query each."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from sustainai.core import registry
from sustainai.core.registry import Link, link_count
from sustainai.outbox.models import MailState, OutboxMail
from tests.factories.atlas import EditProposalFactory, SubmittedInitiativeFactory
from tests.factories.calls import CallFactory
from tests.factories.linkage import CandidatePairFactory
from tests.factories.members import ApplicationFactory

pytestmark = pytest.mark.django_db


def board(user) -> list[tuple[str, list[tuple[str, int | None, str]]]]:
    return [
        (str(section.title), [(str(link.label), link.count, link.count_text) for link in links])
        for section, links in registry.coordination_board(user)
    ]


@pytest.fixture
def waiting():
    """Three initiatives' moderation (two submissions, one edit proposal), two candidate pairs,
    one pending application, two outbox drafts, and two calls that need a coordinator's eye."""
    SubmittedInitiativeFactory.create_batch(2)
    EditProposalFactory()
    CandidatePairFactory.create_batch(2)
    ApplicationFactory()
    for state in (MailState.DRAFT, MailState.DRAFT, MailState.SENT):
        OutboxMail.objects.create(
            to=["someone@example.org"], subject="Hello", body="Hello", category="test", state=state
        )
    now = timezone.now()
    days = datetime.timedelta(days=1)
    CallFactory()  # closes in 7 days
    CallFactory(opens_at=now - 60 * days, closes_at=now - days)  # closed, not tallied
    CallFactory(opens_at=now - 60 * days, closes_at=now - 2 * days, tallied_at=now - days)
    CallFactory(closes_at=now + 30 * days)


def test_each_box_shows_what_waits_behind_its_links(coordinator, waiting):
    assert board(coordinator) == [
        (
            "Atlas",
            [
                ("Moderation queue", 3, "3 await moderation"),
                ("Import initiatives", None, ""),
                ("Possible duplicates", 2, "2 pairs to review"),
                ("Overlap report", None, ""),
            ],
        ),
        (
            "Members and consultations",
            [
                ("Membership applications", 1, "1 application to decide"),
                ("Consultations", None, ""),
            ],
        ),
        (
            "Calls and workstreams",
            [
                ("Workstream spaces", None, ""),
                (
                    "Interest dashboard",
                    2,
                    "2 calls closing within 14 days or awaiting their tally",
                ),
                ("Standard proposals", 0, "0 pending"),
                ("Standards roadmap editions", None, ""),
                ("Pilots to moderate", 0, "0 pending"),
                ("Pilot collections", None, ""),
                ("Model proposals", 0, "0 pending"),
            ],
        ),
        (
            "Workstream toolkits",
            [
                ("Aggregate tables", None, ""),
                ("Readers of raw figures", None, ""),
                ("Procurement criteria to moderate", 0, "0 pending"),
            ],
        ),
        ("Administration", [("Administration", None, ""), ("Outbox", 2, "2 drafts to review")]),
        ("Event reports", [("Event reports", 0, "0 in review")]),
    ]


def test_nothing_waiting_is_counted_as_zero(coordinator):
    counts = {label: count for _title, links in board(coordinator) for label, count, _ in links}
    assert counts == {
        "Moderation queue": 0,
        "Import initiatives": None,
        "Possible duplicates": 0,
        "Overlap report": None,
        "Membership applications": 0,
        "Consultations": None,
        "Workstream spaces": None,
        "Interest dashboard": 0,
        "Standard proposals": 0,
        "Standards roadmap editions": None,
        "Pilots to moderate": 0,
        "Pilot collections": None,
        "Model proposals": 0,
        "Aggregate tables": None,
        "Readers of raw figures": None,
        "Procurement criteria to moderate": 0,
        "Administration": None,
        "Outbox": 0,
        "Event reports": 0,
    }


def test_one_query_per_count_and_none_for_those_who_see_no_link(
    coordinator, member_user, waiting, django_assert_num_queries
):
    with django_assert_num_queries(10):
        registry.coordination_board(coordinator)
    with django_assert_num_queries(0):
        assert registry.coordination_board(member_user) == []
        assert registry.coordination_board(AnonymousUser()) == []


def test_a_link_without_a_count_label_shows_the_number_alone_to_none():
    link = Link("Outbox", "outbox:list", count="sustainai.outbox.selectors:draft_count")
    assert link_count(link, AnonymousUser()) == registry.CountedLink("Outbox", "outbox:list", 0)


def test_the_coordination_page_shows_the_counts(coordinator_client, waiting):
    text = coordinator_client.get("/coordination/").text
    assert (
        '<li><a href="/atlas/moderation/">Moderation queue</a> '
        '<span class="badge badge-warning">3 await moderation</span></li>'
    ) in text
    assert (
        '<li><a href="/outbox/">Outbox</a> '
        '<span class="badge badge-warning">2 drafts to review</span></li>'
    ) in text
