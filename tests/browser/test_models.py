import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.factories.model_library import EntryFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def library():
    base = EntryFactory(
        slug="mlp-digits",
        name="scikit-learn MLP, digits",
        quality=0.9741,
        energy_j_per_1k=0.94,
        size_mb=0.021,
    )
    EntryFactory(
        slug="mlp-digits-dynamic-int8",
        name="scikit-learn MLP, digits, dynamic int8",
        base=base,
        method="dynamic-int8",
        quality=0.9722,
        quality_base=0.9741,
        energy_j_per_1k=1.9,
        size_mb=0.0084,
        hardware="Intel Xeon (2 CPUs)",
    )
    EntryFactory(
        slug="all-minilm-l6-v2",
        name="all-MiniLM-L6-v2",
        task="sentence-similarity",
        dataset="minilm-card-sentences",
        metric="cosine_to_base",
        quality=1.0,
        energy_j_per_1k=900.0,
        size_mb=90.9,
    )


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_visitor_finds_an_int8_model_by_filter_and_sees_the_pareto_view(
    open_page, library, viewport
):
    page = open_page(viewport)
    page.goto("/models/")
    page.select_option("#id_method", "dynamic-int8")
    page.click("form[role=search] button[type=submit]")
    page.wait_for_url("**/models/?*")
    assert page.locator("#count").inner_text().startswith("1 model")
    page.click("text=scikit-learn MLP, digits, dynamic int8")
    page.wait_for_url("**/models/mlp-digits-dynamic-int8/")
    assert page.locator("h1").inner_text() == "scikit-learn MLP, digits, dynamic int8"
    assert "2.02 × the base model's" in page.locator("dl.entry").inner_text()
    page.click("main >> text=Pareto view")
    page.wait_for_url("**/models/pareto/**")
    chart = page.locator("figure.pareto svg")
    assert chart.count() == 1
    assert chart.locator("circle").count() == 2  # filtered by the entry's task
    wide = page.evaluate(
        """w => [...document.querySelectorAll('main *')]
            .filter(e => !e.closest('.table-scroll') && !e.closest('figure')
                    && e.getBoundingClientRect().right > w + 1)
            .map(e => e.tagName + '#' + e.id + '.' + e.className)""",
        viewport["width"],
    )
    assert wide == []
    for address in ("/models/", "/models/pareto/", "/models/mlp-digits-dynamic-int8/"):
        page.goto(address)
        violations = Axe().run(page).response["violations"]
        assert [v["id"] for v in violations] == [], address
