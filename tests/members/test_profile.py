"""An organisation's users edit its public profile and manage its contacts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from sustainai.members import consent
from sustainai.members.models import Contact, MembershipStatus, Organisation
from tests.factories.accounts import MemberUserFactory
from tests.factories.members import ContactFactory, OrganisationFactory, PendingOrganisationFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "plain", "pending_member", "other_member", "member", "coordinator"]
PROFILE = {
    "name": "GreenCompute Labs",
    "website": "https://greencompute.example.org",
    "country": "DE",
    "description": "Measures the energy of training runs.",
    "public_profile": "on",
}
NEW_CONTACT = {
    "full_name": "Ada Lovelace",
    "email": "Ada@GreenCompute.example.org",
    "position": "Head of research",
    "consent": "on",
}


@pytest.fixture
def organisation(member_user):
    """The member user's organisation, approved, with its primary contact."""
    organisation = member_user.organisation
    Organisation.objects.filter(pk=organisation.pk).update(
        name="Greencompute", slug="greencompute", website="", country="FR", description="Old."
    )
    organisation.refresh_from_db()
    organisation.history.all().delete()
    ContactFactory(
        organisation=organisation,
        full_name="Morgan Member",
        email="member@example.org",
        user=member_user,
        is_primary=True,
    )
    return organisation


@pytest.fixture
def contact(organisation):
    return ContactFactory(
        organisation=organisation, full_name="Sam Second", email="sam@example.org"
    )


@pytest.fixture
def as_role(client, plain_user, member_user, coordinator):
    def sign_in(role):
        users = {
            "plain": plain_user,
            "pending_member": lambda: MemberUserFactory(organisation=PendingOrganisationFactory()),
            "other_member": lambda: MemberUserFactory(),
            "member": member_user,
            "coordinator": coordinator,
        }
        if role != "anonymous":
            user = users[role]
            client.force_login(user() if callable(user) else user)
        return client

    return sign_in


def urls(organisation, contact):
    slug = organisation.slug
    return {
        "members:organisation": reverse("members:organisation", args=[slug]),
        "members:edit_organisation": reverse("members:edit_organisation", args=[slug]),
        "members:add_contact": reverse("members:add_contact", args=[slug]),
        "members:edit_contact": reverse("members:edit_contact", args=[slug, contact.pk]),
        "members:remove_contact": reverse("members:remove_contact", args=[slug, contact.pk]),
    }


# --- Who may do what -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "members:organisation",
        "members:edit_organisation",
        "members:add_contact",
        "members:edit_contact",
        "members:remove_contact",
    ],
)
@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("plain", 403),
        ("pending_member", 403),
        ("other_member", 403),
        ("member", 200),
        ("coordinator", 200),
    ],
)
def test_get_status_by_role(as_role, organisation, contact, name, role, expected):
    url = urls(organisation, contact)[name]
    response = as_role(role).get(url)
    assert response.status_code == expected
    if role == "anonymous":
        assert response.url == f"{reverse('accounts:login')}?next={url}"


@pytest.mark.parametrize(
    ("role", "expected", "changed"),
    [
        ("anonymous", 302, False),
        ("plain", 403, False),
        ("pending_member", 403, False),
        ("other_member", 403, False),
        ("member", 302, True),
        ("coordinator", 302, True),
    ],
)
def test_edit_profile_post_by_role(as_role, organisation, role, expected, changed):
    url = reverse("members:edit_organisation", args=[organisation.slug])
    assert as_role(role).post(url, PROFILE).status_code == expected
    organisation.refresh_from_db()
    assert (organisation.name == "GreenCompute Labs") is changed
    assert organisation.history.count() == (1 if changed else 0)


@pytest.mark.parametrize(
    ("role", "expected", "added"),
    [
        ("anonymous", 302, False),
        ("plain", 403, False),
        ("pending_member", 403, False),
        ("other_member", 403, False),
        ("member", 302, True),
        ("coordinator", 302, True),
    ],
)
def test_add_contact_post_by_role(as_role, organisation, role, expected, added):
    url = reverse("members:add_contact", args=[organisation.slug])
    assert as_role(role).post(url, NEW_CONTACT).status_code == expected
    assert organisation.contacts.filter(full_name="Ada Lovelace").exists() is added


@pytest.mark.parametrize(
    ("role", "expected", "edited"),
    [
        ("anonymous", 302, False),
        ("plain", 403, False),
        ("pending_member", 403, False),
        ("other_member", 403, False),
        ("member", 302, True),
        ("coordinator", 302, True),
    ],
)
def test_edit_contact_post_by_role(as_role, organisation, contact, role, expected, edited):
    url = reverse("members:edit_contact", args=[organisation.slug, contact.pk])
    data = {"full_name": "Sam Renamed", "email": "sam@example.org", "position": ""}
    assert as_role(role).post(url, data).status_code == expected
    contact.refresh_from_db()
    assert (contact.full_name == "Sam Renamed") is edited


@pytest.mark.parametrize(
    ("role", "expected", "removed"),
    [
        ("anonymous", 302, False),
        ("plain", 403, False),
        ("pending_member", 403, False),
        ("other_member", 403, False),
        ("member", 302, True),
        ("coordinator", 302, True),
    ],
)
def test_remove_contact_post_by_role(as_role, organisation, contact, role, expected, removed):
    url = reverse("members:remove_contact", args=[organisation.slug, contact.pk])
    assert as_role(role).post(url).status_code == expected
    assert Contact.objects.filter(pk=contact.pk).exists() is not removed


def test_users_of_a_pending_organisation_cannot_edit_it(client):
    user = MemberUserFactory(organisation=PendingOrganisationFactory(slug="pending-org"))
    client.force_login(user)
    assert client.get(reverse("members:organisation", args=["pending-org"])).status_code == 403
    response = client.post(reverse("members:edit_organisation", args=["pending-org"]), PROFILE)
    assert response.status_code == 403
    assert Organisation.objects.get(slug="pending-org").name != "GreenCompute Labs"


def test_a_contact_of_another_organisation_is_not_found_through_ones_own(
    member_client, organisation
):
    foreign = ContactFactory(organisation=OrganisationFactory(), full_name="Foreign Person")
    for name in ("members:edit_contact", "members:remove_contact"):
        url = reverse(name, args=[organisation.slug, foreign.pk])
        assert member_client.get(url).status_code == 404
        assert member_client.post(url, {**NEW_CONTACT, "full_name": "X"}).status_code == 404
    foreign.refresh_from_db()
    assert foreign.full_name == "Foreign Person"


def test_an_unknown_organisation_is_404(member_client):
    assert member_client.get(reverse("members:organisation", args=["nobody"])).status_code == 404


# --- The organisation's page -----------------------------------------------------------------


def test_the_page_shows_the_profile_and_the_contacts(member_client, organisation, contact):
    response = member_client.get(reverse("members:organisation", args=[organisation.slug]))
    html = response.content.decode()
    assert "<h1>Greencompute</h1>" in html
    assert [c.full_name for c in response.context["contacts"]] == ["Morgan Member", "Sam Second"]
    assert "sam@example.org" in html
    assert "text 2025-01, given 1 March 2025" in html


def test_the_page_query_count_does_not_grow_with_the_contacts(
    member_client, organisation, django_assert_num_queries
):
    url = reverse("members:organisation", args=[organisation.slug])
    member_client.get(url)  # warm the session
    with django_assert_num_queries(5):
        response = member_client.get(url)
    assert len(response.context["contacts"]) == 1
    ContactFactory.create_batch(2, organisation=organisation)
    with django_assert_num_queries(5):
        response = member_client.get(url)
    assert len(response.context["contacts"]) == 3


def test_the_account_page_links_a_member_to_the_organisation(member_client, organisation):
    html = member_client.get(reverse("accounts:profile")).content.decode()
    link = reverse("members:organisation", args=[organisation.slug])
    assert f'<a href="{link}">Your organisation\'s profile and contacts</a>' in html


def test_the_account_page_has_no_link_for_a_pending_organisation(client):
    client.force_login(MemberUserFactory(organisation=PendingOrganisationFactory()))
    html = client.get(reverse("accounts:profile")).content.decode()
    assert "Your organisation's profile and contacts" not in html


def test_the_directory_links_a_member_to_the_organisation(member_client, organisation):
    html = member_client.get(reverse("members:directory")).content.decode()
    link = reverse("members:organisation", args=[organisation.slug])
    assert f'<a href="{link}">Your organisation\'s profile and contacts</a>' in html


def test_the_page_is_served_in_french(member_client, organisation):
    member_client.cookies["django_language"] = "fr"
    html = member_client.get(reverse("members:organisation", args=[organisation.slug])).text
    assert "Modifier le profil" in html
    assert "Ajouter un contact" in html


# --- Editing the profile ---------------------------------------------------------------------


def test_the_form_starts_with_the_current_profile(member_client, organisation):
    response = member_client.get(reverse("members:edit_organisation", args=[organisation.slug]))
    form = response.context["form"]
    assert {name: form[name].value() for name in PROFILE} == {
        "name": "Greencompute",
        "website": "",
        "country": "FR",
        "description": "Old.",
        "public_profile": True,
    }
    assert set(form.fields) == {"name", "website", "country", "description", "public_profile"}


def test_a_member_edits_the_profile_and_the_history_records_it(
    member_client, member_user, organisation
):
    url = reverse("members:edit_organisation", args=[organisation.slug])
    response = member_client.post(url, {**PROFILE, "website": "greencompute.example.org"})
    assert response.status_code == 302
    assert response.url == reverse("members:organisation", args=["greencompute"])
    organisation.refresh_from_db()
    assert (
        organisation.name,
        organisation.slug,
        organisation.website,
        organisation.country.code,
        organisation.description,
        organisation.public_profile,
    ) == (
        "GreenCompute Labs",
        "greencompute",  # URLs stay as they were
        "https://greencompute.example.org",
        "DE",
        "Measures the energy of training runs.",
        True,
    )
    record = organisation.history.get()
    assert (record.history_type, record.history_user, record.history_change_reason) == (
        "~",
        member_user,
        "Profile edited by its organisation: name, website, country, description",
    )
    assert record.name == "GreenCompute Labs"
    followed = member_client.get(response.url)
    assert [str(m) for m in followed.context["messages"]] == [
        "The profile of GreenCompute Labs is saved."
    ]


def test_a_coordinators_edit_is_recorded_as_theirs(coordinator_client, coordinator, organisation):
    url = reverse("members:edit_organisation", args=[organisation.slug])
    coordinator_client.post(url, {**PROFILE, "name": "Greencompute", "public_profile": ""})
    record = organisation.history.get()
    assert (record.history_user, record.history_change_reason) == (
        coordinator,
        "Profile edited by a coordinator: website, country, description, public_profile",
    )


def test_saving_an_unchanged_profile_records_nothing(member_client, organisation):
    url = reverse("members:edit_organisation", args=[organisation.slug])
    data = {"name": "Greencompute", "country": "FR", "description": "Old.", "public_profile": "on"}
    assert member_client.post(url, data).status_code == 302
    assert organisation.history.count() == 0


def test_kind_role_and_status_stay_the_coordinators(member_client, organisation):
    url = reverse("members:edit_organisation", args=[organisation.slug])
    member_client.post(
        url,
        {
            **PROFILE,
            "kind": "government",
            "role": "supporter",
            "status": MembershipStatus.REJECTED,
            "slug": "hijacked",
            "joined_on": "2001-01-01",
        },
    )
    organisation.refresh_from_db()
    assert (
        organisation.kind,
        organisation.role,
        organisation.status,
        organisation.slug,
        organisation.joined_on,
    ) == ("company", "member", "approved", "greencompute", datetime.date(2025, 3, 1))


def test_a_taken_name_is_refused_on_the_name_field_whatever_its_case(member_client, organisation):
    OrganisationFactory(name="Helios Compute")
    url = reverse("members:edit_organisation", args=[organisation.slug])
    response = member_client.post(url, {**PROFILE, "name": "  helios COMPUTE "})
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "name": ["An organisation named “helios COMPUTE” is already a member or has applied."]
    }
    organisation.refresh_from_db()
    assert (organisation.name, organisation.website) == ("Greencompute", "")
    assert organisation.history.count() == 0


def test_the_own_name_may_change_case(member_client, organisation):
    url = reverse("members:edit_organisation", args=[organisation.slug])
    assert member_client.post(url, {**PROFILE, "name": "GREENCOMPUTE"}).status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "GREENCOMPUTE"


def test_a_required_field_left_empty_keeps_the_input(member_client, organisation):
    url = reverse("members:edit_organisation", args=[organisation.slug])
    response = member_client.post(url, {**PROFILE, "description": ""})
    assert response.status_code == 400
    assert response.context["form"].errors == {"description": ["This field is required."]}
    assert 'value="GreenCompute Labs"' in response.content.decode()


def test_the_edited_website_is_on_the_public_directory(client, member_client, organisation):
    url = reverse("members:edit_organisation", args=[organisation.slug])
    member_client.post(url, PROFILE)
    member_client.logout()
    html = client.get(reverse("members:directory")).content.decode()
    assert '<a href="https://greencompute.example.org" rel="noopener">GreenCompute Labs</a>' in html


def test_leaving_the_directory_takes_the_organisation_out_of_it(member_client, organisation):
    url = reverse("members:edit_organisation", args=[organisation.slug])
    member_client.post(url, {**PROFILE, "public_profile": ""})
    directory = member_client.get(reverse("members:directory")).context["directory"]
    assert directory.organisations == []


# --- Contacts --------------------------------------------------------------------------------


def test_a_new_contact_comes_with_the_recorded_consent(member_client, organisation):
    before = timezone.now()
    response = member_client.post(
        reverse("members:add_contact", args=[organisation.slug]), NEW_CONTACT
    )
    assert response.status_code == 302
    contact = organisation.contacts.get(full_name="Ada Lovelace")
    assert (
        contact.email,
        contact.position,
        contact.is_primary,
        contact.user,
        contact.consent_purpose,
        contact.consent_text_version,
        contact.consent_text,
    ) == (
        "ada@greencompute.example.org",
        "Head of research",
        False,
        None,
        consent.MEMBERSHIP_CONTACT,
        consent.MEMBERSHIP_CONTACT_VERSION,
        str(consent.MEMBERSHIP_CONTACT_TEXT),
    )
    assert before <= contact.consent_given_at <= timezone.now()
    followed = member_client.get(response.url)
    assert [str(m) for m in followed.context["messages"]] == ["Ada Lovelace is a contact now."]


def test_the_add_form_shows_the_consent_text(member_client, organisation):
    html = member_client.get(reverse("members:add_contact", args=[organisation.slug])).text
    assert f"<blockquote>{escape(consent.MEMBERSHIP_CONTACT_TEXT)}</blockquote>" in html


def test_a_contact_without_consent_is_refused(member_client, organisation):
    response = member_client.post(
        reverse("members:add_contact", args=[organisation.slug]), {**NEW_CONTACT, "consent": ""}
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {"consent": ["This field is required."]}
    assert organisation.contacts.count() == 1


def test_an_e_mail_address_already_a_contact_is_refused_whatever_its_case(
    member_client, organisation
):
    response = member_client.post(
        reverse("members:add_contact", args=[organisation.slug]),
        {**NEW_CONTACT, "email": "MEMBER@example.org"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "email": ["Greencompute already has a contact with this e-mail address."]
    }
    assert organisation.contacts.count() == 1


def test_a_new_primary_contact_replaces_the_previous_one(member_client, organisation):
    member_client.post(
        reverse("members:add_contact", args=[organisation.slug]),
        {**NEW_CONTACT, "is_primary": "on"},
    )
    assert list(organisation.contacts.filter(is_primary=True).values_list("full_name")) == [
        ("Ada Lovelace",)
    ]


def test_editing_a_contact_keeps_the_consent_as_recorded(member_client, organisation, contact):
    url = reverse("members:edit_contact", args=[organisation.slug, contact.pk])
    response = member_client.get(url)
    assert "consent" not in response.context["form"].fields
    assert response.context["form"]["full_name"].value() == "Sam Second"
    response = member_client.post(
        url,
        {
            "full_name": "Sam Second-Smith",
            "email": "Sam.Smith@example.org",
            "position": "CTO",
            "is_primary": "on",
        },
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert (contact.full_name, contact.email, contact.position, contact.is_primary) == (
        "Sam Second-Smith",
        "sam.smith@example.org",
        "CTO",
        True,
    )
    assert contact.consent_given_at == datetime.datetime(2025, 3, 1, 9, 0, tzinfo=datetime.UTC)
    assert organisation.contacts.get(full_name="Morgan Member").is_primary is False


def test_the_only_primary_contact_cannot_be_unmarked(member_client, organisation):
    primary = organisation.contacts.get(is_primary=True)
    url = reverse("members:edit_contact", args=[organisation.slug, primary.pk])
    response = member_client.post(url, {"full_name": "Morgan Member", "email": primary.email})
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "is_primary": ["To change the primary contact, make another contact primary."]
    }
    primary.refresh_from_db()
    assert primary.is_primary is True


def test_an_e_mail_address_of_another_contact_is_refused_on_edit(
    member_client, organisation, contact
):
    url = reverse("members:edit_contact", args=[organisation.slug, contact.pk])
    response = member_client.post(url, {"full_name": "Sam Second", "email": "member@example.org"})
    assert response.context["form"].errors == {
        "email": ["Greencompute already has a contact with this e-mail address."]
    }


def test_removing_a_contact_asks_first_then_deletes_it(member_client, organisation, contact):
    url = reverse("members:remove_contact", args=[organisation.slug, contact.pk])
    html = member_client.get(url).text
    assert "<h1>Remove the contact Sam Second</h1>" in html
    assert Contact.objects.filter(pk=contact.pk).exists()
    response = member_client.post(url, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["Sam Second is no longer a contact."]
    assert list(organisation.contacts.values_list("full_name", flat=True)) == ["Morgan Member"]


def test_the_last_contact_cannot_be_removed(member_client, organisation):
    only = organisation.contacts.get()
    url = reverse("members:remove_contact", args=[organisation.slug, only.pk])
    response = member_client.post(url, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "An organisation keeps at least one contact: add another one first."
    ]
    assert Contact.objects.filter(pk=only.pk).exists()


def test_the_primary_contact_cannot_be_removed_before_another_is_primary(
    member_client, organisation, contact
):
    primary = organisation.contacts.get(is_primary=True)
    url = reverse("members:remove_contact", args=[organisation.slug, primary.pk])
    response = member_client.post(url, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Make another contact primary before removing this one."
    ]
    assert Contact.objects.filter(pk=primary.pk).exists()


def test_contacts_stay_off_the_public_directory(client, organisation, contact):
    html = client.get(reverse("members:directory")).content.decode()
    assert "Greencompute" in html
    assert "sam@example.org" not in html
    assert "Sam Second" not in html
