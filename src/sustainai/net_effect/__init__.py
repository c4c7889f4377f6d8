"""Net effect of an AI pilot: the benefit its KPIs claim minus the AI's own footprint, with a range.

Pure Python, no Django (``tests/core/test_django_free.py``). Every figure is in kilograms of CO2e
over **one year of operation**, so that benefit and footprint cover the same period:

- **Benefit**: each KPI gives the emissions it avoided as a value with a low and a high bound over
  its own period of ``period_months``; it is scaled to twelve months (× 12 / months). The KPIs'
  benefits are added bound by bound (low with low, high with high).
- **Footprint**: from the footprint engine (``sustainai.footprint.estimate``), operational carbon
  plus embodied emissions, each with the engine's range. Training happens once: its footprint is
  spread over the pilot's ``service_years``. Inference is given for ``inference_months`` of use and
  scaled to twelve. A measured footprint (value, low, high over ``measured_months``) may replace
  or add to the estimates; parts are added bound by bound.
- **Net** = benefit − footprint. Its range takes both uncertainties at their worst against each
  other: ``low = benefit.low − footprint.high`` and ``high = benefit.high − footprint.low``.
- **Sign**: ``positive`` when even the low bound is above zero, ``negative`` when even the high bound
  is below zero, ``uncertain`` when the range straddles zero.

Rebound effects (ITU-T L.1480's higher-order effects) are not in these figures; a pilot records
them in words beside the net effect.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sustainai.footprint import FootprintInputError, estimate

__all__ = [
    "MONTHS_PER_YEAR",
    "NetEffect",
    "NetEffectInputError",
    "Range",
    "annualise",
    "compute",
    "footprint_of_spec",
    "sign",
    "total",
]

MONTHS_PER_YEAR = 12
#: Above any real pilot (a country's yearly emissions are below 1e13 kg).
CEILING = 1e15
MAX_SERVICE_YEARS = 50
MAX_MONTHS = 1200


class NetEffectInputError(ValueError):
    """Invalid input; ``errors`` maps each field at fault (``"kpis.0.low"``) to why."""

    def __init__(self, errors: Mapping[str, str]):
        self.errors = dict(errors)
        super().__init__("; ".join(f"{field}: {message}" for field, message in self.errors.items()))


@dataclass(frozen=True)
class Range:
    """A value and its plausible bounds, ``low <= value <= high``."""

    value: float
    low: float
    high: float

    @classmethod
    def exact(cls, value: float) -> Range:
        return cls(float(value), float(value), float(value))

    @classmethod
    def of(cls, value: Any, low: Any = None, high: Any = None, *, field: str = "value") -> Range:
        """A checked range; a missing bound is the value itself. Raises NetEffectInputError."""
        numbers: dict[str, float] = {}
        errors: dict[str, str] = {}
        for name, raw in (("value", value), ("low", low), ("high", high)):
            if raw is None and name != "value":
                continue
            if isinstance(raw, bool) or not isinstance(raw, int | float):
                errors[f"{field}.{name}" if name != "value" else field] = "must be a number"
                continue
            number = float(raw)
            if not math.isfinite(number) or abs(number) > CEILING:
                errors[f"{field}.{name}" if name != "value" else field] = (
                    f"must be a finite number of at most {CEILING:g} in size"
                )
                continue
            numbers[name] = number
        if errors:
            raise NetEffectInputError(errors)
        v = numbers["value"]
        lo, hi = numbers.get("low", v), numbers.get("high", v)
        if lo > v:
            errors[f"{field}.low"] = "must not be above the value"
        if hi < v:
            errors[f"{field}.high"] = "must not be below the value"
        if errors:
            raise NetEffectInputError(errors)
        return cls(v, lo, hi)

    def __add__(self, other: Range) -> Range:
        return Range(self.value + other.value, self.low + other.low, self.high + other.high)

    def __sub__(self, other: Range) -> Range:
        # The worst of both against each other: our low meets the other's high.
        return Range(self.value - other.value, self.low - other.high, self.high - other.low)

    def scaled(self, factor: float) -> Range:
        """Multiplied by a positive exact factor."""
        return Range(self.value * factor, self.low * factor, self.high * factor)

    def as_dict(self, digits: int = 6) -> dict[str, float]:
        return {
            "value": _significant(self.value, digits),
            "low": _significant(self.low, digits),
            "high": _significant(self.high, digits),
        }


ZERO = Range.exact(0.0)


def _significant(x: float, digits: int) -> float:
    if x == 0:
        return 0.0
    return round(x, digits - 1 - math.floor(math.log10(abs(x))))


def _months(raw: Any, field: str) -> float:
    if isinstance(raw, bool) or not isinstance(raw, int | float) or not math.isfinite(raw):
        raise NetEffectInputError({field: "must be a number of months"})
    if not 0 < raw <= MAX_MONTHS:
        raise NetEffectInputError({field: f"must be more than 0 and at most {MAX_MONTHS} months"})
    return float(raw)


def annualise(r: Range, months: float) -> Range:
    """``r`` over ``months`` scaled to twelve months (a steady rate is assumed)."""
    return r.scaled(MONTHS_PER_YEAR / _months(months, "period_months"))


def total(ranges: Iterable[Range]) -> Range:
    """Sum bound by bound (the cautious choice: errors taken as fully correlated)."""
    result = ZERO
    for r in ranges:
        result = result + r
    return result


def sign(net: Range) -> str:
    if net.low > 0:
        return "positive"
    if net.high < 0:
        return "negative"
    return "uncertain"


def footprint_of_spec(spec: Mapping[str, Any], phase: str) -> Range:
    """Operational plus embodied kg CO2e of one engine spec of ``phase`` (training, inference).

    Raises NetEffectInputError naming ``<phase>.<field>`` for what the engine refuses.
    """
    spec = dict(spec)
    given = spec.get("phase")
    if given not in (None, "", phase):
        raise NetEffectInputError({f"{phase}.phase": f"must be {phase} here"})
    spec["phase"] = phase
    try:
        result = estimate(spec)
    except FootprintInputError as error:
        raise NetEffectInputError(
            {f"{phase}.{field}": message for field, message in error.errors.items()}
        ) from error
    carbon, embodied = result["carbon_kgco2e"], result["embodied_kgco2e"]
    return Range(carbon["value"], carbon["low"], carbon["high"]) + Range(
        embodied["value"], embodied["low"], embodied["high"]
    )


@dataclass(frozen=True)
class NetEffect:
    """Benefit, footprint and net, each in kg CO2e per year of operation."""

    benefit: Range
    footprint: Range
    net: Range
    #: The footprint's parts per year: "training", "inference", "measured" (those given).
    parts: Mapping[str, Range]

    @property
    def sign(self) -> str:
        return sign(self.net)

    def as_dict(self) -> dict[str, Any]:
        return {
            "benefit_kgco2e": self.benefit.as_dict(),
            "footprint_kgco2e": self.footprint.as_dict(),
            "net_effect_kgco2e": self.net.as_dict(),
            "sign": self.sign,
            "footprint_parts_kgco2e": {k: v.as_dict() for k, v in self.parts.items()},
        }


def compute(
    benefits: Sequence[tuple[Range, float]],
    *,
    training: Mapping[str, Any] | None = None,
    inference: Mapping[str, Any] | None = None,
    inference_months: float = MONTHS_PER_YEAR,
    measured: Range | None = None,
    measured_months: float = MONTHS_PER_YEAR,
    service_years: float = 1,
) -> NetEffect:
    """The net effect per year of ``benefits`` (each a range of avoided kg CO2e over its months)
    against the footprint of the specs and/or the measured figure.

    Raises NetEffectInputError naming every field at fault.
    """
    errors: dict[str, str] = {}
    annual: list[Range] = []
    for i, (avoided, months) in enumerate(benefits):
        try:
            annual.append(annualise(avoided, months))
        except NetEffectInputError as error:
            errors.update({f"kpis.{i}.{k}": v for k, v in error.errors.items()})
    if (
        isinstance(service_years, bool)
        or not isinstance(service_years, int | float)
        or not 0 < service_years <= MAX_SERVICE_YEARS
    ):
        errors["service_years"] = f"must be more than 0 and at most {MAX_SERVICE_YEARS}"
    parts: dict[str, Range] = {}
    for phase, spec in (("training", training), ("inference", inference)):
        if not spec:
            continue
        try:
            parts[phase] = footprint_of_spec(spec, phase)
        except NetEffectInputError as error:
            errors.update(error.errors)
    if measured is not None and measured.low < 0:
        errors["measured.low"] = "a footprint cannot be below zero"
    for name, months in (
        ("inference_months", inference_months),
        ("measured_months", measured_months),
    ):
        try:
            _months(months, name)
        except NetEffectInputError as error:
            errors.update(error.errors)
    if errors:
        raise NetEffectInputError(errors)
    if "training" in parts:
        parts["training"] = parts["training"].scaled(1 / service_years)
    if "inference" in parts:
        parts["inference"] = parts["inference"].scaled(MONTHS_PER_YEAR / inference_months)
    if measured is not None:
        parts["measured"] = measured.scaled(MONTHS_PER_YEAR / measured_months)
    benefit = total(annual)
    footprint = total(parts.values())
    return NetEffect(benefit=benefit, footprint=footprint, net=benefit - footprint, parts=parts)
