import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_visitor_runs_compares_and_shares_a_multi_agent_scenario(page, viewport):
    page.set_viewport_size(viewport)
    page.goto("/foresight/")
    page.select_option("#id_preset", "multi-agent")
    page.select_option("#id_compare", "iea-lift-off")
    page.click("form details summary")
    page.fill("#id_calls_per_task", "10, 20, 40")
    page.fill("#id_samples", "300")
    page.click("form button[type=submit]")
    page.wait_for_url("**/foresight/?*")
    result = page.locator("#result")
    assert result.locator("h2").first.inner_text() == "Multi-agent systems on the IEA Base Case"
    assert result.locator("svg[role=img]").count() == 8
    assert "calls_per_task = 20 (10–40) calls — set in this scenario." in result.text_content()
    share = result.locator(".share a").first.get_attribute("href")
    assert "calls_per_task=10%2C+20%2C+40" in share and "compare=iea-lift-off" in share
    wide = page.evaluate(
        """w => [...document.querySelectorAll('main *')]
            .filter(e => !e.closest('.table-scroll') && !e.closest('details:not([open])')
                    && e.getBoundingClientRect().right > w + 1)
            .map(e => e.tagName + '#' + e.id + '.' + e.className)""",
        viewport["width"],
    )
    assert wide == []
    # The shared address gives the next visitor the same scenario.
    page.goto("/foresight/" + share)
    assert "calls_per_task = 20 (10–40) calls" in page.locator("#result").text_content()
