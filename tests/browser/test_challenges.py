"""A participant forms a team, submits a model through the page, and finds it scored on the
leaderboard with its energy, at desktop and phone sizes; the page has no accessibility violation
and nothing wider than the screen."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from sustainai.toolkits.challenges import services
from sustainai.toolkits.challenges.apps import WORKSTREAM_SLUG
from tests.factories.workstreams import WorkstreamFactory
from tests.sandbox.conftest import bubblewrap  # noqa: F401 - the sandbox runs the submission

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("bubblewrap"),
]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
MODEL = b"""
import numpy as np
def predict(X_train, y_train, X_test):
    return np.where(X_test[:, 0] > 0.5, 1, 0)
"""


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_team_submits_and_sees_the_leaderboard(page, login, plain_user, viewport, tmp_path):
    services.create_challenge(
        workstream=WorkstreamFactory(slug=WORKSTREAM_SLUG),
        slug="blobs",
        title="Two blobs",
        summary="Tell two blobs apart.",
        rules="One Python file.",
        x_train=[[0.0], [0.2], [0.9], [1.0]],
        y_train=[0, 0, 1, 1],
        x_test=[[0.1], [0.8], [0.95]],
        y_test=[0, 1, 1],
        energy_budget_wh=1.0,
        min_score=0.5,
        repeats=1,
        dataset_name="Blobs",
        dataset_source="https://example.org/blobs",
    )
    page.set_viewport_size(viewport)
    page.set_default_timeout(90_000)  # the submission is evaluated within the request here
    login(plain_user)
    page.goto("/challenges/")
    page.click("text=Two blobs")
    page.fill("#id_name", "Kestrel")
    page.click("text=Form a team")
    assert "Team Kestrel: 0 of 5 submissions used today (UTC)." in page.content()
    model = tmp_path / "model.py"
    model.write_bytes(MODEL)
    page.set_input_files("#id_file", str(model))
    page.fill("#id_label", "threshold")
    page.click("main form button:text-is('Submit')")
    page.wait_for_url("**/challenges/blobs/")
    board = page.locator("table.leaderboard")
    assert board.locator("tbody tr").count() == 1
    cells = board.locator("tbody tr td").all_inner_texts()
    assert cells[:4] == ["Kestrel", cells[1], "scored", "1.0000"]
    assert cells[1].endswith(" threshold")
    assert page.locator("svg.challenge-scatter circle").count() == 1
    wide = page.evaluate(
        """w => [...document.querySelectorAll('main *')]
            .filter(e => !e.closest('.overflow-auto') && !e.closest('details:not([open])')
                    && e.getBoundingClientRect().right > w + 1)
            .map(e => e.tagName + '#' + e.id + '.' + e.className)""",
        viewport["width"],
    )
    assert wide == []
    violations = Axe().run(page).response["violations"]
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations] == []
