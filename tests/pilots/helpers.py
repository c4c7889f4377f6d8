"""Values of a valid pilot, for the tests to vary."""

# 1,000 accelerator-hours × 500 W × PUE 1.2 × 100 g/kWh = 60 kg; no embodied emissions.
TRAINING = {
    "accelerator_hours": 1000,
    "power_w": 500,
    "pue": 1.2,
    "carbon_intensity_g_per_kwh": 100,
    "embodied_kgco2e_per_accelerator": 0,
}


def values(**changes):
    base = {
        "title": "Grid forecasting",
        "summary": "Forecasts solar output.",
        "lead_organisation_label": "Grid Lab",
        "problem": "Reserve plants run to cover forecast errors.",
        "sector": "energy",
        "sdgs": [7, 13],
        "domain": "climate_mitigation",
        "status": "pilot",
        "trl": 6,
        "training_spec": TRAINING,
        "inference_spec": {},
        "inference_months": 12,
        "service_years": 1,
        "measured_kgco2e": None,
        "measured_low": None,
        "measured_high": None,
        "measured_months": 12,
        "coalition_only": [],
    }
    base.update(changes)
    return base


def kpi(**changes):
    base = {
        "name": "Reserve avoided",
        "baseline": 100.0,
        "result": 80.0,
        "unit": "MW",
        "period_months": 12,
        "method": "measured",
        "avoided_kgco2e": 1000.0,
        "avoided_low": 800.0,
        "avoided_high": 1300.0,
        "verified": False,
        "verifier": "",
    }
    base.update(changes)
    return base
