"""``run(spec)``: the central run, the Monte Carlo ranges and the sensitivity analysis."""

from __future__ import annotations

from typing import Any

import numpy as np

from sustainai.foresight import model
from sustainai.foresight.parameters import BY_NAME, NAMES, Distribution
from sustainai.foresight.presets import PRESETS
from sustainai.foresight.scenario import Scenario, read
from sustainai.foresight.sources import SOURCES, cite

DEFAULT_SAMPLES = 2000
MAX_SAMPLES = 200_000
DEFAULT_SEED = 2025
SOBOL_BASE = 256  # SALib's Saltelli sampling: SOBOL_BASE × (uncertain parameters + 2) runs
PERCENTILES = (5.0, 95.0)
SERIES = (
    "baseline_twh",
    "agentic_twh",
    "total_twh",
    "emissions_mt",
    "water_gl",
    "baseline_emissions_mt",
    "agentic_emissions_mt",
    "baseline_water_gl",
    "agentic_water_gl",
)
SENSITIVITY_OUTPUTS = ("total_twh", "agentic_twh")


def resolved(scenario: Scenario) -> tuple[dict[str, Distribution], dict[str, Any]]:
    """The scenario's distributions, with the engine's range filled in, and the engine's
    per-token figures."""
    tokens = model.per_token_kwh(scenario.models)
    distributions = dict(scenario.distributions)
    if "per_token_energy_factor" not in distributions:
        low, high = model.engine_factor(tokens)
        distributions["per_token_energy_factor"] = Distribution(
            round(low, 3),
            1.0,
            round(high, 3),
            "footprint-engine",
            "the engine's range on the mix's energy per output token",
        )
    return distributions, tokens


def _columns(
    distributions: dict[str, Distribution], u: np.ndarray, names: list[str]
) -> dict[str, np.ndarray]:
    n = u.shape[0]
    columns: dict[str, np.ndarray] = {}
    for name in NAMES:
        d = distributions[name]
        if name in names:
            columns[name] = model.triangular_ppf(u[:, names.index(name)], d.low, d.mode, d.high)
        else:
            columns[name] = np.full(n, d.mode)
    return columns


def _evaluate(
    scenario: Scenario, tokens: Any, columns: dict[str, np.ndarray]
) -> dict[str, np.ndarray]:
    end = float(model.baseline_path(scenario.anchors, [model.LAST_YEAR])[0])
    return model.evaluate(columns, scenario.years, scenario.anchors, end, tokens)


def _sobol(
    scenario: Scenario, distributions: dict[str, Distribution], tokens: Any, seed: int
) -> list[dict[str, Any]]:
    from SALib.analyze import sobol as analyse
    from SALib.sample import sobol as sample

    names = [n for n in NAMES if distributions[n].uncertain]
    if not names:
        return []
    problem = {"num_vars": len(names), "names": names, "bounds": [[0.0, 1.0]] * len(names)}
    u = sample.sample(problem, SOBOL_BASE, calc_second_order=False, seed=seed)
    results = _evaluate(scenario, tokens, _columns(distributions, u, names))
    targets: list[int] = [y for y in (2030, 2035) if y in scenario.years] or [scenario.years[-1]]
    out: list[dict[str, Any]] = []
    for output in SENSITIVITY_OUTPUTS:
        for year in targets:
            y = results[output][:, scenario.years.index(year)]
            if float(np.ptp(y)) == 0.0:
                continue
            indices = analyse.analyze(
                problem, y, calc_second_order=False, num_resamples=50, seed=seed
            )
            for i, name in enumerate(names):
                out.append(
                    {
                        "parameter": name,
                        "index": round(max(float(indices["ST"][i]), 0.0), 4),
                        "first_order": round(max(float(indices["S1"][i]), 0.0), 4),
                        "confidence": round(float(indices["ST_conf"][i]), 4),
                        "year": year,
                        "output": output,
                    }
                )
    out.sort(key=lambda row: (row["output"] != "total_twh", row["year"], -float(row["index"])))
    return out


def _tornado(
    scenario: Scenario, distributions: dict[str, Distribution], tokens: Any
) -> list[dict[str, Any]]:
    """One parameter at a time from its low to its high, the others at their modes."""
    names = [n for n in NAMES if distributions[n].uncertain]
    if not names:
        return []
    rows = []
    for name in names:
        d = distributions[name]
        for value in (d.low, d.high):
            cols = {n: np.array([distributions[n].mode]) for n in NAMES}
            cols[name] = np.array([value])
            rows.append(cols)
    columns = {n: np.concatenate([r[n] for r in rows]) for n in NAMES}
    results = _evaluate(scenario, tokens, columns)
    targets: list[int] = [y for y in (2030, 2035) if y in scenario.years] or [scenario.years[-1]]
    out: list[dict[str, Any]] = []
    for output in SENSITIVITY_OUTPUTS:
        for year in targets:
            column = results[output][:, scenario.years.index(year)]
            for i, name in enumerate(names):
                at_low, at_high = float(column[2 * i]), float(column[2 * i + 1])
                out.append(
                    {
                        "parameter": name,
                        "year": year,
                        "output": output,
                        "at_low": round(at_low, 4),
                        "at_high": round(at_high, 4),
                        "swing": round(abs(at_high - at_low), 4),
                    }
                )
    out.sort(key=lambda row: (row["output"] != "total_twh", row["year"], -float(row["swing"])))
    return out


def _round(x: float) -> float:
    return float(f"{x:.4g}")


def run(
    spec: Any,
    *,
    samples: int | None = None,
    seed: int | None = None,
    max_samples: int = MAX_SAMPLES,
    sensitivity: bool = True,
) -> dict[str, Any]:
    """Run a scenario (see ``scenario.read``); ``samples`` and ``seed`` override the spec's."""
    scenario = read(spec)
    n = samples if samples is not None else scenario.samples or DEFAULT_SAMPLES
    if not 1 <= n <= max_samples:
        from sustainai.foresight.errors import ForesightInputError

        raise ForesightInputError({"samples": f"from 1 to {max_samples:,} (got {n})"})
    s = seed if seed is not None else scenario.seed if scenario.seed is not None else DEFAULT_SEED
    distributions, tokens = resolved(scenario)
    names = [name for name in NAMES if distributions[name].uncertain]

    central = _evaluate(scenario, tokens, {k: np.array([d.mode]) for k, d in distributions.items()})
    rng = np.random.default_rng(s)
    u = rng.random((n, len(names)))
    draws = _evaluate(scenario, tokens, _columns(distributions, u, names))

    result: dict[str, Any] = {
        "scenario": describe(scenario, distributions),
        "years": scenario.years,
        "samples": n,
        "seed": s,
    }
    for series in SERIES:
        low, high = np.percentile(draws[series], PERCENTILES, axis=0)
        median = np.median(draws[series], axis=0)
        result[series] = [
            {
                "year": year,
                "value": _round(float(central[series][0, i])),
                "low": _round(float(low[i])),
                "high": _round(float(high[i])),
                "median": _round(float(median[i])),
            }
            for i, year in enumerate(scenario.years)
        ]
    result["tasks_per_year"] = [_round(float(x)) for x in central["tasks"][0]]
    result["tokens_per_task"] = [_round(float(x)) for x in central["tokens_per_task"][0]]
    result["sensitivity"] = _sobol(scenario, distributions, tokens, s) if sensitivity else []
    result["tornado"] = _tornado(scenario, distributions, tokens)
    result["assumptions"] = assumptions(scenario, distributions, tokens)
    used = {d.source for d in distributions.values() if d.source}
    used |= {m["source"] for m in scenario.models.values() if m.get("source")}
    used |= {"iea-energy-ai", "footprint-engine"}
    result["sources"] = [cite(key) for key in SOURCES if key in used]
    return result


def describe(scenario: Scenario, distributions: dict[str, Distribution]) -> dict[str, Any]:
    return {
        "preset": scenario.preset,
        "name": scenario.name,
        "baseline_anchors": {str(y): v for y, v in sorted(scenario.anchors.items())},
        "parameters": {
            name: {
                "low": d.low,
                "mode": d.mode,
                "high": d.high,
                "unit": BY_NAME[name].unit,
                "source": d.source,
                "note": d.note,
                "overridden": name in scenario.overridden,
            }
            for name, d in distributions.items()
        },
        "models": {name: {k: v for k, v in m.items()} for name, m in scenario.models.items()},
    }


def assumptions(
    scenario: Scenario, distributions: dict[str, Distribution], tokens: Any
) -> list[str]:
    preset = PRESETS[scenario.preset]
    lines = [
        f"Baseline: {preset.title}; central path through "
        + ", ".join(f"{y}: {v:g} TWh" for y, v in sorted(scenario.anchors.items()))
        + ", at a constant growth rate between these years.",
        "The agentic layer is added to the baseline, less the share already counted in it "
        "(baseline_overlap).",
        "Ranges are the 5th and 95th percentiles of the Monte Carlo draws (triangular "
        "distributions, parameters independent); the value is the central run, every parameter "
        "at its mode.",
    ]
    for name, m in scenario.models.items():
        t = tokens[name]
        lines.append(
            f"{name.capitalize()} model ({m.get('label')}, {m.get('precision')} on "
            f"{m.get('accelerator')}, batch {m.get('batch_size', 1)}): "
            f"{t['input']['value'] * 3.6e6:.3g} J per input token, "
            f"{t['output']['value'] * 3.6e6:.3g} J per output token (IT energy in 2024, from the "
            "footprint engine)."
        )
    for name, d in distributions.items():
        origin = SOURCES[d.source]["title"].split(" (")[0] if d.source else "our assumption"
        if d.note == "set in this scenario":
            origin = "set in this scenario"
        figure = f"{d.mode:g}" if not d.uncertain else f"{d.mode:g} ({d.low:g}–{d.high:g})"
        note = f"; {d.note}" if d.note and d.note != "set in this scenario" else ""
        lines.append(f"{name} = {figure} {BY_NAME[name].unit}".rstrip() + f" — {origin}{note}.")
    return lines
