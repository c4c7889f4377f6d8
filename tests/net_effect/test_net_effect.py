"""The net-effect arithmetic, checked against figures computed by hand."""

import pytest

from sustainai.net_effect import NetEffectInputError, Range, annualise, compute, sign

# 1,000 accelerator-hours × 500 W = 500 kWh of IT energy; × PUE 1.2 = 600 kWh; × 100 g/kWh = 60 kg.
# No embodied emissions (0 kg per accelerator), so the engine's figure is exact.
TRAINING = {
    "accelerator_hours": 1000,
    "power_w": 500,
    "pue": 1.2,
    "carbon_intensity_g_per_kwh": 100,
    "embodied_kgco2e_per_accelerator": 0,
}
# 2,000 accelerator-hours × 250 W = 500 kWh; × 1.0 = 500 kWh; × 300 g/kWh = 150 kg (over 6 months).
INFERENCE = {
    "accelerator_hours": 2000,
    "power_w": 250,
    "pue": 1.0,
    "carbon_intensity_g_per_kwh": 300,
    "embodied_kgco2e_per_accelerator": 0,
}


def test_benefit_minus_footprint_with_ranges():
    # Benefits: 1,000 kg (800–1,300) over 12 months, 300 kg (200–400) over 6 months → ×2.
    result = compute(
        [(Range(1000, 800, 1300), 12), (Range(300, 200, 400), 6)],
        training=TRAINING,
        inference=INFERENCE,
        inference_months=6,
        service_years=3,
    )
    assert result.benefit == Range(1600, 1200, 2100)
    # Training 60 kg spread over 3 years = 20 kg; inference 150 kg over 6 months = 300 kg a year.
    assert result.parts["training"] == Range(20, 20, 20)
    assert result.parts["inference"] == Range(300, 300, 300)
    assert result.footprint == Range(320, 320, 320)
    assert result.net == Range(1280, 880, 1780)
    assert result.sign == "positive"


def test_range_rule_takes_both_uncertainties_against_each_other():
    # Measured footprint 400 kg (300–600) a year; benefit 1,000 kg (700–1,200).
    result = compute([(Range(1000, 700, 1200), 12)], measured=Range(400, 300, 600))
    # low = 700 − 600 = 100; high = 1,200 − 300 = 900.
    assert result.net == Range(600, 100, 900)


def test_a_pilot_whose_footprint_exceeds_its_benefit():
    # Benefit 50 kg (40–60) over 12 months; training 60 kg in one year + measured 30 kg (20–45)
    # per 6 months = 60 kg (40–90) a year: footprint 120 kg (100–150).
    result = compute(
        [(Range(50, 40, 60), 12)],
        training=TRAINING,
        measured=Range(30, 20, 45),
        measured_months=6,
    )
    assert result.footprint == Range(120, 100, 150)
    # net = 50 − 120 = −70; low = 40 − 150 = −110; high = 60 − 100 = −40.
    assert result.net == Range(-70, -110, -40)
    assert result.sign == "negative"
    assert result.as_dict()["net_effect_kgco2e"] == {"value": -70, "low": -110, "high": -40}


def test_straddling_zero_is_uncertain():
    assert sign(Range(10, -5, 30)) == "uncertain"
    assert sign(Range(0, 0, 0)) == "uncertain"
    assert sign(Range(1, 0.5, 2)) == "positive"
    assert sign(Range(-1, -2, -0.5)) == "negative"


def test_engine_range_carried_into_the_net():
    # Default embodied emissions: the engine gives a range; the net's bounds follow the rule.
    spec = {**TRAINING}
    del spec["embodied_kgco2e_per_accelerator"]
    result = compute([(Range(100, 100, 100), 12)], training=spec)
    f = result.footprint
    assert f.low < f.value < f.high
    assert result.net == Range(100 - f.value, 100 - f.high, 100 - f.low)


def test_annualise():
    assert annualise(Range(10, 5, 20), 3) == Range(40, 20, 80)
    assert annualise(Range(240, 240, 240), 24) == Range(120, 120, 120)


def test_no_kpi_no_footprint_is_zero():
    result = compute([])
    assert result.net == Range(0, 0, 0)
    assert dict(result.parts) == {}


def test_engine_refusal_names_the_phase_and_field():
    with pytest.raises(NetEffectInputError) as error:
        compute([], training={**TRAINING, "pue": 9}, inference={"accelerator_hours": -1})
    assert error.value.errors == {
        "training.pue": "must be at most 3",
        "inference.accelerator_hours": "must be greater than 0",
    }


def test_bad_periods_and_bounds():
    with pytest.raises(NetEffectInputError) as error:
        compute(
            [(Range(1, 1, 1), 0)],
            measured=Range(1, -1, 2),
            service_years=0,
            inference_months=float("nan"),
        )
    assert error.value.errors == {
        "kpis.0.period_months": "must be more than 0 and at most 1200 months",
        "service_years": "must be more than 0 and at most 50",
        "measured.low": "a footprint cannot be below zero",
        "inference_months": "must be a number of months",
    }


def test_range_of_checks_order_and_numbers():
    assert Range.of(5, 4, 6) == Range(5, 4, 6)
    assert Range.of(5) == Range(5, 5, 5)
    with pytest.raises(NetEffectInputError) as error:
        Range.of(5, 6, 4, field="benefit")
    assert error.value.errors == {
        "benefit.low": "must not be above the value",
        "benefit.high": "must not be below the value",
    }
    with pytest.raises(NetEffectInputError) as error:
        Range.of(float("inf"), "1")
    assert error.value.errors == {
        "value": "must be a finite number of at most 1e+15 in size",
        "value.low": "must be a number",
    }


def test_phase_mismatch_refused():
    with pytest.raises(NetEffectInputError) as error:
        compute([], training={**TRAINING, "phase": "inference"})
    assert error.value.errors == {"training.phase": "must be training here"}
