"""The vectorised model: every parameter is a column of samples, every year a column of results.

For a year ``y`` (``t = y - 2024``):

- baseline TWh = central path(y) × (baseline_2035_twh / its mode) ^ (t / 11): the IEA's path,
  bent towards the sampled 2035 figure;
- tasks = agent_users_millions × 1e6 × tasks_per_user_per_day × 365 × adoption(y), adoption being
  a logistic curve of ``adoption_midpoint_year`` and ``adoption_steepness``;
- IT kWh per task = calls_per_task × (input_tokens_per_call × (1 + context_growth_per_year)^t ×
  kWh per input token + output_tokens_per_call × kWh per output token) × per_token_energy_factor ×
  ((1 - hardware gain)(1 - software gain))^t × (1 + (1 - fleet_utilisation) / fleet_utilisation ×
  idle_power_share), the per-token figures being the model mix's from the footprint engine;
- agentic TWh = tasks × IT kWh per task × PUE(y) / 1e9;
- total TWh = baseline + agentic × (1 - baseline_overlap);
- Mt CO2e = TWh × grid intensity(y) / 1000; GL of water = TWh × water_intensity_l_per_kwh.
"""

from __future__ import annotations

import math
from functools import cache
from typing import Any

import numpy as np
import numpy.typing as npt

from sustainai.footprint import FootprintInputError, estimate

FIRST_YEAR, LAST_YEAR = 2024, 2035
Array = npt.NDArray[np.float64]


def baseline_path(anchors: dict[int, float], years: list[int]) -> Array:
    """The central path through the published anchors, at a constant growth rate between them."""
    points = sorted(anchors.items())
    out = []
    for year in years:
        for (y0, v0), (y1, v1) in zip(points, points[1:], strict=False):
            if y0 <= year <= y1:
                out.append(v0 * (v1 / v0) ** ((year - y0) / (y1 - y0)))
                break
        else:
            out.append(points[0][1] if year < points[0][0] else points[-1][1])
    return np.array(out, dtype=np.float64)


def model_key(model: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    return tuple(sorted((k, v) for k, v in model.items() if k not in ("label", "source")))


@cache
def _per_token(key: tuple[tuple[str, Any], ...], kind: str) -> dict[str, float]:
    spec: dict[str, Any] = dict(key)
    spec.update(
        {
            "phase": "inference",
            "pue": 1.0,  # the site's overhead is the scenario's PUE, applied later
            "input_tokens": 1000 if kind == "input" else 0,
            "output_tokens": 1000 if kind == "output" else 0,
        }
    )
    q = estimate(spec)["per_request"]["energy_kwh"]
    return {"value": q["value"] / 1000, "low": q["low"] / 1000, "high": q["high"] / 1000}


def per_token_kwh(models: dict[str, dict[str, Any]]) -> dict[str, dict[str, dict[str, float]]]:
    """IT kWh per input and per output token of each model of the mix (value, low, high).

    Raises ``FootprintInputError`` with fields named ``models.<name>.<field>``."""
    out: dict[str, dict[str, dict[str, float]]] = {}
    for name, model in models.items():
        try:
            out[name] = {
                "input": _per_token(model_key(model), "input"),
                "output": _per_token(model_key(model), "output"),
            }
        except FootprintInputError as error:
            raise FootprintInputError(
                {f"models.{name}.{field}": message for field, message in error.errors.items()}
            ) from None
    return out


def engine_factor(tokens: dict[str, dict[str, dict[str, float]]]) -> tuple[float, float]:
    """The engine's relative range on the mix's output tokens (they dominate): low/value and
    high/value, on the widest of the models."""
    lows = [t["output"]["low"] / t["output"]["value"] for t in tokens.values()]
    highs = [t["output"]["high"] / t["output"]["value"] for t in tokens.values()]
    return min(lows), max(highs)


def evaluate(
    p: dict[str, Array],
    years: list[int],
    anchors: dict[int, float],
    baseline_mode_2035: float,
    tokens: dict[str, dict[str, dict[str, float]]],
) -> dict[str, Array]:
    """Results for ``n`` samples (each parameter an array of shape (n,)): arrays of shape
    (n, len(years))."""
    t = (np.asarray(years, dtype=np.float64) - FIRST_YEAR)[None, :]
    span = float(LAST_YEAR - FIRST_YEAR)

    def col(name: str) -> Array:
        return p[name][:, None]

    central = baseline_path(anchors, years)[None, :]
    baseline = central * (col("baseline_2035_twh") / baseline_mode_2035) ** (t / span)

    year = np.asarray(years, dtype=np.float64)[None, :]
    adoption = 1.0 / (
        1.0 + np.exp(-col("adoption_steepness") * (year - col("adoption_midpoint_year")))
    )
    tasks = col("agent_users_millions") * 1e6 * col("tasks_per_user_per_day") * 365.0 * adoption

    share = col("large_model_share")
    small, large = tokens["small"], tokens["large"]
    kwh_in = share * large["input"]["value"] + (1 - share) * small["input"]["value"]
    kwh_out = share * large["output"]["value"] + (1 - share) * small["output"]["value"]
    inputs = col("input_tokens_per_call") * (1 + col("context_growth_per_year")) ** t
    per_call = inputs * kwh_in + col("output_tokens_per_call") * kwh_out
    efficiency = (
        (1 - col("hardware_efficiency_gain_per_year"))
        * (1 - col("software_efficiency_gain_per_year"))
    ) ** t
    utilisation = col("fleet_utilisation")
    idle = 1 + (1 - utilisation) / utilisation * col("idle_power_share")
    kwh_per_task = (
        col("calls_per_task") * per_call * col("per_token_energy_factor") * efficiency * idle
    )
    pue = col("pue_2024") + (col("pue_2035") - col("pue_2024")) * t / span
    agentic = tasks * kwh_per_task * pue / 1e9

    total = baseline + agentic * (1 - col("baseline_overlap"))
    intensity = (
        col("grid_intensity_2024_g_per_kwh")
        + (col("grid_intensity_2035_g_per_kwh") - col("grid_intensity_2024_g_per_kwh")) * t / span
    )
    water = col("water_intensity_l_per_kwh")
    return {
        "baseline_twh": baseline,
        "agentic_twh": agentic,
        "total_twh": total,
        "baseline_emissions_mt": baseline * intensity / 1000,
        "agentic_emissions_mt": agentic * intensity / 1000,
        "emissions_mt": total * intensity / 1000,
        "baseline_water_gl": baseline * water,
        "agentic_water_gl": agentic * water,
        "water_gl": total * water,
        "tasks": tasks,
        "tokens_per_task": col("calls_per_task") * (inputs + col("output_tokens_per_call")),
    }


def triangular_ppf(u: Array, low: float, mode: float, high: float) -> Array:
    """Inverse distribution function of the triangular distribution (``u`` in [0, 1])."""
    if high <= low:
        return np.full_like(u, low)
    width = high - low
    cut = (mode - low) / width
    left = low + np.sqrt(u * width * (mode - low))
    right = high - np.sqrt((1 - u) * width * (high - mode))
    return np.where(u < cut, left, right)


def finite(value: float) -> bool:
    return math.isfinite(value)
