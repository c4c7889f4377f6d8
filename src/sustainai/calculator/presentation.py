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

from django.utils.formats import get_format, number_format
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


SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def number(x: float, trim: bool = False) -> str:
    """``x`` to 3 significant digits, in the current language's format: 433,000; 24.7; 0.0375;
    4.20 × 10²² beyond a million billion. ``trim`` drops trailing zeros (6 rather than 6.00), for
    figures within a sentence."""
    x = significant(x, DIGITS)
    if x == 0 or not math.isfinite(x):
        return number_format(0 if x == 0 else x, 0, force_grouping=True)
    exponent = math.floor(math.log10(abs(x)))
    if exponent >= 15 or exponent <= -7:
        mantissa = number(x / 10**exponent, trim)
        return f"{mantissa} × 10{str(exponent).translate(SUPERSCRIPT)}"
    text = number_format(x, max(0, DIGITS - 1 - exponent), force_grouping=True)
    if trim and exponent < DIGITS - 1:
        separator = str(get_format("DECIMAL_SEPARATOR"))
        text = text.rstrip("0").rstrip(separator) if separator in text else text
    return text


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
    elif years * 365 >= 1:
        text = _("%(days)s days of an EU home's electricity use") % {"days": number(years * 365)}
    else:
        text = _("%(minutes)s minutes of an EU home's electricity use") % {
            "minutes": number(years * 365 * 24 * 60)
        }
    lines.append(
        {
            "text": text,
            "reference": _("an EU home uses %(kwh)s kWh of electricity a year")
            % {"kwh": number(household["value"])},
            **_source(household),
        }
    )
    if km >= 1:
        drive = _("the emissions of driving %(km)s km in an average new car") % {"km": number(km)}
    else:
        drive = _("the emissions of driving %(metres)s metres in an average new car") % {
            "metres": number(km * 1000)
        }
    lines.append(
        {
            "text": drive,
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


# The engine's assumptions (English, Django-free) in the current language, their figures to 3
# significant digits in its number format. A sentence the table does not know is shown in English,
# with the field names in words.
_NUMBER = r"[-\d][\d,.]*(?:e[+-]?\d+)?"
_RANGE = rf"(?P<n_value>{_NUMBER}) \(range (?P<n_low>{_NUMBER})–(?P<n_high>{_NUMBER})\)"
ASSUMPTIONS: list[tuple[re.Pattern[str], Any]] = [
    (
        re.compile(r"No phase given: treated as (?P<phase>training|inference)\."),
        gettext_lazy("No phase given: treated as %(phase)s."),
    ),
    (
        re.compile(r"No accelerator_count given: one accelerator\."),
        gettext_lazy("No number of accelerators given: one accelerator."),
    ),
    (
        re.compile(r"No number of requests given: totals are for one request\."),
        gettext_lazy("No number of requests given: totals are for one request."),
    ),
    (
        re.compile(r"No number of requests given: no per-request figures\."),
        gettext_lazy("No number of requests given: no per-request figures."),
    ),
    (
        re.compile(rf"No PUE given: used the industry average {_RANGE}\."),
        gettext_lazy("No PUE given: the industry average %(value)s (range %(low)s–%(high)s)."),
    ),
    (
        re.compile(rf"No WUE given: used {_RANGE} litres per kWh of IT energy \(on-site\)\."),
        gettext_lazy(
            "No WUE given: %(value)s (range %(low)s–%(high)s) litres per kWh of IT energy "
            "(on-site)."
        ),
    ),
    (
        re.compile(r"Water counts on-site cooling water only .*"),
        gettext_lazy(
            "Water counts on-site cooling water only (WUE × IT energy), not the water used to "
            "generate the electricity."
        ),
    ),
    (
        re.compile(rf"No mfu given: model FLOPs utilisation {_RANGE}\."),
        gettext_lazy("No model FLOPs utilisation given: %(value)s (range %(low)s–%(high)s)."),
    ),
    (
        re.compile(
            rf"Training FLOPs = (?P<n_coefficient>{_NUMBER}) × (?P<n_active>{_NUMBER}) active "
            rf"parameters × (?P<n_tokens>{_NUMBER}) tokens = {_RANGE}\."
        ),
        gettext_lazy(
            "Training FLOPs = %(coefficient)s × %(active)s active parameters × %(tokens)s tokens "
            "= %(value)s (range %(low)s–%(high)s)."
        ),
    ),
    (
        re.compile(r"No precision given: (?P<precision>\w+)\."),
        gettext_lazy("No precision given: %(precision)s."),
    ),
    (
        re.compile(r"No batch_size given: 1 \(one request at a time\)\."),
        gettext_lazy("No batch size given: 1 (one request at a time)."),
    ),
    (
        re.compile(
            rf"No power_w or utilisation given: average draw per accelerator {_RANGE} W from the "
            rf"(?P<label>.+) TDP of (?P<n_tdp>{_NUMBER}) W\."
        ),
        gettext_lazy(
            "No power or utilisation given: average draw per accelerator %(value)s (range "
            "%(low)s–%(high)s) W, from the %(label)s TDP of %(tdp)s W."
        ),
    ),
    (
        re.compile(
            rf"Grid carbon intensity of (?P<label>.+?)(?: \((?P<year>\d{{4}})\))?: {_RANGE} gCO2e/kWh\."
        ),
        gettext_lazy(
            "Grid carbon intensity of %(label)s: %(value)s (range %(low)s–%(high)s) gCO₂e/kWh."
        ),
    ),
    (
        re.compile(rf"No location or carbon intensity given: world average {_RANGE} gCO2e/kWh .*"),
        gettext_lazy(
            "No location or carbon intensity given: world average %(value)s (range "
            "%(low)s–%(high)s) gCO₂e/kWh (the range spans the 5th to 95th percentile of national "
            "grids)."
        ),
    ),
    (
        re.compile(r"carbon_intensity_g_per_kwh was given, so location was not used\."),
        gettext_lazy("A grid carbon intensity was given, so the location was not used."),
    ),
    (
        re.compile(
            rf"Embodied emissions of (?P<what>.+?) with its share of the server: {_RANGE} kgCO2e .*"
        ),
        gettext_lazy(
            "Embodied emissions of %(what)s with its share of the server: %(value)s (range "
            "%(low)s–%(high)s) kgCO₂e (the BLOOM study's A100 server figure; no per-chip "
            "life-cycle assessment is published for most accelerators)."
        ),
    ),
    (
        re.compile(
            rf"Embodied emissions of one (?P<what>.+?) with an eighth of its server: {_RANGE} "
            rf"kgCO2e \((?P<n_chip>{_NUMBER}) for the accelerator, (?P<n_host>{_NUMBER}) for its "
            r"share of CPUs, memory, storage, power supplies and chassis\), from Boavizta's "
            r"component model; the low end reaches the BLOOM study's figure\."
        ),
        gettext_lazy(
            "Embodied emissions of one %(what)s with an eighth of its server: %(value)s (range "
            "%(low)s–%(high)s) kgCO₂e (%(chip)s for the accelerator, %(host)s for its share of "
            "CPUs, memory, storage, power supplies and chassis), from Boavizta's component "
            "model; the low end reaches the BLOOM study's figure."
        ),
    ),
    (
        re.compile(rf"Hardware lifetime {_RANGE} years\."),
        gettext_lazy("Hardware lifetime %(value)s (range %(low)s–%(high)s) years."),
    ),
    (
        re.compile(r"Hardware busy (?P<n_percent>\d+)% of its lifetime\."),
        gettext_lazy("Hardware busy %(percent)s%% of its lifetime."),
    ),
]
PHASE_WORDS = {"training": gettext_lazy("training"), "inference": gettext_lazy("inference")}


def assumption(text: str) -> str:
    """One assumption of the engine, as the page shows it."""
    for pattern, template in ASSUMPTIONS:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        values: dict[str, str] = {}
        for name, raw in match.groupdict().items():
            if name.startswith("n_"):
                values[name[2:]] = number(float(raw.replace(",", "")), trim=True)
            elif name == "phase":
                values[name] = str(PHASE_WORDS[raw])
            else:
                values[name] = raw or ""
        return str(template) % values
    return in_words(text)


# What each source of the engine backs, in the current language, by the source's stable id (the
# engine's catalogue key): the engine's own wording stays English and Django-free.
SOURCE_WHAT: dict[str, Any] = {
    "pue": gettext_lazy(
        "Power usage effectiveness when none is given: industry average annual PUE; low end a "
        "hyperscale fleet, high end older enterprise sites (high end ours)"
    ),
    "wue_l_per_kwh": gettext_lazy(
        "On-site water usage effectiveness (litres per kWh of IT energy) when none is given; the "
        "range spans air-cooled to evaporatively cooled sites (range ours)"
    ),
    "mfu": gettext_lazy(
        "Model FLOPs utilisation (share of peak FLOP/s achieved) when none is given"
    ),
    "training_flops_per_param_token": gettext_lazy(
        "Training FLOPs per parameter per token (forward and backward); the range allows for "
        "attention and embedding terms (range ours)"
    ),
    "inference_flops_per_param_token": gettext_lazy(
        "Inference FLOPs per active parameter per token (forward pass only; range ours)"
    ),
    "training_power_fraction_of_tdp": gettext_lazy(
        "Average draw per accelerator as a share of its TDP in training when neither power nor "
        "utilisation is given; the high end allows the host's share (CPU, memory, network, fans) "
        "per accelerator"
    ),
    "inference_power_fraction_of_tdp": gettext_lazy(
        "Average draw per accelerator as a share of its TDP in inference, when neither power nor "
        "utilisation is given (value and range ours: serving rarely holds an accelerator at TDP)"
    ),
    "memory_bandwidth_utilisation": gettext_lazy(
        "Share of peak memory bandwidth achieved while decoding (a memory-bound step reads every "
        "weight once per step; value and range ours)"
    ),
    "kv_cache_bytes_per_param_token": gettext_lazy(
        "KV-cache bytes per token per model parameter at 16-bit precision, when no KV-cache size "
        "is given; value Llama-3.1-8B, low Llama-3.1-70B (grouped-query attention), high "
        "Llama-2-7B (full multi-head attention); scaled by the precision's bytes"
    ),
    "hardware_lifetime_years": gettext_lazy(
        "Years over which embodied emissions are amortised (range ours)"
    ),
    "hardware_use_fraction": gettext_lazy(
        "Share of its lifetime a machine is busy, which spreads embodied emissions over the hours "
        "actually used"
    ),
    "embodied_per_accelerator_slot_kgco2e": gettext_lazy(
        "Embodied emissions per accelerator including its share of the server: 150 kgCO₂e per GPU "
        "plus 2,500 kgCO₂e per 8-GPU node; applied to every GPU and TPU in the catalogue because "
        "vendors publish no comparable per-chip LCA (range ours: ×0.5 to ×2)"
    ),
    "grid_location_relative_range": gettext_lazy(
        "Relative range of an annual-average grid intensity looked up by location: the year of "
        "the data differs from the year of the run, and the hour-by-hour mix varies (ours)"
    ),
    "power_measured_relative_range": gettext_lazy(
        "Relative range of a measured energy figure (RAPL or NVML counters)"
    ),
    "power_modelled_relative_range": gettext_lazy(
        "Relative range of an energy figure CodeCarbon models from a TDP table, CPU load or "
        "memory size rather than reads from a counter"
    ),
}
_CPU = re.compile(rf"(?P<label>.+): TDP (?P<n_tdp>{_NUMBER}) W")
_GRID = re.compile(rf"Grid carbon intensity, (?P<label>.+): (?P<n_value>{_NUMBER}) gCO2e/kWh")
_WORLD = re.compile(rf"World average grid carbon intensity (?P<n_value>{_NUMBER}) gCO2e/kWh;.*")


def source_what(source: dict[str, Any]) -> str:
    """What one source of the engine backs, as the page shows it (English where unknown)."""
    key, text = source["id"], source["what"]
    if key in SOURCE_WHAT:
        return str(SOURCE_WHAT[key])
    if key.startswith("accelerator:"):
        return _("%(name)s: TDP, peak FLOP/s, memory") % {"name": key.split(":", 1)[1]}
    patterns = {
        "cpu_power": (_CPU, gettext_lazy("%(label)s: TDP %(tdp)s W")),
        "grid:world": (
            _WORLD,
            gettext_lazy(
                "World average grid carbon intensity %(value)s gCO₂e/kWh; range: 5th to 95th "
                "percentile of CodeCarbon's country intensities"
            ),
        ),
    }
    pattern, template = patterns.get(
        key, (_GRID, gettext_lazy("Grid carbon intensity, %(label)s: %(value)s gCO₂e/kWh"))
    )
    match = pattern.fullmatch(text)
    if match is None:
        return in_words(text)
    values = {
        name[2:] if name.startswith("n_") else name: (
            number(float(raw.replace(",", "")), trim=True) if name.startswith("n_") else raw
        )
        for name, raw in match.groupdict().items()
    }
    return str(template) % values
