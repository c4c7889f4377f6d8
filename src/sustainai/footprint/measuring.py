"""``measure(command)``: run a command and measure the machine's energy with CodeCarbon, offline.

CodeCarbon reads the CPU through RAPL when its counters are readable (otherwise it models the CPU
from its TDP table and load), models RAM from its size, and reads NVIDIA GPUs through NVML when
present. The result has the estimate's schema, with ``methods`` saying how each part was obtained.
CodeCarbon is imported here only, so that ``import sustainai.footprint`` stays light.
"""

from __future__ import annotations

import logging
import subprocess
import tempfile
import time
from typing import IO, Any

from sustainai.footprint import catalogue
from sustainai.footprint.engine import _intensity, _Notes, validate
from sustainai.footprint.errors import FootprintInputError
from sustainai.footprint.quantity import Q

MEASURE_FIELDS = ("location", "carbon_intensity_g_per_kwh", "pue", "wue_l_per_kwh")


def _method(hardware: list[str], part: str) -> str | None:
    """CodeCarbon's description of the part ('CPU(Intel Rapl)', 'CPU(Cpu Load)', 'RAM()',
    'GPU(...) (NVIDIA H100 ...)'), or None when it does not track that part."""
    return next((d for d in hardware if d.startswith(part + "(")), None)


def _is_measured(part: str, method: str) -> bool:
    """RAPL, PowerMetrics and NVML read counters; every other CodeCarbon mode is a model."""
    text = method.lower()
    return part == "GPU" or "rapl" in text or "powermetrics" in text


def measure(
    command: list[str],
    spec: dict[str, Any] | None = None,
    interval_s: float = 1.0,
    stdout: IO[Any] | None = None,
) -> dict[str, Any]:
    """Run ``command`` (a list of arguments, no shell) and measure the energy it took.

    ``spec`` may give ``location`` (country or US state; default: the world average),
    ``carbon_intensity_g_per_kwh``, ``pue`` (default 1: the machine itself) and ``wue_l_per_kwh``
    (default 0: no cooling water known). ``stdout`` receives the command's output (a file object;
    default: inherited), so that a caller printing JSON can keep the two apart.
    """
    if not command:
        raise FootprintInputError({"command": "give the command to run after --"})
    spec = dict(spec or {})
    unknown = sorted(set(spec) - set(MEASURE_FIELDS))
    if unknown:
        raise FootprintInputError(
            {
                name: "does not apply to a measurement; use " + ", ".join(MEASURE_FIELDS)
                for name in unknown
            }
        )
    inputs = validate(spec)
    notes = _Notes()
    intensity = _intensity(inputs, notes)
    country = "FRA"
    if "location" in inputs and ":" not in inputs["location"]:
        code = inputs["location"].upper()
        # CodeCarbon only needs a country for its own (unused) emissions figure; ours come from
        # the intensity resolved above.
        country = code if len(code) == 3 else _alpha3(code[:2])

    from codecarbon import OfflineEmissionsTracker

    # CodeCarbon logs through the "codecarbon" logger; keep it to errors.
    logging.getLogger("codecarbon").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory(prefix="sustainai-measure-") as output_dir:
        tracker = OfflineEmissionsTracker(
            country_iso_code=country,
            output_dir=output_dir,
            output_methods=[],  # no CSV, API, logger or Prometheus output
            log_level="error",
            measure_power_secs=interval_s,
            allow_multiple_runs=True,
            tracking_mode="machine",
        )
        started = time.monotonic()
        tracker.start()
        try:
            completed = subprocess.run(command, check=False, stdout=stdout)
        except FileNotFoundError as error:
            tracker.stop()
            raise FootprintInputError({"command": f"cannot run {command[0]!r}: {error}"}) from None
        finally:
            duration = time.monotonic() - started
        tracker.stop()
        data = tracker.final_emissions_data
        hardware = list(tracker._conf.get("hardware", []))

    measured_range = catalogue.default("power_measured_relative_range")
    modelled_range = catalogue.default("power_modelled_relative_range")
    for key in ("power_measured_relative_range", "power_modelled_relative_range"):
        row = catalogue.default(key)
        notes.cite(key, row["what"], row["source"], row["url"], row["year"])
    notes.cite(
        "codecarbon",
        "Energy measurement of the command",
        f"CodeCarbon {catalogue.codecarbon_version()} OfflineEmissionsTracker (machine mode)",
        "https://mlco2.github.io/codecarbon/methodology.html",
        None,
    )
    parts: dict[str, Q] = {}
    methods: dict[str, str] = {}
    for part, kwh in (
        ("CPU", data.cpu_energy),
        ("RAM", data.ram_energy),
        ("GPU", data.gpu_energy),
    ):
        method = _method(hardware, part)
        if part == "GPU" and method is None:
            methods["gpu"] = "not present (no NVIDIA GPU visible to NVML)"
            continue
        if method is None:
            methods[part.lower()] = "not tracked"
            continue
        measured = _is_measured(part, method)
        via = " via NVML" if part == "GPU" else ""
        methods[part.lower()] = (
            f"{'measured' if measured else 'modelled'} by CodeCarbon{via}: {method}"
        )
        spread = Q.of(measured_range if measured else modelled_range)
        parts[part.lower()] = spread * max(kwh, 0.0)
    it_energy = Q.exact(0.0)
    for quantity in parts.values():
        it_energy = it_energy + quantity
    pue = Q.exact(inputs.get("pue", 1.0))
    if "pue" not in inputs:
        notes.assume("No PUE given: 1 (the machine's own draw, no facility overhead).")
    energy = it_energy * pue
    wue = inputs.get("wue_l_per_kwh", 0.0)
    if "wue_l_per_kwh" not in inputs:
        notes.assume("No WUE given: no cooling water counted.")
    notes.assume(
        "Embodied emissions are not estimated for a measurement (the machine's model and "
        "lifetime are unknown): reported as 0."
    )
    notes.assume(
        "Machine mode: the whole machine's CPU and RAM are measured while the command runs, "
        "including other processes."
    )
    return {
        "phase": "measurement",
        "route": "measured",
        "command": list(command),
        "exit_code": completed.returncode,
        "duration_s": round(duration, 3),
        "inputs": inputs,
        "methods": methods,
        "energy_kwh": energy.as_dict(),
        "carbon_kgco2e": (energy * intensity / 1000).as_dict(),
        "embodied_kgco2e": Q.exact(0.0).as_dict(),
        "water_l": (it_energy * wue).as_dict(),
        "energy_by_part_kwh": {name: q.as_dict() for name, q in parts.items()},
        "carbon_intensity_g_per_kwh": intensity.as_dict(),
        "pue": pue.as_dict(),
        "hardware": {
            "cpu_model": data.cpu_model,
            "cpu_count": data.cpu_count,
            "gpu_model": data.gpu_model or None,
            "gpu_count": data.gpu_count,
            "ram_total_gb": round(data.ram_total_size, 2),
        },
        "assumptions": notes.assumptions,
        "sources": list(notes.sources.values()),
    }


def _alpha3(alpha2: str) -> str:
    import pycountry

    country = pycountry.countries.get(alpha_2=alpha2)
    return country.alpha_3 if country else "FRA"
