"""The procurement toolkit in a browser: build a tender pack, enter three bids (one as hardware
and hours), read the ranking, the explanation and the sensitivity view; at desktop and phone
sizes, with nothing wider than the screen and no accessibility violation."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from sustainai.toolkits.procurement import services
from sustainai.toolkits.procurement.models import Evaluation, TenderPack
from tests.factories.workstreams import WorkstreamFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def _too_wide(page, width):
    return page.evaluate(
        """w => [...document.querySelectorAll('main *')]
            .filter(e => !e.closest('.table-scroll') && e.getBoundingClientRect().right > w + 1)
            .map(e => e.tagName + '#' + e.id + '.' + e.className)""",
        width,
    )


def _violations(page):
    violations = Axe().run(page).response["violations"]
    return [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


def _bid(page, n, values):
    for field, value in values.items():
        selector = f"#id_bids-{n}-{field}"
        if field == "evidence":
            page.select_option(selector, value)
        else:
            page.fill(selector, str(value))


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_build_a_pack_evaluate_three_bids_and_read_the_explanation(
    page, login, member_user, viewport
):
    WorkstreamFactory(slug="public-procurement-toolkit")
    services.load_library()
    page.set_viewport_size(viewport)
    login(member_user)

    page.goto("/procurement/?q=PUE")
    assert page.locator("article.criterion h2").all_inner_texts() == [
        "HOST-01 Power usage effectiveness of the hosting site",
        "MOD-01 Energy per functional unit at inference",
    ]
    assert _too_wide(page, viewport["width"]) == []
    assert _violations(page) == []

    page.goto("/procurement/packs/new/")
    page.fill("#id_title", "Case-file summaries")
    page.fill("#id_use_case", "Summarise incoming case files for caseworkers.")
    page.fill("#id_functional_unit", "1,000 document summaries")
    page.fill("#id_volume", "500")
    page.fill("#id_environmental_percent", "20")
    page.fill("#id_quality_percent", "30")
    page.get_by_role("button", name="Build the pack").click()
    pack = TenderPack.objects.get()
    page.wait_for_url(f"**/procurement/packs/{pack.pk}/")
    assert page.locator("h1").inner_text() == "Case-file summaries"
    assert page.locator("table caption").inner_text() == "Scoring grid"
    assert _too_wide(page, viewport["width"]) == []
    assert _violations(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="supplier questionnaire (XLSX)").click()
    assert download.value.suggested_filename == f"tender-{pack.pk}-questionnaire.xlsx"

    page.get_by_role("button", name="Evaluate the bids").click()
    page.wait_for_url(f"**/procurement/packs/{pack.pk}/evaluate/")
    _bid(
        page,
        0,
        {
            "name": "Alpha",
            "price": 100,
            "energy_wh_per_unit": 2,
            "evidence": "verified",
            "quality": 0.5,
        },
    )
    _bid(
        page,
        1,
        {
            "name": "Beta",
            "price": 80,
            "energy_wh_per_unit": 4,
            "evidence": "measured",
            "quality": 1,
        },
    )
    _bid(
        page,
        2,
        {
            "name": "Gamma",
            "price": 90,
            "evidence": "modelled",
            "accelerator": "H100 SXM",
            "accelerator_count": 1,
            "hours": 2,
            "pue": 1.2,
            "units": 600,
            "quality": 0.5,
        },
    )
    page.locator("form:has(input[value=enter]) button[type=submit]").click()
    page.wait_for_selector("#ranking")
    assert Evaluation.objects.count() == 1
    rows = page.locator("#ranking tbody tr th").all_inner_texts()
    assert rows == ["Beta", "Alpha", "Gamma"]
    first = page.locator("details.explanation").first
    assert first.locator("summary").inner_text() == "1. Beta: 0.8672"
    assert first.locator("li").all_inner_texts() == [
        "Price: 0.5 × lowest price 80 / 80 = 0.5 points.",
        "Energy: 0.2 × lowest credible energy 1.68 Wh / 4 Wh per unit × evidence factor 0.8 "
        "(measured) = 0.0672 points.",
        "Quality: 0.3 × mark 1 = 0.3 points.",
        "Total 0.8672: ranked first.",
    ]
    gamma = page.locator("details.explanation").nth(2)
    gamma.locator("summary").click()
    assert "computed by the footprint engine from hardware and hours" in gamma.inner_text()
    assert page.locator("#sensitivity tbody tr th").all_inner_texts() == ["10 %", "20 %", "30 %"]
    assert _too_wide(page, viewport["width"]) == []
    assert _violations(page) == []
