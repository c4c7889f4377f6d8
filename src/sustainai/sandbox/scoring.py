"""Scores and rankings of a challenge: the metrics, the Pareto front of score against energy, and
the two rankings ("best score within the energy budget", "least energy above the minimum score").
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from typing import Any

METRICS = ("accuracy", "macro_f1", "mae")
#: A lower mean absolute error is better; the other metrics are better higher.
LOWER_IS_BETTER = frozenset({"mae"})


def score(metric: str, truth: Sequence[Any], predicted: Sequence[Any]) -> float:
    """``metric`` of ``predicted`` against ``truth`` (same length, checked by the runner)."""
    if len(truth) != len(predicted) or not truth:
        raise ValueError("truth and predictions must be non-empty and of the same length")
    if metric == "accuracy":
        return sum(1 for t, p in zip(truth, predicted, strict=True) if t == p) / len(truth)
    if metric == "macro_f1":
        f1s = []
        for label in sorted(set(truth), key=repr):
            tp = sum(1 for t, p in zip(truth, predicted, strict=True) if t == label and p == label)
            fp = sum(1 for t, p in zip(truth, predicted, strict=True) if t != label and p == label)
            fn = sum(1 for t, p in zip(truth, predicted, strict=True) if t == label and p != label)
            f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
        return sum(f1s) / len(f1s)
    if metric == "mae":
        return sum(abs(float(t) - float(p)) for t, p in zip(truth, predicted, strict=True)) / len(
            truth
        )
    raise ValueError(f"unknown metric {metric!r}; one of {', '.join(METRICS)}")


def better(metric: str, a: float, b: float) -> bool:
    """Whether score ``a`` is strictly better than ``b``."""
    return a < b if metric in LOWER_IS_BETTER else a > b


@dataclasses.dataclass(frozen=True)
class Entry:
    key: Any
    score: float
    energy_wh: float


def pareto_front(entries: Sequence[Entry], metric: str) -> set[Any]:
    """Keys of the entries that no other entry dominates (at least as good on both score and
    energy, and strictly better on one)."""
    front = set()
    for entry in entries:
        dominated = any(
            not better(metric, entry.score, other.score)
            and other.energy_wh <= entry.energy_wh
            and (better(metric, other.score, entry.score) or other.energy_wh < entry.energy_wh)
            for other in entries
            if other is not entry
        )
        if not dominated:
            front.add(entry.key)
    return front


def best_within_budget(entries: Sequence[Entry], metric: str, budget_wh: float) -> list[Any]:
    """Keys of the entries within the energy budget, best score first (less energy breaks ties)."""
    sign = 1 if metric in LOWER_IS_BETTER else -1
    kept = [e for e in entries if e.energy_wh <= budget_wh and math.isfinite(e.score)]
    return [e.key for e in sorted(kept, key=lambda e: (sign * e.score, e.energy_wh))]


def least_energy_above(entries: Sequence[Entry], metric: str, minimum: float) -> list[Any]:
    """Keys of the entries at least as good as ``minimum`` (at most, for an error), least energy
    first (the better score breaks ties)."""
    sign = 1 if metric in LOWER_IS_BETTER else -1
    kept = [e for e in entries if not better(metric, minimum, e.score)]
    return [e.key for e in sorted(kept, key=lambda e: (e.energy_wh, sign * e.score))]


def spread(values: Sequence[float]) -> dict[str, float]:
    """Mean, minimum, maximum and relative spread ((max − min) / mean) of repeated measurements."""
    if not values:
        return {}
    mean = sum(values) / len(values)
    return {
        "mean": mean,
        "min": min(values),
        "max": max(values),
        "relative_spread": (max(values) - min(values)) / mean if mean else 0.0,
    }
