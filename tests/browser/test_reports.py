"""An event report in a browser: a coordinator builds, freezes, reviews and publishes it; a visitor
reads it in French and downloads its PDF; at desktop and phone sizes, with nothing wider than the
screen and no accessibility violation on the published page."""

import datetime
import io

import pytest
from axe_playwright_python.sync_playwright import Axe
from pypdf import PdfReader

from tests.factories.accounts import CoordinatorFactory
from tests.factories.atlas import InitiativeFactory
from tests.factories.members import OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def _too_wide(page, width):
    return page.evaluate(
        """w => [...document.querySelectorAll('main *')]
            .filter(e => !e.closest('.table-scroll') && !e.closest('svg')
                    && e.getBoundingClientRect().right > w + 1)
            .map(e => e.tagName + '#' + e.id + '.' + e.className)""",
        width,
    )


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_build_review_publish_then_download_in_french(page, login, viewport):
    InitiativeFactory(
        type="tool",
        published_at=datetime.datetime(2025, 2, 1, 12, tzinfo=datetime.UTC),
        countries=["FR", "KE"],
    )
    OrganisationFactory(kind="research", country="DE", joined_on=datetime.date(2025, 3, 1))
    page.set_viewport_size(viewport)
    login(CoordinatorFactory())

    page.goto("/reports/new/")
    page.fill("#id_event", "AI Action Summit")
    page.fill("#id_place", "Paris")
    page.fill("#id_event_date", "2025-02-10")
    page.fill("#id_period_start", "2025-01-01")
    assert _too_wide(page, viewport["width"]) == []
    page.click("main form button[type=submit]")
    page.wait_for_url("**/reports/ai-action-summit-2025/manage/")
    page.click("form[action$='/freeze/'] button")
    page.wait_for_url("**/manage/")
    assert "2 sections await approval." in page.locator("main").inner_text()

    page.click("text=Review the sections")
    page.wait_for_url("**/review/")
    page.click("text=Review “Atlas of initiatives”")
    page.wait_for_url("**/review/atlas/")
    page.fill("#comment-atlas", "Show the map first.")
    page.click("form[action$='/atlas/comment/'] button")
    page.wait_for_url("**/review/atlas/")
    assert page.locator("blockquote").inner_text().startswith("Show the map first.")
    page.click("form[action$='/atlas/approve/'] button")
    page.wait_for_url("**/review/atlas/")
    page.click("a[rel=next]")
    page.wait_for_url("**/review/members/")
    page.click("form[action$='/members/approve/'] button")
    page.wait_for_url("**/review/members/")
    assert _too_wide(page, viewport["width"]) == []
    page.goto("/reports/ai-action-summit-2025/review/")
    assert page.locator("main").inner_text().count("Approved") == 2

    page.goto("/reports/ai-action-summit-2025/manage/")
    page.click("form[action$='/publish/'] button")
    page.wait_for_url("**/reports/ai-action-summit-2025/en/")
    page.context.clear_cookies()  # a visitor from here on

    page.goto("/reports/ai-action-summit-2025/en/")
    assert page.locator("#section-atlas-h").inner_text() == "Atlas of initiatives"
    page.click("text=Lire en français")
    page.wait_for_url("**/reports/ai-action-summit-2025/fr/")
    assert page.locator("article").get_attribute("lang") == "fr"
    assert page.locator("#section-members-h").inner_text() == "Membres"
    assert _too_wide(page, viewport["width"]) == []
    violations = Axe().run(page).response["violations"]
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations] == []
    page.click("main a[href$='/fr/members/']")
    page.wait_for_url("**/reports/ai-action-summit-2025/fr/members/")
    assert page.locator("h1").inner_text() == "Membres"
    assert page.locator("main table").count() >= 1
    assert _too_wide(page, viewport["width"]) == []
    violations = Axe().run(page).response["violations"]
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations] == []

    with page.expect_download() as download:
        page.click("a[href$='/fr/pdf/']")
    text = " ".join(
        p.extract_text() for p in PdfReader(io.BytesIO(download.value.path().read_bytes())).pages
    )
    assert "Membres" in " ".join(text.split())
    assert download.value.suggested_filename == "ai-action-summit-2025-fr.pdf"
