"""The API documentation: Swagger UI (/api/docs/try, from our own static files) as a browser meets it:
axe-core finds no accessibility violation."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_api_docs_have_no_accessibility_violation(page):
    page.set_default_timeout(30_000)  # Swagger UI's script weighs 1.4 MB
    page.goto("/api/docs/try", wait_until="domcontentloaded")
    page.wait_for_selector("#swagger-ui h3.opblock-tag")
    assert page.locator("html").get_attribute("lang") == "en"
    # An operation opened too: its parameters and responses are drawn then.
    page.locator(".opblock-summary-control").first.click()
    page.wait_for_selector(".opblock-body")

    violations = Axe().run(page).response["violations"]

    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations] == []
