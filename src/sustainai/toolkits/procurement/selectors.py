"""Reads of the procurement toolkit, each a fixed number of queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from sustainai.core.demo import real_only
from sustainai.toolkits.procurement.models import (
    Criterion,
    CriterionStatus,
    Evaluation,
    TenderPack,
)


@dataclass(frozen=True)
class Filters:
    q: str = ""
    kind: str = ""
    level: str = ""
    area: str = ""


def criteria(filters: Filters = Filters()) -> QuerySet[Criterion]:
    """The published criteria matching ``filters`` (one query)."""
    items = Criterion.objects.filter(status=CriterionStatus.PUBLISHED)
    for word in filters.q.split():
        items = items.filter(
            Q(code__icontains=word)
            | Q(title__icontains=word)
            | Q(wording__icontains=word)
            | Q(metric__icontains=word)
            | Q(evidence__icontains=word)
            | Q(source_title__icontains=word)
        )
    for field in ("kind", "level", "area"):
        if value := getattr(filters, field):
            items = items.filter(**{field: value})
    return items.order_by("code")


def pending() -> QuerySet[Criterion]:
    return Criterion.objects.filter(status=CriterionStatus.PENDING).select_related("proposed_by")


def pending_count(user) -> int:
    return Criterion.objects.filter(status=CriterionStatus.PENDING).count()


def packs_for(user, *, sees_all: bool) -> QuerySet[TenderPack]:
    """The packs ``user`` may open: all for the leads and coordinators, else their own."""
    packs = TenderPack.objects.select_related("created_by")
    return packs if sees_all else packs.filter(created_by=user)


def latest_evaluation(pack: TenderPack) -> Evaluation | None:
    return Evaluation.objects.filter(pack=pack).first()


def pack_criteria(pack: TenderPack) -> list[Criterion]:
    return list(pack.criteria.order_by("code"))


def packs_between(start: datetime.date, end: datetime.date) -> int:
    return TenderPack.objects.filter(
        **real_only(), created_at__date__gte=start, created_at__date__lte=end
    ).count()


def published_count() -> int:
    return Criterion.objects.filter(status=CriterionStatus.PUBLISHED).count()
