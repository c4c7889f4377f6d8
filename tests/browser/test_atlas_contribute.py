import pytest
from django.core import mail

from sustainai.atlas.models import Initiative, ModerationState
from sustainai.outbox.models import MailState, OutboxMail

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_submits_an_initiative_and_a_coordinator_publishes_it(
    page, login, member_user, coordinator
):
    login(member_user)
    page.goto("/atlas/submit/")
    page.fill("#id_name", "Watt Counter for Transformers")
    page.fill("#id_summary", "Measures the energy of transformer inference.")
    page.select_option("#id_type", "tool")
    page.check("input[name=topics][value=energy]")
    page.fill("#id_lead_organisations", "Demo Lab\nAnother Lab")
    # The country picker: found by typing in its box, ticked, and named in its summary.
    page.get_by_text("Choose countries").click()
    page.fill("#id_countries__typed", "fra")
    assert [
        t.strip() for t in page.locator(".country-options label:visible").all_inner_texts()
    ] == ["France"]
    page.get_by_role("checkbox", name="France", exact=True).check()
    assert page.input_value("#id_countries__typed") == ""
    page.get_by_role("checkbox", name="Belgium", exact=True).check()
    assert page.locator(".country-picker summary").inner_text() == "Belgium, France"
    page.select_option("#id_scope", "international")
    page.fill("#id_start_year", "2025")
    page.fill("#id_website", "https://watt-counter.example.org")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/atlas/mine/")
    assert page.locator("main table td").first.inner_text() == "Watt Counter for Transformers"

    submitted = Initiative.objects.get()
    assert submitted.state == ModerationState.SUBMITTED
    assert submitted.submitted_by == member_user

    page.context.clear_cookies()
    login(coordinator)
    page.goto("/atlas/moderation/")
    page.click("#submitted >> text=Watt Counter for Transformers")
    page.wait_for_url(f"**/atlas/moderation/{submitted.pk}/")
    page.check("input[name=decision][value=publish]")
    page.fill("#id_note", "Welcome to the Atlas.")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/atlas/moderation/")
    assert "is published" in page.locator(".message").inner_text()

    published = Initiative.objects.get()
    assert published.state == ModerationState.PUBLISHED
    assert published.published_at is not None
    assert sorted(c.country.code for c in published.country_links.all()) == ["BE", "FR"]
    notice = OutboxMail.objects.get(category="atlas.moderation")
    assert notice.to == [member_user.email]
    assert notice.state == MailState.SENT
    assert [m.subject for m in mail.outbox] == [
        "Your initiative “Watt Counter for Transformers” is published in the Atlas"
    ]
    assert "Welcome to the Atlas." in mail.outbox[0].body
