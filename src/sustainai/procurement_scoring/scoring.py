"""The default scoring rules of a tender for an AI service, stated once here.

- The weights sum to 1 (within 1e-6). ``price`` and ``energy`` are scored by the rules below; any
  other criterion (``quality``...) is marked by the buyer from 0 to 1 per bid, and gives
  weight × mark.
- Price points = weight × lowest price / price.
- Energy points = weight × lowest credible energy / energy × evidence factor, energy being the
  energy per functional unit (Wh). The factors are, by default, 1.0 for ``verified``, 0.8 for
  ``measured`` (measured but self-declared) and 0.5 for ``modelled``; a tender may set its own.
  A bid whose evidence is ``none`` gets no energy points, and "credible" means evidence other than
  ``none``: such a bid never sets the lowest energy.
- A bid may give hardware and hours (a footprint specification, as ``sustainai.footprint`` reads
  it) and the number of functional units they served instead of its energy per unit: the
  footprint engine's central estimate of energy (facility overhead included) divided by the units.
- The sensitivity view moves the energy weight by ±10 points, scaling the other weights so that
  they still sum to 1, and tells whether the winner changes.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable, Mapping
from typing import Any

from sustainai.footprint import FootprintInputError, estimate

PRICE = "price"
ENERGY = "energy"
EVIDENCE_LEVELS = ("verified", "measured", "modelled", "none")
DEFAULT_FACTORS: dict[str, float] = {"verified": 1.0, "measured": 0.8, "modelled": 0.5}
SENSITIVITY_STEP = 0.10
TOLERANCE = 1e-6
MAX_BIDS = 200
MAX_CRITERIA = 20
MAX_NAME = 200
MAX_PRICE = 1e12
MAX_ENERGY = 1e12
BID_FIELDS = (
    "name",
    "price",
    "energy_wh_per_unit",
    "footprint",
    "units",
    "evidence",
    "scores",
    "supplier_type",
)
DIGITS = 6

Estimator = Callable[[dict[str, Any]], dict[str, Any]]


class ScoringInputError(ValueError):
    """Bad input: ``errors`` lists ``{"bid": name or None, "field": ..., "message": ...}``."""

    def __init__(self, errors: list[dict[str, str | None]]) -> None:
        self.errors = errors
        super().__init__("; ".join(_describe(e) for e in errors))


def _describe(error: Mapping[str, str | None]) -> str:
    where = f'bid "{error["bid"]}", ' if error.get("bid") else ""
    return f"{where}{error['field']}: {error['message']}"


class _Errors:
    def __init__(self) -> None:
        self.items: list[dict[str, str | None]] = []

    def add(self, field: str, message: str, bid: str | None = None) -> None:
        self.items.append({"bid": bid, "field": field, "message": message})

    def raise_any(self) -> None:
        if self.items:
            raise ScoringInputError(self.items)


def _text(raw: Any, limit: int) -> tuple[str | None, str | None]:
    if not isinstance(raw, str) or not raw.strip():
        return None, "must be a non-empty text"
    if len(raw) > limit:
        return None, f"must be at most {limit} characters"
    if any(unicodedata.category(c) == "Cc" for c in raw):
        return None, "must not hold control characters"
    return raw.strip(), None


def _number(
    raw: Any, *, low: float, high: float, low_open: bool = False
) -> tuple[float | None, str | None]:
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        return None, "must be a number"
    value = float(raw)
    if not math.isfinite(value):
        return None, "must be a finite number"
    if value < low or (low_open and value == low):
        return None, f"must be {'greater than' if low_open else 'at least'} {low:g}"
    if value > high:
        return None, f"must be at most {high:g}"
    return value, None


def _weights(raw: Any, errors: _Errors) -> dict[str, float]:
    if not isinstance(raw, dict) or not raw:
        errors.add("weights", "must be an object of criterion: weight")
        return {}
    if len(raw) > MAX_CRITERIA:
        errors.add("weights", f"at most {MAX_CRITERIA} criteria")
        return {}
    weights: dict[str, float] = {}
    for key, value in raw.items():
        name, problem = _text(key, 60)
        if problem or name is None:
            errors.add("weights", f"a criterion's name {problem}")
            continue
        weight, problem = _number(value, low=0, high=1)
        if problem or weight is None:
            errors.add(f"weights.{name}", str(problem))
            continue
        weights[name] = weight
    if len(weights) == len(raw) and abs(sum(weights.values()) - 1) > TOLERANCE:
        errors.add("weights", f"must sum to 1 (they sum to {sum(weights.values()):g})")
    return weights


def _factors(raw: Any, errors: _Errors) -> dict[str, float]:
    factors = dict(DEFAULT_FACTORS)
    if raw is None:
        return factors
    if not isinstance(raw, dict):
        errors.add("factors", "must be an object of evidence level: factor")
        return factors
    for key, value in raw.items():
        if key not in DEFAULT_FACTORS:
            errors.add(
                f"factors.{str(key)[:60]}",
                "unknown evidence level; known: " + ", ".join(DEFAULT_FACTORS),
            )
            continue
        factor, problem = _number(value, low=0, high=1)
        if problem or factor is None:
            errors.add(f"factors.{key}", str(problem))
        else:
            factors[key] = factor
    return factors


def bid_energy(
    footprint: Any, units: Any, estimator: Estimator = estimate
) -> tuple[float | None, list[tuple[str, str]]]:
    """Energy per functional unit (Wh) of ``units`` functional units served by the hardware and
    hours of ``footprint`` (a footprint specification), with the problems found as
    ``(field, message)``."""
    problems: list[tuple[str, str]] = []
    count, problem = _number(units, low=0, high=1e15, low_open=True)
    if problem:
        problems.append(("units", problem))
    if not isinstance(footprint, dict):
        problems.append(("footprint", "must be an object of footprint fields"))
        return None, problems
    try:
        result = estimator(footprint)
    except FootprintInputError as error:
        for name, message in error.errors.items():
            problems.append((f"footprint.{name}", message))
        return None, problems
    if count is None:
        return None, problems
    return float(result["energy_kwh"]["value"]) * 1000 / count, problems


def _bid(
    index: int, raw: Any, weights: dict[str, float], errors: _Errors, estimator: Estimator
) -> dict[str, Any] | None:
    if not isinstance(raw, dict):
        errors.add(f"bids[{index}]", "must be an object")
        return None
    name, problem = _text(raw.get("name"), MAX_NAME)
    label = name or f"#{index + 1}"
    if problem:
        errors.add("name", problem, label)
    for key in sorted(set(raw) - set(BID_FIELDS), key=str)[:10]:
        errors.add(str(key)[:60], "unknown field; known fields: " + ", ".join(BID_FIELDS), label)
    bid: dict[str, Any] = {"name": label}
    price, problem = _number(raw.get("price"), low=0, high=MAX_PRICE, low_open=True)
    if problem:
        errors.add("price", problem, label)
    bid["price"] = price
    evidence = raw.get("evidence")
    if evidence not in EVIDENCE_LEVELS:
        errors.add("evidence", "must be one of " + ", ".join(EVIDENCE_LEVELS), label)
    bid["evidence"] = evidence
    has_energy = raw.get("energy_wh_per_unit") is not None
    has_footprint = raw.get("footprint") is not None
    bid["energy"] = None
    bid["energy_source"] = None
    if has_energy and has_footprint:
        errors.add("energy_wh_per_unit", "give either energy_wh_per_unit or footprint", label)
    elif has_energy:
        energy, problem = _number(raw["energy_wh_per_unit"], low=0, high=MAX_ENERGY, low_open=True)
        if problem:
            errors.add("energy_wh_per_unit", problem, label)
        bid["energy"] = energy
        bid["energy_source"] = "declared"
    elif has_footprint:
        energy, problems = bid_energy(raw["footprint"], raw.get("units"), estimator)
        for field, message in problems:
            errors.add(field, message, label)
        bid["energy"] = energy
        bid["energy_source"] = "footprint"
    elif evidence in DEFAULT_FACTORS:
        errors.add(
            "energy_wh_per_unit",
            f"required with evidence {evidence} (or footprint and units)",
            label,
        )
    scores = raw.get("scores") or {}
    if not isinstance(scores, dict):
        errors.add("scores", "must be an object of criterion: mark from 0 to 1", label)
        scores = {}
    bid["scores"] = {}
    for criterion in weights:
        if criterion in (PRICE, ENERGY):
            continue
        if weights[criterion] == 0 and scores.get(criterion) is None:
            bid["scores"][criterion] = 0.0
            continue
        mark, problem = _number(scores.get(criterion), low=0, high=1)
        if problem:
            errors.add(f"scores.{criterion}", problem, label)
        bid["scores"][criterion] = mark
    for key in sorted(set(scores) - set(weights) - {PRICE, ENERGY}, key=str)[:10]:
        errors.add(f"scores.{str(key)[:60]}", "not a criterion of the weights", label)
    return bid


def read(payload: Any, estimator: Estimator = estimate) -> dict[str, Any]:
    """The payload checked and cleaned (energies per unit computed); raises
    ``ScoringInputError`` naming every bid and field at fault."""
    errors = _Errors()
    if not isinstance(payload, dict):
        errors.add("input", "must be an object with weights and bids")
        errors.raise_any()
    weights = _weights(payload.get("weights"), errors)
    factors = _factors(payload.get("factors"), errors)
    raw_bids = payload.get("bids")
    bids: list[dict[str, Any]] = []
    if not isinstance(raw_bids, list) or not raw_bids:
        errors.add("bids", "must be a non-empty list")
    elif len(raw_bids) > MAX_BIDS:
        errors.add("bids", f"at most {MAX_BIDS} bids")
    else:
        seen: set[str] = set()
        for index, raw in enumerate(raw_bids):
            bid = _bid(index, raw, weights, errors, estimator)
            if bid is None:
                continue
            if bid["name"] in seen:
                errors.add("name", "another bid has this name", bid["name"])
            seen.add(bid["name"])
            bids.append(bid)
    errors.raise_any()
    return {"weights": weights, "factors": factors, "bids": bids}


def _fmt(value: float) -> str:
    return f"{value:,.4g}"


def sentence(step: dict[str, Any]) -> str:
    """One step of a bid's explanation in English (the web page words the same steps in the
    reader's language)."""
    rule = step["rule"]
    if rule == "price":
        return (
            f"Price: {step['weight']} × lowest price {step['lowest']} / {step['price']} = "
            f"{step['points']} points."
        )
    if rule == "no-evidence":
        return (
            "Energy: no evidence given, so no energy points (and its figure, if any, does not "
            "set the lowest credible energy)."
        )
    if rule == "energy":
        source = (
            " (computed by the footprint engine from hardware and hours)"
            if step["footprint"]
            else ""
        )
        return (
            f"Energy: {step['weight']} × lowest credible energy {step['lowest']} Wh / "
            f"{step['energy']} Wh per unit{source} × evidence factor {step['factor']} "
            f"({step['evidence']}) = {step['points']} points."
        )
    if rule == "mark":
        return (
            f"{step['criterion'].capitalize()}: {step['weight']} × mark {step['mark']} = "
            f"{step['points']} points."
        )
    if rule == "first":
        return f"Total {step['score']}: ranked first."
    return (
        f"Total {step['score']}: ranked {step['rank']}, {step['gap']} points behind "
        f"{step['leader']}."
    )


def _score(cleaned: dict[str, Any]) -> list[dict[str, Any]]:
    weights: dict[str, float] = cleaned["weights"]
    factors: dict[str, float] = cleaned["factors"]
    bids: list[dict[str, Any]] = cleaned["bids"]
    lowest_price = min(b["price"] for b in bids)
    credible = [b["energy"] for b in bids if b["evidence"] != "none" and b["energy"] is not None]
    lowest_energy = min(credible) if credible else None
    rows = []
    for bid in bids:
        points: dict[str, float] = {}
        steps: list[dict[str, Any]] = []
        for criterion, weight in weights.items():
            step: dict[str, Any] | None = None
            if criterion == PRICE:
                value = weight * lowest_price / bid["price"]
                step = {"rule": "price", "lowest": _fmt(lowest_price), "price": _fmt(bid["price"])}
            elif criterion == ENERGY:
                value = 0.0
                if bid["evidence"] == "none":
                    step = {"rule": "no-evidence"}
                elif lowest_energy is not None:
                    factor = factors[bid["evidence"]]
                    value = weight * lowest_energy / bid["energy"] * factor
                    step = {
                        "rule": "energy",
                        "lowest": _fmt(lowest_energy),
                        "energy": _fmt(bid["energy"]),
                        "footprint": bid["energy_source"] == "footprint",
                        "factor": _fmt(factor),
                        "evidence": bid["evidence"],
                    }
            else:
                mark = bid["scores"][criterion]
                value = weight * mark
                step = {"rule": "mark", "mark": _fmt(mark)}
            if step is not None:
                steps.append(
                    {**step, "criterion": criterion, "weight": _fmt(weight), "points": _fmt(value)}
                )
            points[criterion] = round(value, DIGITS)
        rows.append(
            {
                "name": bid["name"],
                "score": round(sum(points.values()), DIGITS),
                "points": points,
                "energy_wh_per_unit": (
                    round(bid["energy"], DIGITS) if bid["energy"] is not None else None
                ),
                "evidence": bid["evidence"],
                "steps": steps,
            }
        )
    rows.sort(key=lambda row: (-row["score"], row["name"]))
    for position, row in enumerate(rows, start=1):
        row["rank"] = position
        if position == 1:
            row["steps"].append({"rule": "first", "score": _fmt(row["score"])})
        else:
            row["steps"].append(
                {
                    "rule": "behind",
                    "score": _fmt(row["score"]),
                    "rank": position,
                    "gap": _fmt(rows[0]["score"] - row["score"]),
                    "leader": rows[0]["name"],
                }
            )
        row["explanation"] = [sentence(step) for step in row["steps"]]
    return rows


def evaluate(payload: Any, estimator: Estimator = estimate) -> dict[str, Any]:
    """``{"ranking": [{"name", "rank", "score", "points", "energy_wh_per_unit", "evidence",
    "explanation", "steps"}], "weights", "factors"}``, best first (ties by name): ``explanation``
    in English, ``steps`` the same as data (a rule and its figures) for other languages."""
    cleaned = read(payload, estimator)
    return {
        "ranking": _score(cleaned),
        "weights": cleaned["weights"],
        "factors": cleaned["factors"],
    }


def shifted_weights(weights: dict[str, float], energy_weight: float) -> dict[str, float]:
    """``weights`` with the energy weight set to ``energy_weight`` and the others scaled so that
    all still sum to 1 (shared equally when they were all 0)."""
    others = {k: v for k, v in weights.items() if k != ENERGY}
    rest = sum(others.values())
    left = 1 - energy_weight
    if rest > 0:
        scaled = {k: v * left / rest for k, v in others.items()}
    else:
        scaled = {k: left / len(others) for k in others} if others else {}
    return {**scaled, ENERGY: energy_weight}


def sensitivity(
    payload: Any, step: float = SENSITIVITY_STEP, estimator: Estimator = estimate
) -> dict[str, Any]:
    """The ranking with the energy weight at its value, minus ``step`` and plus ``step``
    (within 0 and 1), and whether the winner changes."""
    cleaned = read(payload, estimator)
    base = cleaned["weights"].get(ENERGY, 0.0)
    cases = []
    for energy_weight in (base - step, base, base + step):
        bounded = round(min(max(energy_weight, 0.0), 1.0), DIGITS)
        weights = shifted_weights(cleaned["weights"], bounded)
        ranking = _score({**cleaned, "weights": weights})
        cases.append(
            {
                "energy_weight": bounded,
                "weights": {k: round(v, DIGITS) for k, v in weights.items()},
                "winner": ranking[0]["name"],
                "ranking": [{"name": r["name"], "score": r["score"]} for r in ranking],
            }
        )
    winners = {case["winner"] for case in cases}
    return {
        "energy_weight": base,
        "step": step,
        "cases": cases,
        "winner_changes": len(winners) > 1,
    }
