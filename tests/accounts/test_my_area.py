"""A person's area (the profile page): their organisation, submissions, the way to submit, their
workstreams and their data, each section from the app that holds it (``accounts.profile`` panels);
and the other ways in to "Submit an initiative"."""

import re

import pytest

from sustainai.atlas.models import ModerationState
from tests.factories.accounts import UserFactory
from tests.factories.atlas import SubmittedInitiativeFactory
from tests.factories.members import PendingOrganisationFactory
from tests.factories.workstreams import ParticipantFactory, WorkstreamFactory

pytestmark = pytest.mark.django_db


def headings(html: str) -> list[str]:
    return re.findall(r"<h2[^>]*>([^<]+)</h2>", html)


def test_a_members_area(client, member_user):
    SubmittedInitiativeFactory(name="Code Carbon tracker", submitted_by=member_user)
    SubmittedInitiativeFactory(
        name="Green inference", submitted_by=member_user, state=ModerationState.CHANGES_REQUESTED
    )
    ParticipantFactory(
        organisation=member_user.organisation,
        workstream=WorkstreamFactory(slug="energy-metrics", title="Energy metrics"),
    )
    WorkstreamFactory(title="Not theirs")
    client.force_login(member_user)
    html = client.get("/accounts/profile/").text
    assert "<h1>My area</h1>" in html
    assert headings(html) == [
        "My organisation",
        "My submissions",
        "My workstreams",
        "Confidential figures",
        "My data",
    ]
    organisation = member_user.organisation
    assert (
        f'{organisation.name} · <a href="/members/organisations/{organisation.slug}/">'
        "Your organisation's profile and contacts</a>"
    ) in html
    assert (
        '<li>Green inference <span class="badge badge-warning">Changes requested</span></li>'
    ) in html
    assert '<li>Code Carbon tracker <span class="badge">Awaiting moderation</span></li>' in html
    assert '<a href="/atlas/submit/" role="button">Submit an initiative</a>' in html
    assert '<a href="/workstreams/energy-metrics/">Energy metrics</a>' in html
    assert "Not theirs" not in html
    assert '<a href="/members/my-data/">What the platform holds about you</a>' in html


def test_the_area_of_someone_without_an_organisation(client):
    user = UserFactory()
    client.force_login(user)
    html = client.get("/accounts/profile/").text
    assert headings(html) == ["My organisation", "My data"]
    assert '<a href="/members/apply/">Apply for membership</a>' in html
    assert "/atlas/submit/" not in html


def test_the_area_of_someone_whose_organisation_applied(client):
    user = UserFactory(organisation=PendingOrganisationFactory(name="Applied Labs"))
    client.force_login(user)
    html = client.get("/accounts/profile/").text
    assert headings(html) == ["My organisation", "My data"]
    assert 'Applied Labs · <span class="badge badge-warning">Application pending</span>' in html


def test_the_area_takes_a_fixed_number_of_queries(client, member_user, django_assert_num_queries):
    client.force_login(member_user)
    client.get("/accounts/profile/")
    with django_assert_num_queries(6) as first:
        client.get("/accounts/profile/")
    SubmittedInitiativeFactory.create_batch(3, submitted_by=member_user)
    ParticipantFactory.create_batch(2, organisation=member_user.organisation)
    with django_assert_num_queries(len(first.captured_queries)):
        client.get("/accounts/profile/")


def test_submit_an_initiative_from_the_home_page_and_the_atlas(client, member_user):
    submit = '<a href="/atlas/submit/" role="button">Submit an initiative</a>'
    assert submit not in client.get("/").text
    assert '<a href="/accounts/login/?next=/atlas/submit/">' in client.get("/atlas/").text
    client.force_login(member_user)
    assert submit in client.get("/").text
    assert submit in client.get("/atlas/").text
