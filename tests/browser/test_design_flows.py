"""The member's and the coordinator's journeys through forms, duplicates and the outbox, at a
desktop (1280×900) and a phone (390×844) size."""

import datetime

import pytest
from django.utils import timezone

from sustainai.atlas.models import Initiative, ModerationState
from sustainai.calls import services
from tests.factories.accounts import PASSWORD, MemberUserFactory
from tests.factories.atlas import SubmittedInitiativeFactory
from tests.factories.calls import CallFactory, ExpressionFactory, ProposedWorkstreamFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def open_page(browser, live_server):
    contexts = []

    def make(viewport):
        context = browser.new_context(base_url=live_server.url, locale="en-GB", viewport=viewport)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield make
    for context in contexts:
        context.close()


def sign_in(page, user):
    page.goto("/accounts/login/")
    page.fill("#id_username", user.email)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_member_corrects_an_error_and_is_warned_of_a_pending_twin_a_coordinator_merges_it(
    open_page, viewport, member_user, coordinator
):
    twin = SubmittedInitiativeFactory(name="Code Carbon tracker", submitted_by=MemberUserFactory())
    page = open_page(viewport)
    sign_in(page, member_user)
    page.goto("/atlas/submit/")
    page.get_by_text("Choose countries").click()
    page.fill("#id_countries__typed", "Germny")
    page.click("main form button[type=submit]")
    # The summary at the top names both errors and leads to the fields.
    summary = page.locator(".error-summary")
    assert summary.locator("h2").inner_text() == (
        "There are 2 problems with this form: correct them below."
    )
    summary.get_by_role("link", name="Name: This field is required.").click()
    assert page.evaluate("document.activeElement.id") == "id_name"
    assert page.locator("#id_name_error").inner_text() == "This field is required."
    assert no_horizontal_scroll(page)
    page.locator("#id_name").press_sequentially("Code Carbon tracker")
    hint = page.locator("#similar-initiatives")
    hint.get_by_text("A similar entry is already awaiting moderation.").wait_for()
    assert twin.name not in hint.inner_text()
    assert "did you mean Germany?" in page.locator("#id_countries_error").inner_text()
    page.fill("#id_countries__typed", "Germany")
    page.click("main form button[type=submit]")
    # (The address keeps the summary link's fragment through the redirect.)
    page.wait_for_url(lambda url: "/atlas/mine/" in url)
    mine = Initiative.objects.get(submitted_by=member_user)

    page.context.clear_cookies()
    sign_in(page, coordinator)
    page.goto(f"/atlas/moderation/{mine.pk}/")
    panel = page.locator(".duplicate-review")
    assert "Awaiting moderation" in panel.inner_text()
    assert no_horizontal_scroll(page)
    panel.get_by_role("button", name="Duplicate of “Code Carbon tracker”: merge into it").click()
    page.wait_for_url("**/atlas/moderation/")
    assert "was merged into" in page.locator(".message").inner_text()
    mine.refresh_from_db()
    assert (mine.state, mine.merged_into_id) == (ModerationState.MERGED, twin.pk)


def test_a_coordinator_reads_the_outbox_on_a_phone(open_page, coordinator):
    call = CallFactory(
        slug="call-2025",
        title="Call 2025",
        opens_at=timezone.now() - datetime.timedelta(days=30),
        closes_at=timezone.now() - datetime.timedelta(minutes=5),
    )
    workstream = ProposedWorkstreamFactory(
        call=call, slug="measurement", title="Measurement", confirmation_threshold=1
    )
    ExpressionFactory(
        call=call,
        contact_email="a-rather-long-address-for-a-phone@research-centre.example.org",
        workstreams=[workstream],
        language="fr",
    )
    services.sweep()
    services.decide(workstream, confirm=True, user=coordinator)
    page = open_page(PHONE)
    sign_in(page, coordinator)
    page.goto("/outbox/")
    card = page.locator("ul.outbox-mails > li").first
    assert card.locator("strong").first.inner_text() == "Decision: workstream confirmed"
    assert card.get_by_role("link", name="“Measurement”, call “Call 2025”").is_visible()
    assert "French" in card.inner_text()
    assert no_horizontal_scroll(page)
    card.locator("a[href^='/outbox/']").click()
    assert "Written in French." in page.locator("main").inner_text()
    assert no_horizontal_scroll(page)
