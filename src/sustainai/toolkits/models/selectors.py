"""Reads: the published catalogue with filters, the Pareto front, the proposals waiting, and the
figures of the event reports."""

from __future__ import annotations

import datetime
import statistics
from dataclasses import dataclass

from sustainai.compression import pareto_front
from sustainai.core.demo import real_only
from sustainai.toolkits.models.models import Entry, Status


@dataclass(frozen=True)
class Filters:
    task: str = ""
    method: str = ""


def published(filters: Filters = Filters()) -> list[Entry]:
    """Published entries matching the filters, with their base models (one query)."""
    queryset = Entry.objects.filter(status=Status.PUBLISHED).select_related("base")
    if filters.task:
        queryset = queryset.filter(task=filters.task)
    if filters.method:
        queryset = queryset.filter(method=filters.method)
    return list(queryset)


def tasks() -> list[str]:
    return list(
        Entry.objects.filter(status=Status.PUBLISHED)
        .order_by("task")
        .values_list("task", flat=True)
        .distinct()
    )


def front(entries: list[Entry]) -> set[int]:
    """The primary keys of the entries on the Pareto front (quality up, energy and size down),
    compared within each dataset and metric (a score means nothing across them)."""
    on_front: set[int] = set()
    groups: dict[tuple[str, str], list[Entry]] = {}
    for entry in entries:
        groups.setdefault((entry.dataset, entry.metric), []).append(entry)
    for group in groups.values():
        points = [
            {"quality": e.quality, "energy": e.energy_j_per_1k, "size": e.size_mb} for e in group
        ]
        on_front.update(group[i].pk for i in pareto_front(points))
    return on_front


def energy_ratio(entry: Entry) -> float | None:
    """The entry's energy per 1,000 inferences over its base's, when both are measured."""
    base = entry.base
    if base is None or not entry.energy_j_per_1k or not base.energy_j_per_1k:
        return None
    return entry.energy_j_per_1k / base.energy_j_per_1k


def pending(limit: int = 100) -> list[Entry]:
    return list(
        Entry.objects.filter(status=Status.PROPOSED).select_related("proposed_by", "base")[:limit]
    )


def pending_count(user) -> int | None:
    return Entry.objects.filter(status=Status.PROPOSED).count()


def published_between(start: datetime.date, end: datetime.date) -> list[Entry]:
    """Real (not demo) entries published (last changed) from ``start`` to ``end``, oldest first."""
    return list(
        Entry.objects.filter(
            **real_only(),
            status=Status.PUBLISHED,
            updated_at__date__gte=start,
            updated_at__date__lte=end,
        )
        .select_related("base")
        .order_by("updated_at", "pk")
    )


def median_energy_ratio(entries: list[Entry]) -> float | None:
    ratios = [r for r in (energy_ratio(e) for e in entries) if r is not None]
    return statistics.median(ratios) if ratios else None
