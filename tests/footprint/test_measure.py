import sys

import pytest

from sustainai.footprint import FootprintInputError, measure


def _nvidia_gpus() -> int:
    """NVIDIA GPUs NVML can see here (0 without a driver or a GPU)."""
    try:
        import pynvml

        pynvml.nvmlInit()
    except Exception:  # no NVML library, no driver, or no device
        return 0
    try:
        return int(pynvml.nvmlDeviceGetCount())
    finally:
        pynvml.nvmlShutdown()


GPUS = _nvidia_gpus()
needs_gpu = pytest.mark.skipif(
    GPUS == 0,
    reason="no NVIDIA GPU visible to NVML on this machine: the GPU measurement path cannot run",
)


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
    if GPUS == 0:
        # CodeCarbon's NVML path reports no GPU.
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


@needs_gpu
def test_measure_reads_nvidia_gpus_through_nvml():
    # Keeps a GPU busy for about two seconds so that NVML's energy counter moves.
    program = (
        "import time, torch; x = torch.randn(4096, 4096, device='cuda'); t = time.time()\n"
        "while time.time() - t < 2: x = x @ x; x = x / x.norm()\n"
        "torch.cuda.synchronize()"
    )
    pytest.importorskip("torch", reason="torch is needed to load the GPU in this test")
    result = measure([sys.executable, "-c", program], {"location": "FR"}, interval_s=0.5)
    assert result["exit_code"] == 0
    assert result["methods"]["gpu"].startswith("measured by CodeCarbon via NVML: GPU(")
    assert result["energy_by_part_kwh"]["gpu"]["value"] > 0
