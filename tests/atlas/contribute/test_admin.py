import pytest
from django.urls import reverse

from sustainai.atlas.models import Actor
from tests.factories.accounts import CoordinatorFactory
from tests.factories.atlas import EditProposalFactory, InitiativeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    """A coordinator who is staff but not superuser: the admin relies on the Atlas's rules."""
    client.force_login(CoordinatorFactory(is_superuser=False))
    return client


def test_coordinator_uses_the_atlas_admin(staff_client):
    initiative = InitiativeFactory(name="Admin me", countries=["FR"])
    proposal = EditProposalFactory(initiative=initiative)
    pages = [
        reverse("admin:atlas_initiative_changelist"),
        reverse("admin:atlas_initiative_change", args=[initiative.pk]),
        reverse("admin:atlas_initiative_history", args=[initiative.pk]),
        reverse("admin:atlas_actor_changelist"),
        reverse("admin:atlas_topic_changelist"),
        reverse("admin:atlas_editproposal_changelist"),
        reverse("admin:atlas_editproposal_change", args=[proposal.pk]),
    ]
    assert [staff_client.get(url).status_code for url in pages] == [200] * len(pages)
    change = staff_client.get(pages[1]).content.decode()
    assert reverse("atlas:review", args=[initiative.pk]) in change
    assert reverse("atlas:import") in change


def test_actor_saved_in_the_admin_gets_its_normalised_name(staff_client):
    response = staff_client.post(
        reverse("admin:atlas_actor_add"),
        {"name": "Université  Paris-Saclay", "website": "", "country": "", "member": ""},
    )
    assert response.status_code == 302
    assert Actor.objects.get().normalized_name == "universite paris saclay"


def test_member_cannot_use_the_atlas_admin(client, member_user):
    client.force_login(member_user)
    response = client.get(reverse("admin:atlas_initiative_changelist"))
    assert response.status_code == 302
