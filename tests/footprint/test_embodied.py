"""Embodied emissions per accelerator and server, from Boavizta's component model."""

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from sustainai.footprint import catalogue, estimate

ROOT = Path(__file__).resolve().parents[2]
BLOOM_SLOT = 462.5  # 150 kgCO2e per A100 + 2,500 per 8-GPU node, ÷ 8


def test_an_h100_slot_is_the_chip_plus_an_eighth_of_the_dgx_host():
    slot = catalogue.embodied_slot("H100-SXM5-80GB")  # an alias
    assert slot is not None
    parts = catalogue.embodied_servers()["servers"]["H100"]["parts_kgco2e"]
    assert slot["accelerator"] == parts["accelerators"]["value"] / 8 == 575.125
    assert slot["value"] == pytest.approx(sum(p["value"] for p in parts.values()) / 8)
    assert slot["value"] == pytest.approx(slot["accelerator"] + slot["host"])
    assert round(slot["value"], 1) == 1328.4
    # Boavizta's high end; the low end reaches down to the BLOOM study's figure.
    assert round(slot["high"], 1) == 2215.3
    assert slot["low"] == BLOOM_SLOT
    assert set(slot["parts_per_slot"]) == {
        "accelerators",
        "cpus",
        "memory",
        "storage",
        "power_supplies",
        "case",
        "motherboard",
        "assembly",
    }


def test_larger_memory_weighs_more_and_unknown_accelerators_keep_the_bloom_figure():
    a100_40, a100_80 = catalogue.embodied_slot("A100-40GB"), catalogue.embodied_slot("A100-80GB")
    assert a100_40 is not None and a100_80 is not None
    assert a100_40["accelerator"] < a100_80["accelerator"]
    assert catalogue.embodied_slot("TPU v4") is None
    tpu = estimate({"accelerator": "TPU v4", "accelerator_hours": 1000, "power_w": 200})
    assert tpu["embodied_kgco2e"]["value"] == pytest.approx(
        1000 * BLOOM_SLOT / (6 * 8760 * 0.85), rel=1e-4
    )


def test_the_estimate_amortises_the_slot_over_lifetime_and_use_and_cites_boavizta():
    result = estimate({"accelerator": "H100", "accelerator_hours": 1000, "power_w": 700})
    slot = catalogue.embodied_slot("H100")
    assert slot is not None
    embodied = result["embodied_kgco2e"]
    assert embodied["value"] == pytest.approx(1000 * slot["value"] / (6 * 8760 * 0.85), rel=1e-4)
    # The slot's range and the lifetime's (4 to 7 years) both widen the result's.
    assert embodied["low"] < 1000 * BLOOM_SLOT / (6 * 8760 * 0.85) < embodied["value"]
    assert embodied["value"] < 1000 * slot["high"] / (6 * 8760 * 0.85) < embodied["high"]
    sources = {source["id"] for source in result["sources"]}
    assert {"embodied:NVIDIA H100 SXM 80GB", "embodied:host"} <= sources
    given = estimate(
        {
            "accelerator": "H100",
            "accelerator_hours": 1000,
            "power_w": 700,
            "embodied_kgco2e_per_accelerator": 2000,
        }
    )
    assert given["embodied_kgco2e"]["value"] == pytest.approx(
        2000 * 1000 / (6 * 8760 * 0.85), rel=1e-4
    )


@pytest.mark.skipif(
    importlib.util.find_spec("boaviztapi") is None,
    reason="boaviztapi is not installed (pip install '.[footprint-crosscheck]'): the shipped "
    "table cannot be checked against it",
)
def test_the_shipped_table_is_what_boavizta_computes():
    printed = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "embodied_boavizta.py")],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    shipped = json.loads(
        (ROOT / "src" / "sustainai" / "footprint" / "data" / "embodied.json").read_text()
    )
    assert json.loads(printed) == shipped
