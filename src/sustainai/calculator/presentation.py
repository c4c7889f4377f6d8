"""How the calculator's page shows an estimate: figures to 3 significant digits in the current
language's format, each in a unit chosen by its magnitude (Wh to TWh, g to Mt, L to m³), a headline,
everyday comparisons with their sources, and the engine's internal field names in words."""

from __future__ import annotations

import json
import math
import re
from functools import cache
from importlib import resources
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sustainai.footprint.quantity import significant

DIGITS = 3

# Per kind: the engine's unit, then (factor from the engine's unit, symbol) from the smallest up.
UNITS: dict[str, list[tuple[float, str]]] = {
    "energy": [(1e-3, "Wh"), (1, "kWh"), (1e3, "MWh"), (1e6, "GWh"), (1e9, "TWh")],
    "carbon": [
        (1e-3, "g CO₂e"),
        (1, "kg CO₂e"),
        (1e3, "t CO₂e"),
        (1e6, "kt CO₂e"),
        (1e9, "Mt CO₂e"),
    ],
    "water": [(1e-3, "mL"), (1, "L"), (1e3, "m³")],
    "hours": [(1, "h")],
    "joules": [(1, "J")],
}


def number(x: float) -> str:
    """``x`` to 3 significant digits, in the current language's format: 433,000; 24.7; 0.0375."""
    x = significant(x, DIGITS)
    if x == 0 or not math.isfinite(x):
        return number_format(0 if x == 0 else x, 0, force_grouping=True)
    decimals = max(0, DIGITS - 1 - math.floor(math.log10(abs(x))))
    return number_format(x, decimals, force_grouping=True)


def unit_for(kind: str, value: float) -> tuple[float, str]:
    """The largest unit of ``kind`` in which ``value`` (in the engine's unit) is at least 1."""
    units = UNITS[kind]
    chosen = units[0]
    for factor, symbol in units:
        if abs(significant(value, DIGITS)) >= factor:
            chosen = (factor, symbol)
    return chosen


def in_unit(value: float, unit: tuple[float, str]) -> str:
    return f"{number(value / unit[0])}\u00a0{unit[1]}"


def quantity(q: dict[str, float], kind: str) -> dict[str, str]:
    """A quantity of the engine (value, low, high) in one unit chosen by its value."""
    unit = unit_for(kind, q["value"])
    return {
        "value": in_unit(q["value"], unit),
        "low": in_unit(q["low"], unit),
        "high": in_unit(q["high"], unit),
        "number": number(q["value"] / unit[0]),
        "low_number": number(q["low"] / unit[0]),
        "high_number": number(q["high"] / unit[0]),
        "unit": unit[1],
    }


def total_emissions(result: dict[str, Any]) -> dict[str, float]:
    """Operational plus embodied emissions (kgCO2e); bounds add, as the engine adds sums."""
    operational, embodied = result["carbon_kgco2e"], result["embodied_kgco2e"]
    return {key: operational[key] + embodied[key] for key in ("value", "low", "high")}


@cache
def references() -> dict[str, dict[str, Any]]:
    """The everyday references the comparisons use, each with its source (data/comparisons.json)."""
    text = resources.files("sustainai.calculator").joinpath("data", "comparisons.json").read_text()
    data: dict[str, dict[str, Any]] = json.loads(text)
    return data


def comparisons(result: dict[str, Any]) -> list[dict[str, Any]]:
    """The estimate in everyday terms: years of a household's electricity, kilometres by car."""
    household = references()["household_electricity_kwh_per_year"]
    car = references()["new_car_gco2_per_km"]
    years = result["energy_kwh"]["value"] / household["value"]
    km = total_emissions(result)["value"] * 1000 / car["value"]
    lines = []
    if years >= 1:
        text = _("as much electricity as %(count)s EU homes use in a year") % {
            "count": number(years)
        }
    else:
        text = _("%(days)s days of an EU home's electricity use") % {"days": number(years * 365)}
    lines.append(
        {
            "text": text,
            "reference": _("an EU home uses %(kwh)s kWh of electricity a year")
            % {"kwh": number(household["value"])},
            **_source(household),
        }
    )
    lines.append(
        {
            "text": _("the emissions of driving %(km)s km in an average new car")
            % {"km": number(km)},
            "reference": _("an average new car in Europe emits %(g)s g CO₂ per km (type-approval)")
            % {"g": number(car["value"])},
            **_source(car),
        }
    )
    return lines


def _source(row: dict[str, Any]) -> dict[str, Any]:
    return {"source": row["source"], "url": row["url"], "year": row["year"]}


# The engine's field names, as its assumptions and messages may name them.
FIELD_WORDS = {
    "accelerator_count": gettext_lazy("number of accelerators"),
    "accelerator_hours": gettext_lazy("accelerator-hours"),
    "carbon_intensity_g_per_kwh": gettext_lazy("grid carbon intensity"),
    "hardware_lifetime_years": gettext_lazy("hardware lifetime"),
    "host_power_w": gettext_lazy("host power"),
    "active_params": gettext_lazy("active parameters"),
    "input_tokens": gettext_lazy("input tokens"),
    "output_tokens": gettext_lazy("output tokens"),
    "batch_size": gettext_lazy("batch size"),
    "utilisation": gettext_lazy("utilisation"),
    "wue_l_per_kwh": gettext_lazy("water usage effectiveness (WUE)"),
    "cpu_model": gettext_lazy("CPU model"),
    "power_w": gettext_lazy("power"),
    "params": gettext_lazy("parameters"),
    "flops": gettext_lazy("FLOPs"),
    "mfu": gettext_lazy("model FLOPs utilisation"),
}
_FIELD_NAME = re.compile(r"\b(" + "|".join(sorted(FIELD_WORDS, key=len, reverse=True)) + r")\b")


def in_words(text: str) -> str:
    """``text`` with the engine's field names replaced by words: "No mfu given" becomes "No model
    FLOPs utilisation given"."""
    return _FIELD_NAME.sub(lambda match: str(FIELD_WORDS[match.group(1)]), text)
