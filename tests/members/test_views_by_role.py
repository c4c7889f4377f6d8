"""Every members view × every role, with the exact status code."""

import pytest
from django.urls import reverse

from tests.factories.accounts import MemberUserFactory
from tests.factories.members import ApplicationFactory, PendingOrganisationFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "plain", "pending_member", "member", "coordinator"]


@pytest.fixture
def as_role(client, plain_user, member_user, coordinator):
    def sign_in(role):
        users = {
            "plain": plain_user,
            "member": member_user,
            "coordinator": coordinator,
            "pending_member": MemberUserFactory(organisation=PendingOrganisationFactory()),
        }
        if role != "anonymous":
            client.force_login(users[role])
        return client

    return sign_in


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("members:directory", [200, 200, 200, 200, 200]),
        ("members:apply", [200, 200, 200, 200, 200]),
        ("members:applied", [200, 200, 200, 200, 200]),
        ("members:applications", [302, 403, 403, 403, 200]),
        ("members:my_data", [302, 200, 200, 200, 200]),
        ("members:export_my_data", [302, 200, 200, 200, 200]),
        ("members:erase_my_data", [302, 200, 200, 200, 200]),
    ],
)
@pytest.mark.parametrize("role_index", range(len(ROLES)))
def test_get_status_by_role(as_role, name, expected, role_index):
    client = as_role(ROLES[role_index])
    assert client.get(reverse(name)).status_code == expected[role_index]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("plain", 403),
        ("pending_member", 403),
        ("member", 403),
        ("coordinator", 302),
    ],
)
def test_decide_post_status_by_role(as_role, role, expected):
    application = ApplicationFactory()
    client = as_role(role)
    response = client.post(
        reverse("members:decide", args=[application.pk]), {"decision": "approve"}
    )
    assert response.status_code == expected
    application.organisation.refresh_from_db()
    assert application.organisation.is_approved is (role == "coordinator")


def test_decide_get_is_not_allowed(coordinator_client):
    application = ApplicationFactory()
    assert (
        coordinator_client.get(reverse("members:decide", args=[application.pk])).status_code == 405
    )


def test_decide_unknown_application_is_404(coordinator_client):
    assert coordinator_client.post(reverse("members:decide", args=[999])).status_code == 404
