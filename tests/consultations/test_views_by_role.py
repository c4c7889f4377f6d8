"""Every consultations view × every role, with the exact status code."""

import pytest
from django.urls import reverse

from sustainai.consultations.models import Answer, QuestionKind
from tests.factories.accounts import MemberUserFactory
from tests.factories.consultations import ConsultationFactory, QuestionFactory
from tests.factories.members import OrganisationFactory, PendingOrganisationFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "plain", "pending_member", "member", "coordinator"]


@pytest.fixture
def consultation():
    consultation = ConsultationFactory(slug="priorities")
    QuestionFactory(consultation=consultation, kind=QuestionKind.SINGLE, choices=["A", "B"])
    return consultation


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
    ("name", "kwargs", "expected"),
    [
        ("consultations:list", {}, [302, 403, 403, 200, 200]),
        ("consultations:detail", {"slug": "priorities"}, [302, 403, 403, 200, 200]),
        ("consultations:answer", {"slug": "priorities"}, [302, 403, 403, 200, 403]),
        ("consultations:results", {"slug": "priorities"}, [302, 403, 403, 403, 200]),
        ("consultations:export", {"slug": "priorities", "fmt": "csv"}, [302, 403, 403, 403, 200]),
        ("consultations:export", {"slug": "priorities", "fmt": "xlsx"}, [302, 403, 403, 403, 200]),
    ],
)
@pytest.mark.parametrize("role_index", range(len(ROLES)))
def test_get_status_by_role(as_role, consultation, name, kwargs, expected, role_index):
    client = as_role(ROLES[role_index])
    assert client.get(reverse(name, kwargs=kwargs)).status_code == expected[role_index]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("plain", 403),
        ("pending_member", 403),
        ("member", 302),
        ("coordinator", 403),
    ],
)
def test_answer_post_status_by_role(as_role, consultation, role, expected):
    question = consultation.questions.get()
    choice = question.choices.first()
    response = as_role(role).post(
        reverse("consultations:answer", args=["priorities"]),
        {f"question_{question.pk}": str(choice.pk)},
    )
    assert response.status_code == expected
    assert Answer.objects.count() == (1 if role == "member" else 0)


def test_unknown_consultation_is_404_for_members(member_client):
    assert member_client.get(reverse("consultations:detail", args=["nope"])).status_code == 404


def test_member_sees_only_their_own_organisations_answer(member_client, member_user, consultation):
    other = OrganisationFactory(name="Other Org")
    Answer.objects.create(
        consultation=consultation, organisation=other, contact_name="Hidden Person"
    )
    response = member_client.get(reverse("consultations:detail", args=["priorities"]))
    assert response.context["answer"] is None
    body = response.content.decode()
    assert "Other Org" not in body
    assert "Hidden Person" not in body
    Answer.objects.create(
        consultation=consultation, organisation=member_user.organisation, contact_name="Mine"
    )
    response = member_client.get(reverse("consultations:detail", args=["priorities"]))
    assert response.context["answer"].organisation == member_user.organisation


def test_list_query_count_is_the_same_for_one_and_three(
    member_client, coordinator, client, django_assert_num_queries
):
    ConsultationFactory()
    url = reverse("consultations:list")
    member_client.get(url)
    with django_assert_num_queries(5):
        assert member_client.get(url).status_code == 200
    client.force_login(coordinator)
    with django_assert_num_queries(3):
        assert client.get(url).status_code == 200
    ConsultationFactory.create_batch(2)
    with django_assert_num_queries(3):
        assert len(client.get(url).context["consultations"]) == 3
    client.logout()
    member_client.force_login(MemberUserFactory())
    member_client.get(url)
    with django_assert_num_queries(5):
        assert len(member_client.get(url).context["consultations"]) == 3
