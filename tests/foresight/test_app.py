"""The toolkit's page, exports, API, command, panel and report section."""

import io
import json

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from sustainai.foresight import run
from sustainai.toolkits.foresight.apps import WORKSTREAM_SLUG
from tests.factories.workstreams import WorkstreamFactory

API = "/api/v1/foresight/run"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db
def test_api_run_equals_the_library(client):
    body = {
        "preset": "iea-base",
        "overrides": {"calls_per_task": {"low": 8, "mode": 15, "high": 30}},
        "samples": 300,
        "seed": 5,
    }
    response = client.post(API, body, content_type="application/json")
    assert response.status_code == 200
    assert response.json() == json.loads(json.dumps(run(body)))
    data = response.json()
    assert data["baseline_twh"][-1] == {
        "year": 2035,
        "value": 1200.0,
        "low": data["baseline_twh"][-1]["low"],
        "high": data["baseline_twh"][-1]["high"],
        "median": data["baseline_twh"][-1]["median"],
    }
    assert data["scenario"]["parameters"]["calls_per_task"]["overridden"] is True


@pytest.mark.django_db
def test_api_names_every_bad_field_and_runs_nothing(client):
    response = client.post(
        API,
        {"overrides": {"calls_per_tsk": 1, "agent_users_millions": -1}, "years": [2031, 2030]},
        content_type="application/json",
    )
    assert response.status_code == 422
    fields = {entry["field"] for entry in response.json()["detail"]}
    assert fields == {"calls_per_tsk", "agent_users_millions", "years"}


@pytest.mark.django_db
def test_api_caps_samples_and_refuses_non_json(client):
    response = client.post(API, {"samples": 5001}, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"field": "samples", "message": "from 1 to 5,000 (got 5001)"}
    ]
    assert client.post(API, "x=1", content_type="application/json").status_code == 422


@pytest.mark.django_db
def test_api_limits_runs_per_address(client):
    for _ in range(30):
        client.post(API, {"samples": 10, "seed": 1}, content_type="application/json")
    response = client.post(API, {"samples": 10, "seed": 1}, content_type="application/json")
    assert response.status_code == 429


@pytest.mark.django_db
def test_api_lists_presets(client):
    slugs = [p["slug"] for p in client.get("/api/v1/foresight/presets").json()]
    assert slugs[:4] == ["iea-base", "iea-lift-off", "iea-high-efficiency", "iea-headwinds"]
    assert {"single-agent", "multi-agent", "reasoning-heavy", "_parameters"} <= set(slugs)


@pytest.mark.django_db
def test_page_shows_charts_ranges_and_sources(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        response = client.get("/foresight/?preset=multi-agent&compare=iea-lift-off&samples=200")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<svg") >= 8  # four fan charts, four tornados
    assert "Multi-agent systems on the IEA Base Case" in html
    assert "https://www.anthropic.com/engineering/built-multi-agent-research-system" in html
    assert "IEA Lift-Off" in html
    assert "<script" not in html.split("</header>", 1)[1].split("<footer", 1)[0]


@pytest.mark.django_db
def test_page_shares_overrides_by_url_and_names_bad_ones(client):
    html = client.get(
        "/foresight/?preset=single-agent&calls_per_task=2,4,9&samples=100"
    ).content.decode()
    assert "calls_per_task = 4 (2–9) calls — set in this scenario." in html
    bad = client.get("/foresight/?preset=single-agent&calls_per_task=9,4,2").content.decode()
    assert "low (9) is above high (2)" in bad
    assert 'id="result"' not in bad
    odd = client.get("/foresight/?preset=single-agent&calls_per_task=many").content.decode()
    assert "Give one number or three: low, mode, high." in odd


@pytest.mark.django_db
def test_exports_csv_and_xlsx(client):
    response = client.get("/foresight/export/csv/?preset=iea-base&samples=100&seed=1")
    assert response.status_code == 200
    lines = response.content.decode().splitlines()
    assert lines[0] == "year,layer,unit,value,low (5th percentile),high (95th percentile)"
    assert lines[1].startswith("2024,baseline,TWh,415.0,415.0,415.0")
    assert len(lines) == 1 + 9 * 12
    response = client.get("/foresight/export/xlsx/?preset=iea-base&samples=100&seed=1")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Results", "Parameters", "Sensitivity", "Sources"]
    pdf = client.get("/foresight/export/pdf/?preset=iea-base&samples=100&seed=1")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    assert client.get("/foresight/export/doc/?preset=iea-base").status_code == 404
    assert client.get("/foresight/export/csv/?preset=nowhere").status_code == 400


def test_command_runs_a_file_reproducibly(tmp_path):
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps({"preset": "reasoning-heavy", "overrides": {"calls_per_task": 6}}))
    outputs = []
    for _ in range(2):
        out = io.StringIO()
        call_command("foresight", "run", str(path), "--samples", "200", "--seed", "9", stdout=out)
        outputs.append(json.loads(out.getvalue()))
    assert outputs[0] == outputs[1]
    assert outputs[0]["samples"] == 200 and outputs[0]["seed"] == 9
    assert outputs[0]["scenario"]["parameters"]["calls_per_task"]["mode"] == 6


def test_command_reports_bad_input(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"overrides": {"calls_per_task": {"low": 3, "mode": 2, "high": 1}}}))
    with pytest.raises(CommandError, match="calls_per_task: low \\(3\\) is above high \\(1\\)"):
        call_command("foresight", "run", str(path))


@pytest.mark.django_db
def test_workstream_space_shows_the_panel(coordinator_client):
    WorkstreamFactory(slug=WORKSTREAM_SLUG, title="Agentic AI foresight")
    html = coordinator_client.get(f"/workstreams/{WORKSTREAM_SLUG}/").content.decode()
    assert 'id="foresight-panel"' in html
    assert "/foresight/?preset=multi-agent" in html


@pytest.mark.django_db
def test_page_in_french(client):
    client.cookies["django_language"] = "fr"
    html = client.get(
        "/foresight/?preset=multi-agent&samples=100", HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()
    assert "Prospective de l’IA agentique" in html
    assert '<h2 id="result-heading">Systèmes multi-agents sur le cas de base de l’AIE</h2>' in html
    assert "Appels de modèle par tâche (une réponse de chat est un appel)" in html
