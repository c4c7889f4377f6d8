import datetime

import pytest
from django.urls import reverse

from sustainai.members.models import MembershipStatus
from sustainai.members.selectors import directory, membership_over_time
from tests.factories.members import ContactFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_directory_lists_only_approved_opted_in_organisations(client):
    OrganisationFactory(name="Listed")
    OrganisationFactory(name="Private", public_profile=False)
    OrganisationFactory(name="Pending", status=MembershipStatus.APPLIED)
    OrganisationFactory(name="Rejected", status=MembershipStatus.REJECTED)
    response = client.get(reverse("members:directory"))
    assert response.status_code == 200
    assert [o.name for o in response.context["directory"].organisations] == ["Listed"]


def test_directory_never_shows_contacts(client):
    ContactFactory(full_name="Secret Person", email="secret@example.org")
    body = client.get(reverse("members:directory")).content.decode()
    assert "Secret Person" not in body
    assert "secret@example.org" not in body


def test_directory_counts_by_kind_and_country():
    OrganisationFactory(kind="startup", country="FR")
    OrganisationFactory(kind="startup", country="KE")
    OrganisationFactory(kind="government", role="supporter", country="FR")
    data = directory()
    assert data.by_kind == [("Start-up", 2), ("Government", 1)]
    assert data.by_country == [("France", 2), ("Kenya", 1)]


def test_membership_over_time_is_a_running_total_per_month_with_empty_months():
    joined = [datetime.date(2025, 1, 20), datetime.date(2025, 3, 2), datetime.date(2025, 3, 30)]
    assert membership_over_time(joined) == [
        (datetime.date(2025, 1, 1), 1),
        (datetime.date(2025, 2, 1), 1),
        (datetime.date(2025, 3, 1), 3),
    ]


def test_membership_over_time_crosses_the_year():
    joined = [datetime.date(2024, 12, 5), datetime.date(2025, 1, 5)]
    assert membership_over_time(joined) == [
        (datetime.date(2024, 12, 1), 1),
        (datetime.date(2025, 1, 1), 2),
    ]


def test_directory_renders_accessible_svg_charts(client):
    OrganisationFactory(joined_on=datetime.date(2025, 2, 1))
    OrganisationFactory(joined_on=datetime.date(2025, 4, 1))
    body = client.get(reverse("members:directory")).content.decode()
    assert body.count('<svg xmlns="http://www.w3.org/2000/svg"') == 3
    assert body.count('role="img"') == 3
    assert '<title id="chart-organisations-in-the-directory-over-time-t">' in body
    assert "<script" not in body.split("<main", 1)[1].split("</main>")[0]


def test_directory_query_count_is_the_same_for_one_and_three(client, django_assert_num_queries):
    OrganisationFactory()
    url = reverse("members:directory")
    with django_assert_num_queries(1):
        assert client.get(url).status_code == 200
    OrganisationFactory.create_batch(2, country="KE")
    with django_assert_num_queries(1):
        response = client.get(url)
    assert len(response.context["directory"].organisations) == 3
