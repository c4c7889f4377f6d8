import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def _in_view(page, selector: str, viewport: dict) -> bool:
    box = page.locator(selector).bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"]


def test_a_visitor_estimates_a_training_run_and_sees_result_chart_and_sources(page):
    page.set_viewport_size(DESKTOP)
    page.goto("/footprint/")
    page.select_option("#id_accelerator", "A100-80GB")
    page.fill("#id_accelerator_hours", "1082990")
    page.click("details.calculator-advanced summary")
    page.fill("#id_power_w", "400")
    page.fill("#id_pue", "1")
    page.fill("#id_carbon_intensity_g_per_kwh", "57")
    page.click("#calculator-form button[type=submit]")
    page.wait_for_url("**/footprint/?*#result")
    result = page.locator("#result")
    assert result.locator("h2").inner_text() == "Result"
    assert result.locator(".headline").inner_text() == "≈\xa056.7\xa0t CO₂e (35.8–86.3)"
    assert _in_view(page, "#result .headline", DESKTOP)
    energy_row = result.locator("tr", has=page.locator("th", has_text="Energy"))
    assert energy_row.locator("td").first.inner_text() == "433\xa0MWh"
    assert result.locator("svg[role=img] rect").count() == 5
    assert "Luccioni, Viguier & Ligozat 2022" in result.locator("ul.sources").inner_text()
    share = page.locator("#share-url").input_value()
    assert share.endswith(
        "/footprint/?accelerator=A100-80GB&accelerator_hours=1082990&power_w=400&"
        "carbon_intensity_g_per_kwh=57&pue=1"
    )
    # The shared link gives the same result to the next visitor.
    page.goto(share)
    assert page.locator("#result tr td").first.inner_text() == "433\xa0MWh"


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_visitor_types_7b_and_1t_picks_a_country_and_sees_the_headline_first(page, viewport):
    page.set_viewport_size(viewport)
    page.goto("/footprint/")
    assert not page.locator("#id_mfu").is_visible()  # folded under "More inputs"
    page.fill("#id_params", "7B")
    page.fill("#id_tokens", "1T")
    page.select_option("#id_accelerator", "H100")
    page.select_option("#id_country", "FR")
    page.click("#calculator-form button[type=submit]")
    page.wait_for_url("**/footprint/?*#result")
    assert _in_view(page, "#result .headline", viewport)
    assert page.locator("#result .headline").inner_text() == "≈\xa03.06\xa0t CO₂e (1.15–8.26)"
    wide = page.evaluate(
        """w => [...document.querySelectorAll('main *')]
            .filter(e => !e.closest('.table-scroll') && e.getBoundingClientRect().right > w + 1)
            .map(e => e.tagName + '#' + e.id + '.' + e.className)""",
        viewport["width"],
    )
    assert wide == []


def test_a_visitor_sees_which_field_is_wrong(page):
    page.goto("/footprint/")
    page.select_option("#id_accelerator", "H100")
    page.fill("#id_hours", "-5")
    page.click("#calculator-form button[type=submit]")
    assert page.locator("#id_hours_error").inner_text() == "must be greater than 0"
    page.fill("#id_hours", "")
    page.fill("#id_params", "7X")
    page.click("#calculator-form button[type=submit]")
    assert page.locator("#id_params_error").inner_text().startswith("Parameters: “7X” is not a")
    assert page.locator("#result").count() == 0
