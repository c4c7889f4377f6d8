"""The standards roadmap in a browser: filter the registry, open a cell of the matrix, compare
two editions; at desktop and phone sizes, with nothing wider than the screen."""

import pytest

from sustainai.toolkits.standards import services
from sustainai.toolkits.standards.models import Standard
from tests.factories.workstreams import WorkstreamFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def _seed():
    workstream = WorkstreamFactory(slug="standardization-roadmap")
    for identifier, body, status, phases, dimensions in (
        ("ITU-T L.1801", "ITU-T SG5", "in-development", ["design-development"], ["energy"]),
        (
            "ISO/IEC 30134-9",
            "ISO/IEC JTC 1/SC 39",
            "published",
            ["operation-monitoring"],
            ["water"],
        ),
        ("IEEE P7100", "IEEE SA", "in-development", ["design-development"], ["carbon"]),
    ):
        Standard.objects.create(
            workstream=workstream,
            identifier=identifier,
            body=body,
            title=f"Title of {identifier}",
            status=status,
            phases=phases,
            dimensions=dimensions,
        )
    services.publish_edition(services.freeze_edition("2025"))
    services.change_status(Standard.objects.get(identifier="ITU-T L.1801"), "published", None)
    Standard.objects.filter(identifier="IEEE P7100").delete()
    services.publish_edition(services.freeze_edition("2026"))


def _too_wide(page, width):
    return page.evaluate(
        """w => [...document.querySelectorAll('main *')]
            .filter(e => !e.closest('.table-scroll') && e.getBoundingClientRect().right > w + 1)
            .map(e => e.tagName + '#' + e.id + '.' + e.className)""",
        width,
    )


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_filter_open_a_cell_and_compare_editions(page, viewport):
    _seed()
    page.set_viewport_size(viewport)
    page.goto("/standards/")
    page.select_option("#id_dimension", "water")
    page.click("form[role=search] button[type=submit]")
    page.wait_for_url("**/standards/?*dimension=water*")
    assert page.locator("ul.standards li").all_inner_texts() == [
        "ISO/IEC 30134-9 — Title of ISO/IEC 30134-9 (ISO/IEC JTC 1/SC 39; Published)"
    ]
    assert _too_wide(page, viewport["width"]) == []

    page.goto("/standards/coverage/")
    page.click("a[href='?phase=design-development&dimension=energy#cell']")
    page.wait_for_url("**/coverage/?phase=design-development&dimension=energy#cell")
    assert page.locator("#cell h2").inner_text() == "Design and development × Energy"
    assert page.locator("#cell li").all_inner_texts() == ["ITU-T L.1801 — Title of ITU-T L.1801"]
    assert _too_wide(page, viewport["width"]) == []

    page.goto("/standards/editions/")
    page.select_option("#id_before", "2025")
    page.select_option("#id_after", "2026")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/editions/?before=2025&after=2026")
    diff = page.locator("#diff")
    assert diff.locator("ul").nth(0).inner_text() == "None"
    assert diff.locator("ul").nth(1).inner_text() == "ITU-T L.1801: in-development → published"
    assert diff.locator("ul").nth(3).inner_text() == "IEEE P7100"
    assert _too_wide(page, viewport["width"]) == []
