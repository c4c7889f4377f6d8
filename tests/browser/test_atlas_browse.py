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
