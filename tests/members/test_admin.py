"""The Django admin pages of members and consultations open for a coordinator (superuser)."""

import pytest
from django.urls import reverse

from sustainai.consultations.models import Answer
from tests.factories.accounts import CoordinatorFactory
from tests.factories.consultations import QuestionFactory
from tests.factories.members import ApplicationFactory, ContactFactory

pytestmark = pytest.mark.django_db


def test_admin_pages_open(client):
    client.force_login(CoordinatorFactory(is_superuser=True))
    application = ApplicationFactory()
    contact = ContactFactory()
    question = QuestionFactory(choices=["A"])
    answer = Answer.objects.create(
        consultation=question.consultation, organisation=application.organisation
    )
    urls = [
        reverse("admin:members_organisation_change", args=[application.organisation_id]),
        reverse("admin:members_contact_change", args=[contact.pk]),
        reverse("admin:members_membershipapplication_change", args=[application.pk]),
        reverse("admin:consultations_consultation_change", args=[question.consultation_id]),
        reverse("admin:consultations_question_change", args=[question.pk]),
        reverse("admin:consultations_answer_change", args=[answer.pk]),
        reverse("admin:consultations_consultation_add"),
    ]
    assert [client.get(url).status_code for url in urls] == [200] * len(urls)


def test_contacts_are_not_added_in_the_admin_but_on_the_organisation_s_page(client):
    """There, the person's consent is recorded and they are told by e-mail."""
    client.force_login(CoordinatorFactory(is_superuser=True))
    contact = ContactFactory()
    assert client.get(reverse("admin:members_contact_add")).status_code == 403
    page = client.get(reverse("admin:members_organisation_change", args=[contact.organisation_id]))
    assert page.status_code == 200
    [contacts] = page.context["inline_admin_formsets"]
    assert contacts.has_add_permission is False
