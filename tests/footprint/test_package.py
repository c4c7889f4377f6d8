import json
import subprocess
import sys
from pathlib import Path

from sustainai.footprint import model_card, model_card_yaml, sci, sources
from sustainai.footprint.engine import estimate

SRC = str(Path(__file__).resolve().parents[2] / "src")


def test_import_needs_neither_django_nor_codecarbon():
    code = (
        "import sys, sustainai.footprint as f; "
        "f.estimate({'accelerator': 'H100', 'hours': 1, 'location': 'US-CA'}); "
        "assert 'django' not in sys.modules, 'django'; "
        "assert 'codecarbon' not in sys.modules, 'codecarbon'"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code],
        env={"PYTHONPATH": SRC, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )
    assert completed.returncode == 0, completed.stderr


def test_sources_have_a_source_and_year_on_every_row():
    rows = sources()
    names = {row["name"] for row in rows if row["table"] == "accelerators"}
    assert {"A100-40GB", "A100-80GB", "H100", "H200", "B200", "L4", "V100", "P100"} <= names
    assert {"TPU v3", "TPU v4", "TPU v5e", "TPU v5p", "CPU-only"} <= names
    assert all(row["source"] for row in rows)
    assert all(row["year"] for row in rows if row["table"] != "grid" or "Google" not in row["name"])
    json.dumps(rows)


def test_model_card_block_gives_grams():
    result = estimate(
        {
            "accelerator": "A100-80GB",
            "accelerator_count": 8,
            "hours": 10,
            "power_w": 400,
            "pue": 1,
            "carbon_intensity_g_per_kwh": 50,
            "location": "FR",
        }
    )
    assert model_card(result) == {
        "co2_eq_emissions": {
            "emissions": 1600.0,
            "source": "SustainAI footprint engine (usage route)",
            "training_type": "pre-training",
            "geographical_location": "FR",
            "hardware_used": "8 x A100-80GB",
        }
    }
    assert model_card_yaml(result).startswith("co2_eq_emissions:\n  emissions: 1600.0\n")


def test_sci_divides_operational_plus_embodied_by_functional_units():
    result = estimate(
        {
            "phase": "inference",
            "accelerator": "H100",
            "accelerator_hours": 1,
            "power_w": 1000,
            "pue": 1,
            "carbon_intensity_g_per_kwh": 100,
            "requests": 1000,
            "embodied_kgco2e_per_accelerator": 8760,
            "hardware_lifetime_years": 1,
            "hardware_use_fraction": 1,
        }
    )
    figure = sci(result)
    # (1 kWh × 100 g/kWh + 1,000 g embodied) / 1,000 requests.
    assert figure["sci_gco2e_per_unit"] == {"value": 1.1, "low": 1.1, "high": 1.1}
    assert figure["functional_unit"] == "request"
    assert (figure["E_kwh"], figure["I_gco2e_per_kwh"], figure["M_gco2e"], figure["R"]) == (
        1.0,
        100.0,
        1000.0,
        1000.0,
    )
