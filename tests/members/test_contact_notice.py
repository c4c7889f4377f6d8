"""A person added as a contact by someone else is told so, and can remove themselves by a link."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from sustainai.members import consent, services
from sustainai.members.models import Contact
from sustainai.outbox.models import OutboxMail
from tests.factories.members import ContactFactory
from tests.members.test_profile import NEW_CONTACT, organisation  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db


def add_ada(member_client, organisation):  # noqa: F811 - the fixture's value
    response = member_client.post(
        reverse("members:add_contact", args=[organisation.slug]), NEW_CONTACT
    )
    assert response.status_code == 302
    return organisation.contacts.get(email="ada@greencompute.example.org")


def withdrawal_link(mail) -> str:
    return re.search(r"http://testserver(/members/contacts/withdraw/\S+/)", mail.body).group(1)


def test_a_contact_added_by_a_colleague_is_told_what_was_recorded(
    member_client,
    member_user,
    organisation,  # noqa: F811
):
    member_user.full_name = "Morgan Member"
    member_user.save()
    ada = add_ada(member_client, organisation)

    mail = OutboxMail.objects.get(category="members.contact_added")
    assert mail.to == ["ada@greencompute.example.org"]
    assert mail.subject == "You are a contact of Greencompute in the coalition"
    assert mail.tags == {"organisation": "greencompute"}
    assert mail.created_by == member_user
    link = withdrawal_link(mail)
    assert mail.body == "\n".join(
        [
            "Morgan Member added you as a contact of Greencompute in the coalition for "
            "environmentally sustainable AI, and recorded that you agreed to this text:",
            "",
            str(consent.MEMBERSHIP_CONTACT_TEXT),
            "",
            "What is recorded: your name (Ada Lovelace), this e-mail address and your position.",
            "Only the users of Greencompute and the coalition's coordinators see these details; "
            "they are never published.",
            "",
            "If you did not agree, or no longer agree, remove your details here:",
            f"http://testserver{link}",
        ]
    )
    assert services.contact_for_withdrawal(link.split("/")[-2]) == ada


def test_adding_oneself_sends_no_notice(member_client, member_user, organisation):  # noqa: F811
    Contact.objects.filter(organisation=organisation).update(email="other@example.org")
    member_client.post(
        reverse("members:add_contact", args=[organisation.slug]),
        {**NEW_CONTACT, "email": member_user.email.upper()},
    )
    assert organisation.contacts.filter(email=member_user.email).exists()
    assert not OutboxMail.objects.filter(category="members.contact_added").exists()


def test_the_notice_is_written_in_the_language_of_the_colleague_who_added_the_contact(
    member_client,
    organisation,  # noqa: F811
):
    with translation.override("fr"):
        services.add_contact(
            organisation,
            services.ContactData(
                full_name="Ada Lovelace", email="ada@example.org", position="", is_primary=False
            ),
        )
    mail = OutboxMail.objects.get(category="members.contact_added")
    assert mail.subject == "Vous êtes contact de Greencompute dans la coalition"
    assert mail.body.startswith(
        "La coalition pour une IA écologiquement durable vous a ajouté comme contact de "
        "Greencompute, et a indiqué que vous aviez accepté ce texte :\n\nJ'accepte"
    )


def test_the_link_lets_the_person_remove_their_details_without_an_account(
    client,
    member_client,
    organisation,  # noqa: F811
):
    add_ada(member_client, organisation)
    link = withdrawal_link(OutboxMail.objects.get(category="members.contact_added"))

    page = client.get(link)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Ada Lovelace (ada@greencompute.example.org) is a contact of Greencompute." in html

    done = client.post(link)
    assert done.status_code == 200
    assert "you are no longer a contact of Greencompute." in done.content.decode()
    assert not Contact.objects.filter(email="ada@greencompute.example.org").exists()
    # The link has done its work.
    again = client.get(link)
    assert again.status_code == 404
    assert "This link does not name any contact" in again.content.decode()
    assert client.post(link).status_code == 404


@pytest.mark.parametrize("token", ["forged", "eyJjb250YWN0IjoxfQ:1abc:xyz"])
def test_a_forged_token_names_nobody(client, token):
    assert client.get(reverse("members:withdraw_contact", args=[token])).status_code == 404


def test_a_token_stops_working_once_the_address_changed(organisation):  # noqa: F811
    contact = ContactFactory(organisation=organisation, email="old@example.org")
    token = services.withdrawal_token(contact)
    Contact.objects.filter(pk=contact.pk).update(email="new@example.org")
    assert services.contact_for_withdrawal(token) is None


def test_the_primary_contact_withdrawing_hands_the_role_to_the_longest_standing_contact(
    organisation,  # noqa: F811
):
    primary = organisation.contacts.get(is_primary=True)
    older = ContactFactory(organisation=organisation, full_name="Older")
    ContactFactory(organisation=organisation, full_name="Newer")

    services.withdraw_contact(primary)

    assert list(organisation.contacts.filter(is_primary=True)) == [older]


def test_the_last_contact_may_withdraw_too(organisation):  # noqa: F811
    (only,) = organisation.contacts.all()
    services.withdraw_contact(only)
    assert not organisation.contacts.exists()
    services.withdraw_contact(only)  # a second click changes nothing
