import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from sustainai.accounts.rules import is_member_user
from sustainai.members import consent
from sustainai.members.models import Contact, MembershipApplication, MembershipStatus, Organisation
from sustainai.members.services import (
    ApplicationData,
    ApplicationError,
    apply_for_membership,
    approve_application,
    reject_application,
)
from sustainai.outbox.models import MailState, OutboxMail
from tests.factories.accounts import UserFactory
from tests.factories.members import ApplicationFactory, OrganisationFactory
from tests.members.helpers import form_token

pytestmark = pytest.mark.django_db

FORM = {
    "name": "Helios Compute",
    "kind": "startup",
    "country": "PT",
    "website": "https://helios.example.org",
    "description": "Schedules training jobs when the grid is green.",
    "motivation": "To join the procurement workstream.",
    "public_profile": "on",
    "contact_name": "Rita Sousa",
    "contact_email": "Rita@Helios.example.org",
    "contact_position": "CEO",
    "consent": "on",
}


def data(**changes) -> ApplicationData:
    values = {k: v for k, v in FORM.items() if k != "consent"}
    values["public_profile"] = True
    values.update(changes)
    return ApplicationData(**values)


def test_apply_anonymously_creates_pending_organisation_contact_and_account():
    application = apply_for_membership(data())
    organisation = application.organisation
    assert (organisation.name, organisation.status, organisation.role, organisation.slug) == (
        "Helios Compute",
        MembershipStatus.APPLIED,
        "member",
        "helios-compute",
    )
    contact = organisation.contacts.get()
    assert (contact.full_name, contact.email, contact.is_primary) == (
        "Rita Sousa",
        "rita@helios.example.org",
        True,
    )
    assert (contact.consent_purpose, contact.consent_text_version) == (
        consent.MEMBERSHIP_CONTACT,
        consent.MEMBERSHIP_CONTACT_VERSION,
    )
    assert contact.consent_text == str(consent.MEMBERSHIP_CONTACT_TEXT)
    user = application.applicant
    assert (user.email, user.full_name, user.organisation, user.has_usable_password()) == (
        "rita@helios.example.org",
        "Rita Sousa",
        organisation,
        False,
    )
    assert contact.user == user
    # Linked, but no member rights before approval.
    assert is_member_user(user) is False


@pytest.mark.parametrize("kind", ["government", "international"])
def test_apply_as_government_or_international_organisation_makes_a_supporter(kind):
    assert apply_for_membership(data(kind=kind)).organisation.role == "supporter"


def test_apply_signed_in_links_the_existing_account_with_its_email():
    user = UserFactory(email="known@example.org", full_name="")
    application = apply_for_membership(data(contact_email="other@example.org"), user=user)
    user.refresh_from_db()
    assert application.applicant == user
    assert user.organisation == application.organisation
    assert user.full_name == "Rita Sousa"
    assert application.organisation.contacts.get().email == "known@example.org"
    assert get_user_model().objects.count() == 1


def test_apply_anonymously_with_an_existing_accounts_email_asks_to_log_in():
    UserFactory(email="rita@helios.example.org")
    with pytest.raises(ApplicationError) as error:
        apply_for_membership(data())
    assert error.value.field == "contact_email"
    assert Organisation.objects.count() == 0


def test_apply_with_a_taken_name_is_refused_case_insensitively():
    OrganisationFactory(name="Helios Compute")
    with pytest.raises(ApplicationError) as error:
        apply_for_membership(data(name="helios compute "))
    assert error.value.field == "name"
    assert error.value.message == (
        "An organisation named “helios compute” is already a member or has applied."
    )


def test_apply_signed_in_when_already_in_an_organisation_is_refused(member_user):
    with pytest.raises(ApplicationError) as error:
        apply_for_membership(data(), user=member_user)
    assert error.value.message == f"Your account already belongs to {member_user.organisation}."


def test_approve_makes_the_organisation_a_member_and_queues_a_welcome_mail(
    coordinator, django_capture_on_commit_callbacks
):
    application = apply_for_membership(data())
    with django_capture_on_commit_callbacks(execute=True):
        mail_sent = approve_application(application, by=coordinator, site_url="https://s.example")
    mail_sent.refresh_from_db()
    organisation = Organisation.objects.get(pk=application.organisation_id)
    assert organisation.status == MembershipStatus.APPROVED
    assert organisation.joined_on is not None
    assert is_member_user(get_user_model().objects.get(pk=application.applicant_id)) is True
    assert (mail_sent.category, mail_sent.to, mail_sent.state) == (
        "members.welcome",
        ["rita@helios.example.org"],
        MailState.SENT,
    )
    assert mail_sent.subject == "Welcome to the coalition, Helios Compute"
    assert "https://s.example/accounts/reset/" in mail_sent.body
    assert "https://s.example/consultations/" in mail_sent.body
    assert len(mail.outbox) == 1
    application.refresh_from_db()
    assert application.decided_by == coordinator


def test_approve_twice_is_refused(coordinator):
    application = ApplicationFactory()
    approve_application(application, by=coordinator, site_url="")
    with pytest.raises(ApplicationError) as error:
        approve_application(application, by=coordinator, site_url="")
    assert error.value.message == "This application was already decided (Approved)."
    assert OutboxMail.objects.count() == 1


def test_reject_needs_a_reason(coordinator):
    application = ApplicationFactory()
    with pytest.raises(ApplicationError) as error:
        reject_application(application, by=coordinator, reason="  ")
    assert error.value.field == "reason"
    assert Organisation.objects.get().status == MembershipStatus.APPLIED


def test_reject_records_the_reason_frees_the_accounts_and_mails_it(coordinator):
    application = apply_for_membership(data())
    sent = reject_application(application, by=coordinator, reason="Not working on AI.")
    application.refresh_from_db()
    assert application.organisation.status == MembershipStatus.REJECTED
    assert application.rejection_reason == "Not working on AI."
    assert get_user_model().objects.get(email="rita@helios.example.org").organisation is None
    assert sent.category == "members.rejection"
    assert "Not working on AI." in sent.body


def test_application_form_anonymous_redirects_and_stores(client):
    response = client.post(reverse("members:apply"), {**FORM, "form_token": form_token()})
    assert response.status_code == 302
    assert response.url == reverse("members:applied")
    assert MembershipApplication.objects.get().organisation.name == "Helios Compute"


def test_application_form_without_consent_is_refused_and_keeps_the_input(client):
    response = client.post(
        reverse("members:apply"), {**FORM, "form_token": form_token(), "consent": ""}
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {"consent": ["This field is required."]}
    page = response.content.decode()
    assert 'value="Helios Compute"' in page
    assert Organisation.objects.count() == 0
    # The summary at the top links to the box to tick; the error is beside it, in full.
    summary = page[page.index('<div class="error-summary"') :]
    summary = summary[: summary.index("</div>")]
    assert "There is a problem with this form: correct it below." in summary
    assert '<a href="#id_consent">I agree that the coalition for environmentally sustainable …' in (
        summary
    )
    assert '<p class="errorlist" id="id_consent_error">This field is required.</p>' in page
    assert page.index("error-summary") < page.index('id="id_consent"')


def test_application_form_with_a_taken_name_shows_the_error_on_the_field(client):
    OrganisationFactory(name="Helios Compute")
    response = client.post(reverse("members:apply"), {**FORM, "form_token": form_token()})
    assert response.status_code == 400
    assert response.context["form"].errors["name"] == [
        "An organisation named “Helios Compute” is already a member or has applied."
    ]


def test_application_form_signed_in_uses_the_accounts_email(client, plain_user):
    client.force_login(plain_user)
    response = client.post(reverse("members:apply"), {**FORM, "form_token": form_token()})
    assert response.status_code == 302
    assert Contact.objects.get().email == "someone@example.org"


def test_decide_view_approves_and_the_mail_lands_in_the_outbox(coordinator_client):
    application = ApplicationFactory()
    response = coordinator_client.post(
        reverse("members:decide", args=[application.pk]), {"decision": "approve"}
    )
    assert response.status_code == 302
    assert OutboxMail.objects.get().category == "members.welcome"
    application.organisation.refresh_from_db()
    assert application.organisation.status == MembershipStatus.APPROVED


def test_decide_view_rejects_with_reason(coordinator_client):
    application = ApplicationFactory()
    coordinator_client.post(
        reverse("members:decide", args=[application.pk]),
        {"decision": "reject", "reason": "Duplicate of an existing member."},
    )
    application.refresh_from_db()
    assert application.organisation.status == MembershipStatus.REJECTED
    assert application.rejection_reason == "Duplicate of an existing member."


def test_decide_view_reject_without_reason_says_why(coordinator_client):
    application = ApplicationFactory()
    response = coordinator_client.post(
        reverse("members:decide", args=[application.pk]), {"decision": "reject"}, follow=True
    )
    assert [str(m) for m in response.context["messages"]] == [
        f"{application.organisation}: Give the applicant a reason for the rejection."
    ]


def test_applications_list_query_count_does_not_grow(coordinator_client, django_assert_num_queries):
    ApplicationFactory()
    url = reverse("members:applications")
    coordinator_client.get(url)  # warm the session
    with django_assert_num_queries(5):
        assert coordinator_client.get(url).status_code == 200
    ApplicationFactory.create_batch(2)
    with django_assert_num_queries(5):
        response = coordinator_client.get(url)
    assert len(response.context["pending"]) == 3


def test_approve_an_organisation_without_contacts_queues_no_mail(coordinator):
    application = MembershipApplication.objects.create(
        organisation=OrganisationFactory(status=MembershipStatus.APPLIED)
    )
    assert approve_application(application, by=coordinator, site_url="") is None
    assert OutboxMail.objects.count() == 0
    assert Organisation.objects.get().status == MembershipStatus.APPROVED
