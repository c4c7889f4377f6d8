"""The Pareto front of a library: the entries that no other entry beats on every axis at once.

An entry dominates another when it is at least as good on every axis (quality higher or equal,
energy and size lower or equal) and strictly better on one. Entries lacking a figure on an axis
take no part (they can neither dominate nor be dominated).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

Point = Mapping[str, float | None]


def dominates(a: Point, b: Point, maximise: Sequence[str], minimise: Sequence[str]) -> bool:
    at_least = all(_f(a, k) >= _f(b, k) for k in maximise) and all(
        _f(a, k) <= _f(b, k) for k in minimise
    )
    better = any(_f(a, k) > _f(b, k) for k in maximise) or any(
        _f(a, k) < _f(b, k) for k in minimise
    )
    return at_least and better


def pareto_front(
    points: Sequence[Point],
    maximise: Sequence[str] = ("quality",),
    minimise: Sequence[str] = ("energy", "size"),
) -> list[int]:
    """The indices (in the order given) of the points on the front, over the axes named."""
    axes = (*maximise, *minimise)
    complete = [i for i, p in enumerate(points) if all(p.get(k) is not None for k in axes)]
    return [
        i
        for i in complete
        if not any(j != i and dominates(points[j], points[i], maximise, minimise) for j in complete)
    ]


def _f(point: Point, key: str) -> float:
    value = point[key]
    assert value is not None
    return float(value)
