"""The AI pilots showcase in a browser: a member submits a pilot, a lead of the showcase's
workstream publishes it, a visitor finds it in the gallery by a facet; at desktop and phone sizes,
with nothing wider than the screen."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from sustainai.toolkits.pilots.rules import WORKSTREAM_SLUG
from sustainai.workstreams.models import ParticipantRole
from tests.factories.accounts import MemberUserFactory
from tests.factories.members import OrganisationFactory
from tests.factories.workstreams import ParticipantFactory, WorkstreamFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def _violations(page):
    return [
        (v["id"], [n["target"] for n in v["nodes"]]) for v in Axe().run(page).response["violations"]
    ]


def _too_wide(page, width):
    return page.evaluate(
        """w => [...document.querySelectorAll('main *')]
            .filter(e => !e.closest('.kpis') && e.getBoundingClientRect().right > w + 1)
            .map(e => e.tagName + '#' + e.id + '.' + e.className)""",
        width,
    )


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_submit_moderate_and_find_by_facet(page, login, viewport):
    showcase = WorkstreamFactory(slug=WORKSTREAM_SLUG)
    leading = OrganisationFactory(name="Leading Org", slug="leading-org")
    ParticipantFactory(workstream=showcase, organisation=leading, role=ParticipantRole.LEAD)
    lead = MemberUserFactory(email="lead@example.org", organisation=leading)
    member = MemberUserFactory(email="member@example.org")
    page.set_viewport_size(viewport)

    login(member)
    page.goto("/pilots/submit/")
    page.fill("#id_title", "Heat pump control")
    page.fill("#id_summary", "Controls heat pumps from forecasts.")
    page.fill("#id_lead_organisation_label", "Heat Lab")
    page.fill("#id_problem", "Heating wastes energy.")
    page.select_option("#id_sector", "buildings")
    page.select_option("#id_status", "pilot")
    page.fill("#id_trl", "5")
    page.fill(
        "#id_inference_spec",
        '{"accelerator_hours": 100, "power_w": 100, "pue": 1, '
        '"carbon_intensity_g_per_kwh": 500, "embodied_kgco2e_per_accelerator": 0}',
    )
    page.fill("#id_kpi-0-name", "Heating energy")
    page.fill("#id_kpi-0-unit", "MWh")
    page.fill("#id_kpi-0-period_months", "12")
    page.fill("#id_kpi-0-avoided_kgco2e", "100")
    assert _too_wide(page, viewport["width"]) == []
    assert _violations(page) == []
    page.click("main form button[type=submit]")
    page.wait_for_url("**/pilots/heat-pump-control/")
    assert page.locator("[data-figure=net]").inner_text().startswith("95 (range 95 to 95)")

    page.context.clear_cookies()
    login(lead)
    page.goto("/pilots/moderation/")
    page.click("a[href='/pilots/moderation/heat-pump-control/']")
    page.check("input[name=decision][value=publish]")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/pilots/moderation/")
    assert "No pilot awaits moderation." in page.locator("main").inner_text()
    # A lead corrects the published pilot: the form comes filled in, and it stays published.
    page.goto("/pilots/heat-pump-control/")
    page.click("text=Edit this pilot")
    page.wait_for_url("**/pilots/heat-pump-control/edit/")
    assert page.input_value("#id_title") == "Heat pump control"
    assert page.input_value("#id_kpi-0-unit") == "MWh"
    page.fill("#id_summary", "Controls heat pumps from weather forecasts.")
    assert _too_wide(page, viewport["width"]) == []
    assert _violations(page) == []
    page.click("main form button[type=submit]")
    page.wait_for_url("**/pilots/heat-pump-control/")
    assert "Controls heat pumps from weather forecasts." in page.locator("main").inner_text()

    page.context.clear_cookies()
    page.goto("/pilots/")
    page.click("ul[data-facet=sector] a[href='?sector=buildings']")
    page.wait_for_url("**/pilots/?sector=buildings")
    assert page.locator("ul.pilots h3").all_inner_texts() == ["Heat pump control"]
    assert page.locator("figure.map svg path").count() > 100
    assert _too_wide(page, viewport["width"]) == []
    assert _violations(page) == []
    page.click("ul.pilots h3 a")
    page.wait_for_url("**/pilots/heat-pump-control/")
    assert _too_wide(page, viewport["width"]) == []
    assert _violations(page) == []
