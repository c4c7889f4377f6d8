"""A value with its plausible range, and arithmetic that carries the range along.

Each uncertain factor has a low and a high bound. In products and quotients the factors are taken as
independent: their relative deviations combine in log space as a root sum of squares, on each side
separately, so that ten uncertain factors do not give the absurd range of all worst cases at once.
Sums add bounds (as if fully correlated, the cautious choice). A factor known exactly has low = high.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Q:
    value: float
    low: float
    high: float

    @classmethod
    def exact(cls, value: float) -> Q:
        return cls(float(value), float(value), float(value))

    @classmethod
    def of(cls, row: dict[str, Any], scale: float = 1.0) -> Q:
        return cls(row["value"] * scale, row["low"] * scale, row["high"] * scale)

    def _deviations(self) -> tuple[float, float]:
        if self.value <= 0:
            return 0.0, 0.0
        # A low bound of zero is an unbounded relative deviation: the product's low is zero too.
        down = math.log(self.value / self.low) if self.low > 0 else math.inf
        return down, math.log(self.high / self.value)

    @staticmethod
    def _combine(value: float, down: list[float], up: list[float]) -> Q:
        if value <= 0:
            return Q.exact(0.0)
        low = value / math.exp(math.sqrt(sum(d * d for d in down)))
        high = value * math.exp(math.sqrt(sum(u * u for u in up)))
        return Q(value, low, high)

    def __mul__(self, other: Q | float) -> Q:
        other = other if isinstance(other, Q) else Q.exact(other)
        (d1, u1), (d2, u2) = self._deviations(), other._deviations()
        return Q._combine(self.value * other.value, [d1, d2], [u1, u2])

    __rmul__ = __mul__

    def __truediv__(self, other: Q | float) -> Q:
        other = other if isinstance(other, Q) else Q.exact(other)
        (d1, u1), (d2, u2) = self._deviations(), other._deviations()
        # Dividing by a quantity's high bound lowers the result: its deviations swap sides.
        return Q._combine(self.value / other.value, [d1, u2], [u1, d2])

    def __rtruediv__(self, other: float) -> Q:
        return Q.exact(other) / self

    def __add__(self, other: Q | float) -> Q:
        other = other if isinstance(other, Q) else Q.exact(other)
        return Q(self.value + other.value, self.low + other.low, self.high + other.high)

    __radd__ = __add__

    @staticmethod
    def maximum(a: Q, b: Q) -> Q:
        return Q(max(a.value, b.value), max(a.low, b.low), max(a.high, b.high))

    def as_dict(self, digits: int = 6) -> dict[str, float]:
        return {
            "value": significant(self.value, digits),
            "low": significant(self.low, digits),
            "high": significant(self.high, digits),
        }


def significant(x: float, digits: int = 6) -> float:
    """``x`` rounded to ``digits`` significant figures (outputs stay stable across platforms)."""
    if x == 0 or not math.isfinite(x):
        return float(x)
    return round(x, digits - 1 - math.floor(math.log10(abs(x))))


def human(x: float, digits: int = 4) -> str:
    """``x`` to ``digits`` significant figures for reading: 433,196 → "433,200"; 0.0002751."""
    x = significant(x, digits)
    if x == 0:
        return "0"
    if abs(x) >= 10 ** (digits - 1):
        return f"{round(x):,}"
    return f"{x:.{digits}g}"
