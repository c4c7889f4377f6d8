import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_estimates_a_training_run_and_sees_result_chart_and_sources(page):
    page.goto("/footprint/")
    page.select_option("#id_accelerator", "A100-80GB")
    page.fill("#id_accelerator_hours", "1082990")
    page.fill("#id_power_w", "400")
    page.fill("#id_pue", "1")
    page.fill("#id_carbon_intensity_g_per_kwh", "57")
    page.click("#calculator-form button[type=submit]")
    page.wait_for_url("**/footprint/?*")
    result = page.locator("#result")
    assert result.locator("h2").inner_text() == "Result"
    energy_row = result.locator("tr", has=page.locator("th", has_text="Energy (kWh)"))
    assert energy_row.locator("td").first.inner_text() == "433,200"
    assert result.locator("svg[role=img] rect").count() == 5
    assert "Luccioni, Viguier & Ligozat 2022" in result.locator("ul.sources").inner_text()
    share = page.locator("#share-url").input_value()
    assert share.endswith(
        "/footprint/?accelerator=A100-80GB&accelerator_hours=1082990&power_w=400&"
        "carbon_intensity_g_per_kwh=57&pue=1"
    )
    # The shared link gives the same result to the next visitor.
    page.goto(share)
    assert page.locator("#result tr td").first.inner_text() == "433,200"


def test_a_visitor_sees_which_field_is_wrong(page):
    page.goto("/footprint/")
    page.select_option("#id_accelerator", "H100")
    page.fill("#id_hours", "-5")
    page.click("#calculator-form button[type=submit]")
    assert page.locator("#id_hours_error").inner_text() == "must be greater than 0"
    assert page.locator("#result").count() == 0
