"""The engine against published figures, and docs/footprint.md kept current."""

from pathlib import Path

import pytest

from sustainai.footprint import estimate
from sustainai.footprint.validation import render, run

DOC = Path(__file__).resolve().parents[2] / "docs" / "footprint.md"
RESULTS = {row["figure"]: row for row in run()}


def test_bloom_dynamic_energy_and_emissions_are_exact():
    result = estimate(
        {
            "accelerator": "A100-80GB",
            "accelerator_hours": 1_082_990,
            "power_w": 400,
            "pue": 1.0,
            "carbon_intensity_g_per_kwh": 57,
        }
    )
    assert result["energy_kwh"]["value"] == 433_196.0
    assert round(result["carbon_kgco2e"]["value"] / 1000, 2) == 24.69


def test_llama_2_7b_energy_is_exact():
    result = estimate(
        {"accelerator": "A100-80GB", "accelerator_hours": 184_320, "power_w": 400, "pue": 1.0}
    )
    assert result["energy_kwh"]["value"] == 73_728.0


def test_gpt3_usage_route_reproduces_patterson():
    row = RESULTS["GPT-3 energy (kWh)"]
    # 10,000 V100 × 14.8 days × 24 h × 330 W × PUE 1.1.
    assert row["estimated"] == 1_289_000
    assert row["error"] == pytest.approx(0.0018, abs=1e-4)


@pytest.mark.parametrize(
    "figure", [figure for figure, row in RESULTS.items() if row["kind"] == "reproduce"]
)
def test_published_accelerator_hours_and_power_reproduce_within_2_percent(figure):
    assert abs(RESULTS[figure]["error"]) <= 0.02


@pytest.mark.parametrize(
    "figure", [figure for figure, row in RESULTS.items() if row["kind"] == "range"]
)
def test_published_figure_lies_inside_the_compute_route_range(figure):
    row = RESULTS[figure]
    assert row["low"] <= row["published"] <= row["high"]


def test_every_publication_of_the_issue_is_covered():
    publications = {row["publication"] for row in RESULTS.values()}
    assert len(publications) == 6
    assert sum(row["kind"] == "reproduce" for row in RESULTS.values()) == 16
    assert sum(row["kind"] == "range" for row in RESULTS.values()) == 17


def test_measured_inference_rows_are_held_out_sourced_and_within_a_tenfold_range():
    measured = [row for row in RESULTS.values() if row["split"] == "held-out"]
    assert [row["published"] for row in measured] == [0.20, 0.12]
    for row in measured:
        assert row["url"].startswith("https://ml.energy/")
        assert row["metric"] == "energy_j_per_output_token"
        assert row["low"] <= row["published"] <= row["high"]
        assert row["width"] <= 10
        assert row["passed"] is True
    # Same inputs (the two versions differ only in the serving software): one estimate for both.
    assert measured[0]["estimated"] == measured[1]["estimated"] == 0.09019


def test_every_row_belongs_to_the_development_or_the_held_out_half():
    assert {row["split"] for row in RESULTS.values()} == {"development", "held-out"}


def test_docs_table_is_what_the_generator_writes():
    committed = DOC.read_text()
    assert render(committed) == committed, (
        "docs/footprint.md is stale: run python -m sustainai.footprint.validation "
        "--write docs/footprint.md"
    )
