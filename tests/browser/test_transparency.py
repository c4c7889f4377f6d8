"""A member reports a figure in confidence on a phone; a coordinator publishes a table on a
desktop; the public reads it on a phone, with the hidden cells saying why."""

import pytest

from sustainai.toolkits.transparency import services
from sustainai.toolkits.transparency.models import Submission
from tests.browser.test_layout import DESKTOP, PHONE, sign_in
from tests.factories.accounts import CoordinatorFactory, MemberUserFactory
from tests.factories.members import OrganisationFactory
from tests.world import CONFIDENTIAL_FIGURE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_figure_reported_in_confidence_is_published_only_in_a_safe_table(open_page):
    # Three organisations in Asia report through the service; Helios reports Europe in the browser.
    for name in ("Dawn", "Eagle", "Fjord"):
        user = MemberUserFactory(
            email=f"{name.lower()}@example.org", organisation=OrganisationFactory(name=name)
        )
        services.submit(
            user.organisation, user, {**CONFIDENTIAL_FIGURE, "region": "asia", "value": "100"}
        )
    helios = MemberUserFactory(
        email="helios@example.org", organisation=OrganisationFactory(name="Helios")
    )

    phone = open_page(PHONE)
    sign_in(phone, helios)
    phone.goto("/transparency/submit/")
    phone.select_option("#id_metric", "electricity_kwh")
    phone.fill("#id_year", "2024")
    phone.fill("#id_value", "1 250,5")
    phone.select_option("#id_unit", "MWh")
    phone.select_option("#id_region", "europe")
    phone.select_option("#id_sector", "cloud")
    phone.select_option("#id_model_class", "mixed")
    phone.select_option("#id_method", "measured")
    phone.select_option("#id_evidence", "verified")
    phone.fill("#id_scope", "Our two sites, all AI services.")
    phone.get_by_role("button", name="Save the figure").click()
    phone.wait_for_url("**/transparency/mine/")
    assert "1,250,500 kWh" in phone.locator("tbody").inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") == PHONE["width"]
    assert Submission.objects.filter(organisation=helios.organisation).count() == 1

    desktop = open_page(DESKTOP)
    sign_in(desktop, CoordinatorFactory())
    desktop.goto("/transparency/manage/")
    desktop.fill("#id_title", "AI electricity by region, 2024")
    desktop.select_option("#id_metric", "electricity_kwh")
    desktop.fill("#id_year", "2024")
    desktop.select_option("#id_by_first", "region")
    desktop.get_by_role("button", name="Compute the table").click()
    desktop.wait_for_url("**/transparency/tables/*/")
    assert desktop.get_by_text("Not published: only coordinators see this table.").is_visible()
    desktop.get_by_role("button", name="Recompute and publish").click()
    desktop.wait_for_url("**/transparency/tables/*/")

    public = open_page(PHONE)
    public.goto("/transparency/")
    public.get_by_role("link", name="AI electricity by region, 2024").click()
    rows = public.locator("tbody tr").all_inner_texts()
    # Europe has one contributor: hidden. Helios and one other make 87 % of the total:
    # the total is hidden too, and Asia can be published.
    assert rows == [
        "Asia\t300,000 (3 contributors)",
        "Europe\thidden: too few contributors",
    ]
    assert public.locator("tfoot").inner_text() == "Total\thidden: dominated by one or two"
    assert "1,250,500" not in public.content()
    assert public.evaluate("document.documentElement.scrollWidth") == PHONE["width"]
