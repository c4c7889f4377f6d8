"""GPU energy read from NVIDIA's counters through NVML (``nvidia-ml-py``), for a machine with an
NVIDIA GPU: the total-energy counter of every device (millijoules since the driver loaded), read
before and after a command. The result has the shape of the footprint engine's ``measure`` for
the parts the benchmark reads (``energy_kwh``, ``methods``, ``hardware``, ``exit_code``)."""

from __future__ import annotations

import subprocess
from typing import IO, Any

from sustainai.compression.errors import CompressionError

# NVIDIA documents its power readings as accurate to within about ±5 % (nvidia-smi manual,
# "power.draw"); the same relative range as the footprint engine gives a counter reading.
RELATIVE_LOW, RELATIVE_HIGH = 0.95, 1.05


def available() -> bool:
    """Whether NVML loads and sees at least one GPU."""
    try:
        import pynvml

        pynvml.nvmlInit()
    except Exception:
        return False
    try:
        return int(pynvml.nvmlDeviceGetCount()) > 0
    finally:
        pynvml.nvmlShutdown()


def measure_nvml(command: list[str], stdout: IO[Any] | None = None) -> dict[str, Any]:
    """Run ``command`` and return the GPUs' energy it took."""
    import pynvml

    try:
        pynvml.nvmlInit()
    except Exception as error:
        raise CompressionError({"meter": f"NVML is not available: {error}"}) from None
    try:
        handles = [pynvml.nvmlDeviceGetHandleByIndex(i) for i in range(pynvml.nvmlDeviceGetCount())]
        if not handles:
            raise CompressionError({"meter": "NVML sees no GPU"})
        names = [str(pynvml.nvmlDeviceGetName(h)) for h in handles]
        before = [int(pynvml.nvmlDeviceGetTotalEnergyConsumption(h)) for h in handles]
        completed = subprocess.run(command, check=False, stdout=stdout)
        after = [int(pynvml.nvmlDeviceGetTotalEnergyConsumption(h)) for h in handles]
    finally:
        pynvml.nvmlShutdown()
    kwh = sum(b - a for a, b in zip(before, after, strict=True)) / 1000 / 3.6e6
    return {
        "exit_code": completed.returncode,
        "energy_kwh": {"value": kwh, "low": kwh * RELATIVE_LOW, "high": kwh * RELATIVE_HIGH},
        "methods": {"gpu": "measured via NVML total energy counter"},
        "hardware": {"gpu_model": ", ".join(names), "gpu_count": len(names)},
    }
