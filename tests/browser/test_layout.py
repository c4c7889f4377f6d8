"""The layout as people meet it on a desktop (1280×900) and a phone (390×844): the header, no
page wider than the screen, and a coordinator's landing on what waits."""

import pytest

from sustainai.outbox.models import OutboxMail
from tests.factories.accounts import PASSWORD
from tests.factories.atlas import InitiativeFactory, SubmittedInitiativeFactory
from tests.factories.calls import CallFactory, ProposedWorkstreamFactory
from tests.factories.members import ApplicationFactory
from tests.factories.workstreams import ParticipantFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
ENTRIES = ["Atlas", "Map", "Members", "Calls", "Footprint", "Log in"]


def sign_in(page, user):
    page.goto("/accounts/login/")
    page.fill("#id_username", user.email)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def header_link(page, name):
    return page.locator("header").get_by_role("link", name=name, exact=True)


def test_on_a_desktop_the_header_shows_every_entry_in_a_row(open_page):
    page = open_page(DESKTOP)
    page.goto("/")
    assert not page.get_by_text("Menu", exact=True).is_visible()
    tops = {round(header_link(page, name).bounding_box()["y"]) for name in ENTRIES}
    assert len(tops) == 1
    assert page.locator("#language-select").is_visible()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_on_a_phone_the_header_collapses_into_a_menu(open_page, javascript):
    page = open_page(PHONE, javascript=javascript)
    page.goto("/")
    menu = page.locator("header .site-menu > summary")
    assert menu.inner_text().split() == ["☰", "Menu"]  # the icon is hidden from screen readers
    assert menu.locator("[aria-hidden=true]").inner_text() == "☰"
    assert [header_link(page, name).is_visible() for name in ENTRIES] == [False] * len(ENTRIES)
    menu.click()
    assert [header_link(page, name).is_visible() for name in ENTRIES] == [True] * len(ENTRIES)
    assert page.locator("#language-select").is_visible()
    header_link(page, "Log in").click()
    page.wait_for_url("**/accounts/login/")


def test_a_member_reaches_their_area_and_submits_from_the_phone_menu(open_page, member_user):
    page = open_page(PHONE)
    sign_in(page, member_user)
    page.locator("header .site-menu > summary").click()
    header_link(page, "My area").click()
    assert page.locator("main h1").inner_text() == "My area"
    page.get_by_role("button", name="Submit an initiative").click()
    page.wait_for_url("**/atlas/submit/")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_no_page_is_wider_than_the_screen(open_page, coordinator, member_user, viewport):
    initiative = InitiativeFactory(name="A published initiative with a rather long name")
    SubmittedInitiativeFactory()
    call = CallFactory(slug="open-call")
    ProposedWorkstreamFactory(call=call, title="A proposed workstream with a long title")
    workstream = ParticipantFactory(organisation=member_user.organisation).workstream
    ApplicationFactory()
    OutboxMail.objects.create(
        to=["someone@example.org"],
        subject="A decision on the call for expressions of interest",
        body="Hello",
        category="calls.decision",
        tags={"call": "open-call", "workstream": "a-workstream-with-a-long-slug"},
    )
    page = open_page(viewport)
    sign_in(page, coordinator)
    paths = [
        "/",
        "/atlas/",
        "/atlas/map/",
        "/atlas/charts/",
        initiative.get_absolute_url(),
        "/atlas/moderation/",
        "/atlas/duplicates/",
        "/members/",
        "/members/applications/",
        "/calls/",
        "/calls/open-call/",
        "/calls/dashboard/",
        f"/workstreams/{workstream.slug}/",
        "/outbox/",
        "/consultations/",
        "/accounts/profile/",
        "/coordination/",
    ]
    too_wide = []
    for path in paths:
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > viewport["width"]:
            too_wide.append((path, width))
    assert too_wide == []


def test_a_coordinator_lands_on_what_waits(open_page, coordinator):
    SubmittedInitiativeFactory.create_batch(2)
    ApplicationFactory()
    page = open_page(PHONE)
    sign_in(page, coordinator)
    assert page.url.endswith("/coordination/")
    assert page.locator("main h1").inner_text() == "Coordination"
    moderation = page.locator("main li", has=page.get_by_role("link", name="Moderation queue"))
    assert moderation.inner_text() == "Moderation queue 2 await moderation"
    applications = page.locator(
        "main li", has=page.get_by_role("link", name="Membership applications")
    )
    assert applications.inner_text() == "Membership applications 1 application to decide"
    assert page.evaluate("document.documentElement.scrollWidth") == PHONE["width"]
