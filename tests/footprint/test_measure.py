import sys

import pytest

from sustainai.footprint import FootprintInputError, measure


def test_measure_runs_the_command_and_reports_each_part_with_its_method(tmp_path):
    marker = tmp_path / "ran"
    result = measure(
        [sys.executable, "-c", f"open({str(marker)!r}, 'w').write('1')"],
        {"location": "FR"},
        interval_s=0.5,
    )
    assert marker.read_text() == "1"
    assert result["exit_code"] == 0
    assert result["route"] == "measured"
    assert set(result["methods"]) == {"cpu", "ram", "gpu"}
    # No GPU on this machine: CodeCarbon's NVML path reports none.
    assert result["methods"]["gpu"] == "not present (no NVIDIA GPU visible to NVML)"
    # This machine has no readable RAPL counters: CodeCarbon models the CPU from its load and TDP.
    assert result["methods"]["cpu"] in (
        "measured by CodeCarbon: CPU(Intel Rapl)",
        "modelled by CodeCarbon: CPU(Cpu Load)",
    )
    assert result["methods"]["ram"] == "modelled by CodeCarbon: RAM()"
    parts = result["energy_by_part_kwh"]
    assert sum(part["value"] for part in parts.values()) == pytest.approx(
        result["energy_kwh"]["value"], rel=1e-4
    )
    assert result["energy_kwh"]["value"] > 0
    assert result["energy_kwh"]["low"] <= result["energy_kwh"]["value"]
    assert result["carbon_intensity_g_per_kwh"]["value"] == 56.039
    assert list(tmp_path.iterdir()) == [marker]


def test_measure_reports_a_failing_command_exit_status():
    result = measure([sys.executable, "-c", "raise SystemExit(3)"], interval_s=0.5)
    assert result["exit_code"] == 3


def test_measure_refuses_estimate_fields_and_missing_commands():
    with pytest.raises(FootprintInputError) as caught:
        measure(["true"], {"hours": 3})
    assert list(caught.value.errors) == ["hours"]
    with pytest.raises(FootprintInputError) as caught:
        measure([])
    assert caught.value.errors == {"command": "give the command to run after --"}
