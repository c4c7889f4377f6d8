import pytest

from sustainai.consultations.models import Answer, QuestionKind
from sustainai.outbox.models import OutboxMail
from tests.factories.accounts import MemberUserFactory
from tests.factories.consultations import ConsultationFactory, QuestionFactory
from tests.factories.members import OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_organisation_applies_a_coordinator_approves_it_and_it_is_listed(
    page, login, coordinator
):
    page.goto("/members/apply/")
    page.fill("#id_name", "Helios Compute")
    page.select_option("#id_kind", "startup")
    page.select_option("#id_country", "PT")
    page.fill("#id_website", "https://helios.example.org")
    page.fill("#id_description", "Schedules training jobs when the grid is green.")
    page.check("#id_public_profile")
    page.fill("#id_contact_name", "Rita Sousa")
    page.fill("#id_contact_email", "rita@helios.example.org")
    page.check("#id_consent")
    page.click("main button[type=submit]")
    page.wait_for_url("**/members/apply/thanks/")
    assert page.locator("main h1").inner_text() == "Application received"

    page.goto("/members/")
    assert "Helios Compute" not in page.locator("main").inner_text()  # not approved yet

    login(coordinator)
    page.goto("/members/applications/")
    page.click("text=Approve Helios Compute")
    page.wait_for_url("**/members/applications/")
    assert "Helios Compute is approved" in page.locator(".message").inner_text()
    welcome = OutboxMail.objects.get(category="members.welcome")
    assert welcome.to == ["rita@helios.example.org"]

    page.goto("/members/")
    assert "Helios Compute" in page.locator("main table").first.inner_text()


def test_a_member_answers_a_consultation(page, login, member_user):
    consultation = ConsultationFactory(slug="priorities", title="Priorities 2026")
    QuestionFactory(
        consultation=consultation,
        text="Which topics first?",
        kind=QuestionKind.MULTIPLE,
        choices=["Standards", "Procurement"],
    )
    QuestionFactory(consultation=consultation, text="Your main obstacle?", kind=QuestionKind.TEXT)
    login(member_user)
    page.goto("/consultations/")
    page.click("text=Priorities 2026")
    page.click("text=Answer for your organisation")
    page.check("label:has-text('Procurement') input")
    page.fill("textarea >> nth=0", "No per-job energy data.")
    page.click("main button[type=submit]")
    page.wait_for_url("**/consultations/priorities/")
    assert "answer is saved" in page.locator(".message").inner_text()
    assert "Procurement" in page.locator("main dl").inner_text()
    answer = Answer.objects.get()
    assert answer.organisation == member_user.organisation
    assert answer.items.get(question__text="Your main obstacle?").text == (
        "No per-job energy data."
    )


def test_a_member_edits_the_organisations_website_and_the_directory_shows_it(page, login):
    user = MemberUserFactory(
        organisation=OrganisationFactory(
            name="Helios Compute",
            slug="helios-compute",
            website="https://old.helios.example.org",
            description="Schedules training jobs when the grid is green.",
        )
    )
    login(user)
    page.goto("/accounts/profile/")
    page.click("text=Your organisation's profile and contacts")
    page.wait_for_url("**/members/organisations/helios-compute/")
    page.click("text=Edit the profile")
    assert page.input_value("#id_website") == "https://old.helios.example.org"
    page.fill("#id_website", "https://helios.example.org")
    page.click("main button[type=submit]")
    page.wait_for_url("**/members/organisations/helios-compute/")
    assert page.locator(".message").inner_text() == "The profile of Helios Compute is saved."

    page.goto("/members/")
    link = page.locator("main table a", has_text="Helios Compute")
    assert link.get_attribute("href") == "https://helios.example.org"
