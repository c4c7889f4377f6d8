"""Benchmarking a model: size, parameters, quality on a named dataset, latency and the energy of
1,000 inferences, in the documented JSON shape::

    {"size_mb", "params", "metric", "quality", "latency_ms": {"p50", "p95"},
     "energy_j_per_1k": {"value", "low", "high"}, "hardware", "method": "measured" | "estimated"}

Energy comes from the footprint engine's ``measure`` (CodeCarbon, offline) around a child process
that runs the model: once with ``n`` inferences and once with none, so that starting Python and
loading the model are not counted; the difference is scaled to 1,000 inferences. With ``repeat``
above 1 the value is the median of the runs and the range spans all of them. ``method`` is
``measured`` when every part was read from counters (RAPL, NVML) and ``estimated`` when CodeCarbon
modelled one (from CPU load and the TDP table, or RAM size).
"""

from __future__ import annotations

import math
import os
import platform
import statistics
import sys
import time
from importlib import metadata
from pathlib import Path
from typing import Any

from sustainai.compression import nvml
from sustainai.compression.datasets import check, inputs
from sustainai.compression.errors import CompressionError
from sustainai.compression.models import load

LATENCY_RUNS = 200
WARM_UP = 10
TARGET_SECONDS = 3.0
MIN_N, MAX_N = 100, 500_000
MAX_REPEAT = 20


def quality(predicted: Any, truth: Any, metric: str, base: Any = None) -> float:
    import numpy as np

    if metric == "accuracy":
        return float(np.mean(np.asarray(predicted) == np.asarray(truth)))
    if metric == "f1_macro":
        from sklearn.metrics import f1_score

        return float(f1_score(truth, predicted, average="macro"))
    if metric == "cosine_to_base":
        a, b = np.asarray(predicted, dtype=np.float64), np.asarray(base, dtype=np.float64)
        cos = (a * b).sum(axis=1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))
        return float(cos.mean())
    raise CompressionError({"metric": f"unknown metric {metric!r}"})


def evaluate(model: str | Path, dataset: str, metric: str, base: str | Path | None = None) -> float:
    """The model's quality on the dataset's evaluation inputs."""
    check(dataset, metric)
    rows, truth = inputs(dataset)
    predicted = load(model).predict(rows)
    reference = None
    if metric == "cosine_to_base":
        reference = load(base).predict(rows) if base else predicted
    return round(quality(predicted, truth, metric, reference), 4)


def latency(model: str | Path, dataset: str) -> dict[str, float]:
    """p50 and p95 of single-input inference, in milliseconds."""
    loaded = load(model)
    rows, _ = inputs(dataset)
    times = []
    for index in range(WARM_UP + LATENCY_RUNS):
        row = rows[index % len(rows) : index % len(rows) + 1]
        started = time.perf_counter()
        loaded.predict(row)
        if index >= WARM_UP:
            times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {"p50": _sig(_percentile(times, 50)), "p95": _sig(_percentile(times, 95))}


def energy(
    model: str | Path, dataset: str, n: int, repeat: int = 1, meter: str = "codecarbon"
) -> tuple[dict[str, float], str, str]:
    """Joules per 1,000 inferences (value, low, high), ``measured`` or ``estimated``, and the
    hardware measured on."""
    if not 1 <= repeat <= MAX_REPEAT:
        raise CompressionError({"repeat": f"from 1 to {MAX_REPEAT}"})
    values, lows, highs = [], [], []
    how = "measured"
    hardware = ""
    for _ in range(repeat):
        full = _measure(_command(model, dataset, n), meter)
        empty = _measure(_command(model, dataset, 0), meter)
        for reading in (full, empty):
            if reading["exit_code"] != 0:
                raise CompressionError({"model": "the inference process failed"})
        scale = 3.6e6 * 1000 / n  # kWh → J, per 1,000 inferences
        value = max(full["energy_kwh"]["value"] - empty["energy_kwh"]["value"], 0.0) * scale
        total = full["energy_kwh"]
        ratio_low = total["low"] / total["value"] if total["value"] else 1.0
        ratio_high = total["high"] / total["value"] if total["value"] else 1.0
        values.append(value)
        lows.append(value * ratio_low)
        highs.append(value * ratio_high)
        tracked = [str(m) for m in full["methods"].values() if not str(m).startswith("not ")]
        if not tracked or not all(m.startswith("measured") for m in tracked):
            how = "estimated"
        hardware = _hardware(full["hardware"])
    return (
        {
            "value": _sig(statistics.median(values)),
            "low": _sig(min(lows)),
            "high": _sig(max(highs)),
        },
        how,
        hardware,
    )


def benchmark(
    model: str | Path,
    dataset: str,
    metric: str,
    *,
    base: str | Path | None = None,
    repeat: int = 1,
    meter: str = "auto",
    progress: Any = None,
) -> dict[str, Any]:
    """The documented benchmark of ``model`` (see the module's docstring). ``progress``, if given,
    is called with a fraction done and a step's name."""
    check(dataset, metric)
    if not 1 <= repeat <= MAX_REPEAT:
        raise CompressionError({"repeat": f"from 1 to {MAX_REPEAT}"})
    say = progress or (lambda fraction, step: None)
    path = Path(model)
    loaded = load(path)
    say(0.05, "quality")
    score = evaluate(path, dataset, metric, base)
    say(0.15, "latency")
    lat = latency(path, dataset)
    n = int(min(max(math.ceil(TARGET_SECONDS * 1000 / max(lat["p50"], 1e-3)), MIN_N), MAX_N))
    if meter == "auto":
        meter = "nvml" if nvml.available() and _on_gpu() else "codecarbon"
    say(0.25, "energy")
    joules, how, hardware = energy(path, dataset, n, repeat, meter)
    say(1.0, "done")
    return {
        "size_mb": round(path.stat().st_size / 1e6, 4),
        "params": loaded.params,
        "metric": metric,
        "quality": score,
        "latency_ms": lat,
        "energy_j_per_1k": joules,
        "hardware": hardware,
        "method": how,
    }


def environment() -> dict[str, Any]:
    """The software a benchmark ran on, for the reproducibility record."""
    versions = {"python": platform.python_version()}
    for package in (
        "onnx",
        "onnxruntime",
        "onnxconverter-common",
        "skl2onnx",
        "scikit-learn",
        "torch",
        "sentence-transformers",
        "codecarbon",
        "numpy",
    ):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            continue
    return {"platform": platform.platform(), "versions": versions}


def _on_gpu() -> bool:
    return False  # the pipeline's runtimes run on the CPU provider; NVML is asked for explicitly


def _command(model: str | Path, dataset: str, n: int) -> list[str]:
    # The child imports this very checkout of the package, whatever the interpreter's path.
    source = str(Path(__file__).resolve().parents[2])
    code = (
        f"import sys; sys.path.insert(0, {source!r}); "
        "from sustainai.compression.runner import run; run(sys.argv[1], sys.argv[2], int(sys.argv[3]))"
    )
    return [sys.executable, "-c", code, str(Path(model).resolve()), dataset, str(n)]


def _measure(command: list[str], meter: str) -> dict[str, Any]:
    if meter not in ("nvml", "codecarbon"):
        raise CompressionError({"meter": "codecarbon, nvml or auto"})
    from sustainai.footprint import measure

    with open(os.devnull, "w") as sink:
        if meter == "nvml":
            return nvml.measure_nvml(command, stdout=sink)
        result: dict[str, Any] = measure(command, interval_s=0.5, stdout=sink)
    return result


def _hardware(hw: dict[str, Any]) -> str:
    parts = []
    if hw.get("cpu_model"):
        parts.append(f"{hw['cpu_model']} ({hw.get('cpu_count')} CPUs)")
    if hw.get("ram_total_gb"):
        parts.append(f"{hw['ram_total_gb']} GB RAM")
    if hw.get("gpu_model"):
        parts.append(f"{hw['gpu_count']} × {hw['gpu_model']}")
    return ", ".join(parts)


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    k = (len(values) - 1) * q / 100
    lo, hi = math.floor(k), math.ceil(k)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def _sig(x: float, digits: int = 4) -> float:
    return float(f"{x:.{digits}g}") if x else 0.0
