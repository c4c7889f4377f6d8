"""The scenario model: presets reproduce their sources, the layer scales as the model says, ranges
contain the central run, a seed fixes the output, and bad input is refused before anything runs."""

import pytest

from sustainai.foresight import PARAMETERS, PRESETS, ForesightInputError, read, run
from sustainai.foresight.sources import SOURCES

FAST = {"samples": 400, "seed": 7}


def at(result, series, year):
    return next(point for point in result[series] if point["year"] == year)


def quick(spec, **kwargs):
    return run(spec, sensitivity=False, **{**FAST, **kwargs})


@pytest.mark.parametrize(
    ("preset", "totals"),
    [
        ("iea-base", {2024: 415.0, 2030: 945.0, 2035: 1200.0}),
        ("iea-lift-off", {2024: 415.0, 2035: 1700.0}),
        ("iea-high-efficiency", {2024: 415.0, 2035: 970.0}),
        ("iea-headwinds", {2024: 415.0, 2035: 700.0}),
    ],
)
def test_iea_presets_reproduce_the_totals_they_cite(preset, totals):
    result = quick({"preset": preset})
    for year, twh in totals.items():
        assert at(result, "baseline_twh", year)["value"] == twh
    assert result["scenario"]["parameters"]["baseline_2035_twh"]["source"] == "iea-energy-ai"


def test_base_case_emissions_reproduce_the_iea_totals():
    # 180 Mt CO2 over 415 TWh in 2024 and 300 Mt over 1,200 TWh in 2035 (rounded intensities).
    result = quick({"preset": "iea-base"})
    assert at(result, "baseline_emissions_mt", 2024)["value"] == 180.1
    assert at(result, "baseline_emissions_mt", 2035)["value"] == 300.0


def test_doubling_calls_per_task_doubles_the_agentic_energy():
    one = quick({"preset": "single-agent", "overrides": {"calls_per_task": 4}})
    two = quick({"preset": "single-agent", "overrides": {"calls_per_task": 8}})
    for a, b in zip(one["agentic_twh"], two["agentic_twh"], strict=True):
        assert b["value"] == pytest.approx(2 * a["value"], rel=1e-3)
    # The baseline does not move.
    assert one["baseline_twh"] == two["baseline_twh"]


def test_doubling_output_tokens_with_no_input_doubles_the_agentic_energy():
    fixed = {"input_tokens_per_call": 0, "output_tokens_per_call": 500}
    one = quick({"preset": "multi-agent", "overrides": fixed})
    two = quick({"preset": "multi-agent", "overrides": {**fixed, "output_tokens_per_call": 1000}})
    assert at(two, "agentic_twh", 2035)["value"] == pytest.approx(
        2 * at(one, "agentic_twh", 2035)["value"], rel=1e-3
    )


def test_total_is_baseline_plus_the_agentic_layer_less_the_overlap():
    result = quick({"preset": "reasoning-heavy", "overrides": {"baseline_overlap": 0.25}})
    for b, a, t in zip(
        result["baseline_twh"], result["agentic_twh"], result["total_twh"], strict=True
    ):
        assert t["value"] == pytest.approx(b["value"] + 0.75 * a["value"], rel=1e-3)


@pytest.mark.parametrize("preset", list(PRESETS))
def test_ranges_contain_the_central_run(preset):
    result = run({"preset": preset}, samples=2000, seed=1, sensitivity=False)
    for series in ("baseline_twh", "agentic_twh", "total_twh", "emissions_mt", "water_gl"):
        for point in result[series]:
            assert point["low"] <= point["value"] <= point["high"], (series, point)


def test_a_fixed_seed_gives_identical_output_and_another_seed_does_not():
    spec = {"preset": "multi-agent"}
    first = run(spec, samples=500, seed=42)
    assert run(spec, samples=500, seed=42) == first
    other = run(spec, samples=500, seed=43)
    assert other["agentic_twh"] != first["agentic_twh"]
    assert other["agentic_twh"][0]["value"] == first["agentic_twh"][0]["value"]  # central run


def test_every_parameter_is_fixed_when_overridden_with_a_number():
    overrides = {
        p.name: run({"preset": "iea-base"}, samples=10, sensitivity=False)["scenario"][
            "parameters"
        ][p.name]["mode"]
        for p in PARAMETERS
    }
    result = quick({"preset": "iea-base", "overrides": overrides})
    for point in result["total_twh"]:
        assert point["low"] == point["value"] == point["high"]
    assert result["tornado"] == []


def test_sensitivity_ranks_the_baseline_first_for_the_total_and_covers_both_years():
    result = run({"preset": "multi-agent"}, samples=200, seed=3)
    total_2035 = [
        s for s in result["sensitivity"] if s["output"] == "total_twh" and s["year"] == 2035
    ]
    assert total_2035[0]["parameter"] == "baseline_2035_twh"
    assert {s["year"] for s in result["sensitivity"]} == {2030, 2035}
    agentic = {s["parameter"] for s in result["sensitivity"] if s["output"] == "agentic_twh"}
    assert "calls_per_task" in agentic and "baseline_2035_twh" not in {
        s["parameter"]
        for s in result["sensitivity"]
        if s["output"] == "agentic_twh" and s["index"] > 0
    }
    tornado = [t for t in result["tornado"] if t["output"] == "total_twh" and t["year"] == 2035]
    assert tornado[0]["parameter"] == "baseline_2035_twh"
    assert tornado[0]["at_low"] == pytest.approx(700.0, rel=1e-3)
    assert tornado[0]["at_high"] == pytest.approx(
        1700.0 + at(result, "agentic_twh", 2035)["value"], rel=1e-3
    )


def test_output_has_the_documented_shape_and_cites_only_known_sources():
    result = run({"preset": "iea-base", "years": [2030, 2035]}, samples=100, seed=1)
    assert result["years"] == [2030, 2035]
    for key in ("baseline_twh", "agentic_twh", "total_twh", "emissions_mt", "water_gl"):
        assert [set(p) >= {"year", "value", "low", "high"} for p in result[key]] == [True, True]
    assert {s["id"] for s in result["sources"]} <= set(SOURCES)
    assert {"iea-energy-ai", "footprint-engine"} <= {s["id"] for s in result["sources"]}
    assert set(result["sensitivity"][0]) >= {"parameter", "index"}
    assert any("footprint engine" in line for line in result["assumptions"])


def test_every_preset_distribution_is_ordered_and_every_source_exists():
    for preset in PRESETS.values():
        for name, d in preset.distributions().items():
            assert d.low <= d.mode <= d.high, (preset.slug, name)
            assert d.source is None or d.source in SOURCES


@pytest.mark.parametrize(
    ("spec", "errors"),
    [
        ({"overrides": {"calls_per_tsk": 3}}, {"calls_per_tsk"}),
        ({"overrides": {"calls_per_task": {"low": 9, "mode": 5, "high": 2}}}, {"calls_per_task"}),
        ({"overrides": {"agent_users_millions": -5}}, {"agent_users_millions"}),
        (
            {"overrides": {"tasks_per_user_per_day": {"low": -1, "mode": 1, "high": 2}}},
            {"tasks_per_user_per_day.low"},
        ),
        ({"years": [2030, 2026]}, {"years"}),
        ({"years": [2020, 2030]}, {"years"}),
        ({"preset": "iea-nowhere"}, {"preset"}),
        ({"overrides": {"pue_2024": float("nan")}}, {"pue_2024"}),
        ({"overrides": {"pue_2024": True}}, {"pue_2024"}),
        ({"colour": "green"}, {"colour"}),
        ({"models": {"large": {"accelerator": "Abacus"}}}, {"models.large.accelerator"}),
        ({"name": "a\x00b"}, {"name"}),
        ({"seed": -1, "samples": 0}, {"seed", "samples"}),
    ],
)
def test_bad_input_is_refused_naming_the_field(spec, errors):
    with pytest.raises(ForesightInputError) as caught:
        read(spec)
    assert set(caught.value.errors) == errors
    for field in errors:
        assert field.split(".")[0] in str(caught.value) or field in caught.value.errors


def test_low_above_high_message_names_both_figures():
    with pytest.raises(ForesightInputError) as caught:
        read({"overrides": {"calls_per_task": {"low": 9, "mode": 5, "high": 2}}})
    assert caught.value.errors == {"calls_per_task": "low (9) is above high (2)"}


def test_samples_are_capped():
    with pytest.raises(ForesightInputError) as caught:
        run({"preset": "iea-base"}, samples=5001, max_samples=5000)
    assert caught.value.errors == {"samples": "from 1 to 5,000 (got 5001)"}


def test_a_bigger_model_mix_through_the_engine_raises_the_agentic_layer():
    small = quick({"preset": "iea-base"})
    big = quick({"preset": "iea-base", "models": {"small": {"params": 70e9}}})
    assert at(big, "agentic_twh", 2030)["value"] > at(small, "agentic_twh", 2030)["value"]
    assert at(big, "baseline_twh", 2030) == at(small, "baseline_twh", 2030)
