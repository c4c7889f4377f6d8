"""A visitor finds an initiative by search and on the map."""

import pytest

from sustainai.atlas.models import ModerationState
from tests.factories.atlas import ActorFactory, InitiativeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_finds_an_initiative_by_search_and_on_the_map(page):
    InitiativeFactory(
        name="Green Algorithms",
        summary="Estimates the carbon footprint of computations.",
        countries=["GB"],
        topics=["carbon"],
        leads=[ActorFactory(name="University of Cambridge")],
    )
    InitiativeFactory(name="Water for data centres", summary="Cooling water.", countries=["FR"])
    InitiativeFactory(name="Green AI draft", countries=["GB"], state=ModerationState.SUBMITTED)

    page.goto("/atlas/")
    page.fill("#id_q", "carbon footprint")
    page.click("form[role=search] button[type=submit]")
    page.wait_for_url("**/atlas/?q=carbon+footprint")
    results = page.locator("article.initiative-card h3")
    assert results.all_inner_texts() == ["Green Algorithms"]

    results.get_by_role("link", name="Green Algorithms").click()
    assert page.locator("main h1").inner_text() == "Green Algorithms"
    facts = page.locator("dl.facts").inner_text()
    assert "University of Cambridge" in facts
    assert "Carbon" in facts

    page.goto("/atlas/map/")
    page.locator('a.country-link[data-country="GB"]').click()
    page.wait_for_url("**/atlas/?country=GB")
    assert page.locator("article.initiative-card h3").all_inner_texts() == ["Green Algorithms"]


def chips(page):
    """The active filters' chips, as a screen reader names them."""
    return [
        " ".join(chip.text_content().replace("×", "").split())
        for chip in page.locator("a.chip").all()
    ]


DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_visitor_searches_filters_by_country_and_keeps_the_filters_on_the_map(
    browser, live_server, viewport
):
    InitiativeFactory(name="Grid-aware training", summary="Energy of training.", countries=["FR"])
    InitiativeFactory(
        name="Frugal benchmarks", summary="Small models.", countries=["FR"], topics=["energy"]
    )
    InitiativeFactory(name="Power meter", summary="Meters.", countries=["DE"], topics=["energy"])
    InitiativeFactory(name="Cooling study", summary="Water.", countries=["FR"], topics=["water"])
    InitiativeFactory(name="Global energy pledge", countries=[], scope="international")
    context = browser.new_context(base_url=live_server.url, locale="en-GB", viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(10_000)
    phone = viewport is PHONE
    try:
        page.goto("/atlas/")
        page.fill("#id_q", "energy")
        page.click("form[role=search] button[type=submit]")
        page.wait_for_url("**/atlas/?q=energy")
        assert page.locator("#results-heading").inner_text() == "4 initiatives matching “energy”"
        drawer = page.locator("details.filter-drawer")
        summary = drawer.locator("summary")
        france = page.locator('a[data-facet="country"][data-value="FR"]')
        if phone:
            # The results come first: the drawer is one closed line above them.
            assert summary.inner_text() == "Filters (0 active)"
            assert not france.is_visible()
            assert page.locator("article.initiative-card").first.bounding_box()["y"] < 844
            summary.click()
        else:
            assert not summary.is_visible()  # a sidebar, always open
        assert france.is_visible()
        france.click()
        page.wait_for_url("**/atlas/?q=energy&country=FR")
        cards = page.locator("article.initiative-card h3").all_inner_texts()
        assert sorted(cards) == ["Frugal benchmarks", "Grid-aware training"]
        assert chips(page) == ["Country: France (remove)"]
        if phone:
            assert summary.inner_text() == "Filters (1 active)"
            assert page.locator("article.initiative-card").first.bounding_box()["y"] < 844
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]

        page.locator("main nav").get_by_role("link", name="Map", exact=True).click()
        page.wait_for_url("**/atlas/map/?q=energy&country=FR")
        assert chips(page) == ["Search: energy (remove)", "Country: France (remove)"]
        ranking = page.locator("#all-countries tbody tr").all_inner_texts()
        assert [" ".join(row.split()) for row in ranking] == ["France 2", "Germany 1"]
        beyond = page.locator('[data-figure="beyond"]').inner_text()
        assert beyond == "International / no single country: 1"
        assert page.locator("#all-countries").is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        page.get_by_role("link", name="Back to the directory with these filters").click()
        page.wait_for_url("**/atlas/?q=energy&country=FR")
    finally:
        context.close()
