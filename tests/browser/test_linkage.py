"""A coordinator reviews a candidate pair and merges it."""

import pytest

from sustainai.atlas.models import ModerationState
from sustainai.linkage import services
from tests.factories.linkage import LinkedInitiativeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_merges_a_pair_from_the_queue(page, login, coordinator):
    common = dict(start_year=2025, type="coalition", leads=["UNEP"], countries=["FR"])
    french = LinkedInitiativeFactory(
        name="Coalition pour une IA durable",
        website="https://www.ecologie.gouv.fr/fr/coalition-ia-durable",
        **common,
    )
    english = LinkedInitiativeFactory(
        name="Coalition for Sustainable AI",
        website="https://www.ecologie.gouv.fr/en/coalition-ia-durable",
        **common,
    )
    services.refresh_candidates()
    login(coordinator)

    page.goto("/atlas/duplicates/")
    pair = page.locator("article.candidate-pair")
    assert pair.count() == 1
    assert "the same web page" in pair.inner_text()
    pair.get_by_label("Merge: keep the second, the first becomes an alias").check()
    pair.get_by_role("button", name="Record the decision").click()
    page.wait_for_url("**/atlas/duplicates/")

    assert "No candidate pair is waiting for a decision." in page.locator("main").inner_text()
    assert page.locator("table tbody tr").first.inner_text().count("Merged") == 1
    french.refresh_from_db()
    english.refresh_from_db()
    assert french.state == ModerationState.MERGED
    assert french.merged_into == english
    assert english.aliases == ["Coalition pour une IA durable"]
    # The merged initiative's old URL leads to the kept record.
    page.goto(f"/atlas/i/{french.slug}/")
    assert page.url.endswith(f"/atlas/i/{english.slug}/")
    assert page.locator("main h1").inner_text() == "Coalition for Sustainable AI"
    page.goto("/atlas/duplicates/")

    # Undo restores both.
    page.get_by_role("button", name="Undo").click()
    page.wait_for_url("**/atlas/duplicates/")
    assert page.locator("article.candidate-pair").count() == 1
    french.refresh_from_db()
    assert french.state == ModerationState.PUBLISHED
