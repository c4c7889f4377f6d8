"""Regenerate src/sustainai/footprint/data/embodied.json from Boavizta's model and data.

Boavizta's API package (``pip install boaviztapi``, the ``footprint-crosscheck`` extra) computes
the manufacturing impacts of server components bottom-up: dies from their surface, memory from its
capacity, SSDs from their capacity, power supplies and the case from their weight. This script
builds, for every accelerator of our catalogue that Boavizta's GPU table knows, an 8-accelerator
server whose host is the one NVIDIA's DGX H100 datasheet describes, and writes each part's
global-warming potential (kgCO2e, manufacture and transport, end of life excluded as in Boavizta)
with Boavizta's own low and high values. The engine reads the written file, so the web app does
not need boaviztapi (it brings pandas and FastAPI and takes seconds to import);
tests/footprint/test_embodied.py checks the file against the installed package when it is there.

    python bench/embodied_boavizta.py            # print the table
    python bench/embodied_boavizta.py --write    # rewrite the data file
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[1] / "src" / "sustainai" / "footprint" / "data"
SERVER_GPUS = 8
# Our catalogue name -> Boavizta's GPU name (crowdsourcing/gpu_specs.csv).
BOAVIZTA_GPUS = {
    "P100": "NVIDIA P100",
    "V100": "NVIDIA Tesla V100 SXM2 32GB",
    "A100-40GB": "NVIDIA A100 SXM4 40GB",
    "A100-80GB": "NVIDIA A100 SXM4 80GB",
    "H100": "NVIDIA H100 SXM 80GB",
    "H200": "NVIDIA H200 SXM 141GB",
    "B200": "NVIDIA B200 180GB",
    "L4": "NVIDIA L4",
}
# The host of an 8-GPU HGX server as NVIDIA's DGX H100 datasheet gives it.
HOST = {
    "cpu": {"units": 2, "name": "Intel Xeon Platinum 8480+"},
    "ram": [{"units": 32, "capacity": 64}],
    "disk": [
        {"units": 8, "type": "ssd", "capacity": 3840},
        {"units": 2, "type": "ssd", "capacity": 1920},
    ],
    "power_supply": {"units": 6},
}
HOST_SOURCE = {
    "source": "NVIDIA DGX H100 datasheet: 2 × Xeon Platinum 8480C, 2 TB memory, "
    "8 × 3.84 TB + 2 × 1.92 TB NVMe, 6 power supplies",
    "url": "https://www.nvidia.com/en-us/data-center/dgx-h100/",
    "year": 2023,
}
PARTS = {
    "GPU": "accelerators",
    "CPU": "cpus",
    "RAM": "memory",
    "SSD": "storage",
    "POWER_SUPPLY": "power_supplies",
    "CASE": "case",
    "MOTHERBOARD": "motherboard",
    "ASSEMBLY": "assembly",
}


def _server(gpu: str) -> dict[str, dict[str, float]]:
    from boaviztapi.compute.impacts_computation import compute_impacts
    from boaviztapi.compute.verbose import verbose_device
    from boaviztapi.data.archetype import get_server_archetype
    from boaviztapi.dto.device.device import Server, mapper_server

    server = Server(
        model={"type": "rack"},
        configuration={**HOST, "gpu": {"units": SERVER_GPUS, "name": gpu}},
    )
    device = mapper_server(server, archetype=get_server_archetype("platform_compute_medium"))
    hours = device.usage.hours_life_time.value
    compute_impacts(model=device, selected_criteria=["gwp"], duration=hours)
    parts: dict[str, dict[str, float]] = {}
    for key, part in verbose_device(device, selected_criteria=["gwp"], duration=hours).items():
        if not isinstance(part, dict) or "impacts" not in part:
            continue
        name = PARTS[key.rsplit("-", 1)[0]]
        gwp = part["impacts"]["gwp"]["embedded"]
        total = parts.setdefault(name, {"value": 0.0, "low": 0.0, "high": 0.0})
        total["value"] += gwp["value"]
        total["low"] += gwp["min"]
        total["high"] += gwp["max"]
    return {name: {k: round(v, 2) for k, v in q.items()} for name, q in parts.items()}


def table() -> dict[str, Any]:
    warnings.simplefilter("ignore")  # pandas warnings from inside boaviztapi
    from importlib.metadata import version

    servers = {}
    for ours, theirs in BOAVIZTA_GPUS.items():
        servers[ours] = {"boavizta_gpu": theirs, "parts_kgco2e": _server(theirs)}
    return {
        "about": "Manufacturing emissions (kgCO2e, transport included, end of life excluded) of "
        f"an {SERVER_GPUS}-accelerator server, per part, computed with Boavizta's model and data "
        "by bench/embodied_boavizta.py. 'value', 'low' and 'high' are Boavizta's own value, "
        "minimum and maximum.",
        "server_gpus": SERVER_GPUS,
        "source": f"Boavizta API {version('boaviztapi')} (boaviztapi package: component models, "
        "factors.yml and crowdsourcing/gpu_specs.csv, cpu_specs.csv)",
        "url": "https://doc.api.boavizta.org/Explanations/components/gpu/",
        "year": 2025,
        "host": HOST_SOURCE,
        "servers": servers,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="rewrite the data file")
    args = parser.parse_args(argv)
    text = json.dumps(table(), indent=2, ensure_ascii=False) + "\n"
    if args.write:
        (DATA / "embodied.json").write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
