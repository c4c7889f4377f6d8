import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command


def run(*args, stdin=None):
    out = io.StringIO()
    if stdin is not None:
        sys_stdin, sys.stdin = sys.stdin, io.StringIO(stdin)
    try:
        call_command("footprint", *args, stdout=out)
    finally:
        if stdin is not None:
            sys.stdin = sys_stdin
    return out.getvalue()


ROOT = Path(__file__).resolve().parents[2]
SPEC = {"accelerator": "A100-80GB", "accelerator_hours": 184320, "power_w": 400, "pue": 1.0}


def test_footprint_estimate_reads_a_file(tmp_path):
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(SPEC))
    result = json.loads(run("estimate", str(path)))
    assert result["energy_kwh"]["value"] == 73728.0


def test_footprint_estimate_reads_stdin_and_exports_a_model_card():
    text = run("estimate", "-", "--format", "model-card", stdin=json.dumps(SPEC))
    assert yaml.safe_load(text)["co2_eq_emissions"]["training_type"] == "pre-training"


def test_footprint_estimate_exports_sci():
    text = run("estimate", "-", "--format", "sci", stdin=json.dumps(SPEC))
    assert json.loads(text)["formula"] == "SCI = (E × I + M) / R"


def test_footprint_estimate_sci_per_given_functional_unit():
    spec = {**SPEC, "carbon_intensity_g_per_kwh": 100, "embodied_kgco2e_per_accelerator": 0}
    text = run(
        "estimate",
        "-",
        "--format",
        "sci",
        "--functional-units",
        "1000",
        "--functional-unit",
        "evaluation",
        stdin=json.dumps(spec),
    )
    figure = json.loads(text)
    # 73,728 kWh × 100 g/kWh / 1,000 evaluations.
    assert figure["sci_gco2e_per_unit"]["value"] == 7372.8
    assert figure["functional_unit"] == "evaluation"


def test_footprint_estimate_errors_name_the_field(tmp_path):
    with pytest.raises(CommandError) as caught:
        run("estimate", "-", stdin='{"accelerator": "H100", "hours": 0}')
    assert str(caught.value) == "invalid input: hours: must be greater than 0"
    with pytest.raises(CommandError, match=r"not valid JSON \(line 1, column 2"):
        run("estimate", "-", stdin="{oops")
    with pytest.raises(CommandError, match="cannot read"):
        run("estimate", str(tmp_path / "missing.json"))


def test_footprint_sources_lists_every_row_with_its_source():
    rows = json.loads(run("sources", "--format", "json"))
    assert {"accelerators", "defaults", "grid"} == {row["table"] for row in rows}
    text = run("sources")
    assert "[accelerators] H100:" in text
    assert "EPA eGRID2023" in text


def test_footprint_measure_runs_the_command_after_double_dash():
    text = run("measure", "--location", "US-CA", "--", sys.executable, "-c", "print('hello')")
    result = json.loads(text)
    assert result["exit_code"] == 0
    assert result["carbon_intensity_g_per_kwh"]["value"] == 179.064
    assert result["methods"]["gpu"] == "not present (no NVIDIA GPU visible to NVML)"


def test_footprint_command_exits_non_zero_on_bad_input(tmp_path):
    completed = subprocess.run(
        [sys.executable, "-m", "sustainai", "footprint", "estimate", "-"],
        input='{"phase": "cooking"}',
        capture_output=True,
        text=True,
        env={
            "PYTHONPATH": f"{ROOT / 'src'}:{ROOT}",
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "tests.settings",
            "SUSTAINAI_VAR_DIR": str(tmp_path),
        },
    )
    assert completed.returncode == 1
    assert "phase: must be one of training, inference (got 'cooking')" in completed.stderr


def test_footprint_estimate_serves_the_issue_deployment():
    spec = {
        "phase": "inference",
        "accelerator": "H100",
        "accelerator_count": 4,
        "params": 70.6e9,
        "input_tokens": 800,
        "output_tokens": 352,
        "requests": 1000,
        "batch_size": 64,
    }
    result = json.loads(run("estimate", "-", stdin=json.dumps(spec)))
    assert result["route"] == "compute"
    assert result["deployment"]["accelerator_count"] == 4
    assert result["deployment"]["fits_in_memory"] is True
    assert result["requests"] == 1000
    assert result["energy_j_per_output_token"]["value"] > 0
