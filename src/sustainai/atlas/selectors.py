"""Reads of the Atlas: the public directory, its facets, related initiatives, figures for maps."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    Q,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast

from sustainai.atlas.models import (
    Initiative,
    InitiativeCountry,
    ModerationState,
    Region,
    Scope,
    Topic,
)
from sustainai.atlas.search import search

# The region facet's value for initiatives of international scope, beside the Region codes.
INTERNATIONAL = "international"

SORTS = ("relevance", "name", "newest", "year")


@dataclass(frozen=True)
class Filters:
    """What a visitor asked the directory for; every field travels in the query string."""

    q: str = ""
    types: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()  # Region codes and/or INTERNATIONAL
    statuses: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    sort: str = ""

    @property
    def effective_sort(self) -> str:
        if self.sort == "relevance" and not self.q:
            return "name"
        return self.sort or ("relevance" if self.q else "name")


def published():
    return Initiative.objects.filter(state=ModerationState.PUBLISHED)


def _regions_text():
    # The JSON list as text ('["EU", "G7"]' on both backends): '"EU"' matches EU but not EUROPE.
    # SQLite has no JSON containment lookup, so this is the one filter that works on both.
    return Cast("regions", TextField())


def _region_q(code: str) -> Q:
    if code == INTERNATIONAL:
        return Q(scope=Scope.INTERNATIONAL)
    return Q(regions_text__contains=f'"{code}"')


def filter_initiatives(filters: Filters, *, queryset=None, skip: str | None = None):
    """The published initiatives matching ``filters`` (search included), unordered.

    ``skip`` names one facet to leave out: its counts are those of the other filters, so that a
    visitor sees what choosing another value of the same facet would give.
    """
    qs = published() if queryset is None else queryset
    qs = search(qs, filters.q)
    if filters.types and skip != "types":
        qs = qs.filter(type__in=filters.types)
    if filters.statuses and skip != "statuses":
        qs = qs.filter(status__in=filters.statuses)
    if filters.years and skip != "years":
        qs = qs.filter(start_year__in=filters.years)
    # Semi-joins (``pk IN (SELECT ...)``): evaluated once, where a correlated EXISTS would run
    # per initiative.
    if filters.topics and skip != "topics":
        qs = qs.filter(
            pk__in=Initiative.topics.through.objects.filter(topic__slug__in=filters.topics).values(
                "initiative"
            )
        )
    if filters.countries and skip != "countries":
        qs = qs.filter(
            pk__in=InitiativeCountry.objects.filter(country__in=filters.countries).values(
                "initiative"
            )
        )
    if filters.regions and skip != "regions":
        condition = Q()
        for code in filters.regions:
            condition |= _region_q(code)
        qs = qs.alias(regions_text=_regions_text()).filter(condition)
    return qs


ORDERINGS = {
    "relevance": ("-search_rank", "name"),
    "name": ("name", "pk"),
    "newest": (F("published_at").desc(nulls_last=True), "-created_at", "-pk"),
    "year": (F("start_year").desc(nulls_last=True), "name", "pk"),
}


def directory(filters: Filters):
    """The directory's results: filtered, ordered, with what a result row shows prefetched."""
    qs = filter_initiatives(filters).order_by(*ORDERINGS[filters.effective_sort])
    return qs.prefetch_related("country_links", "topics", "lead_organisations")


@dataclass(frozen=True)
class FacetCounts:
    types: dict[str, int]
    statuses: dict[str, int]
    years: dict[int, int]
    topics: dict[str, int]
    countries: dict[str, int]
    regions: dict[str, int]


def _counts(qs, field: str) -> dict:
    rows = qs.order_by().values(field).annotate(n=Count("pk")).values_list(field, "n")
    return {value: n for value, n in rows if value is not None}


def facet_counts(filters: Filters) -> FacetCounts:
    """How many initiatives each facet value would give; six queries whatever the data."""

    def base(skip: str):
        return filter_initiatives(filters, skip=skip)

    topic_rows = (
        Initiative.topics.through.objects.filter(initiative__in=base("topics").values("pk"))
        .order_by()
        .values("topic__slug")
        .annotate(n=Count("pk"))
        .values_list("topic__slug", "n")
    )
    country_rows = (
        InitiativeCountry.objects.filter(initiative__in=base("countries").values("pk"))
        .order_by()
        .values("country")
        .annotate(n=Count("pk"))
        .values_list("country", "n")
    )
    region_counts = (
        base("regions")
        .alias(regions_text=_regions_text())
        .aggregate(
            **{
                code: Count("pk", filter=_region_q(code))
                for code in [INTERNATIONAL, *Region.values]
            }
        )
    )
    return FacetCounts(
        types=_counts(base("types"), "type"),
        statuses=_counts(base("statuses"), "status"),
        years=_counts(base("years"), "start_year"),
        topics=dict(topic_rows),
        countries=dict(country_rows),
        regions={code: n for code, n in region_counts.items() if n},
    )


def topics() -> list[Topic]:
    return list(Topic.objects.all())


def country_counts(filters: Filters | None = None) -> dict[str, int]:
    """Published initiatives per ISO country code (for the map)."""
    qs = filter_initiatives(replace(filters or Filters(), countries=()))
    rows = (
        InitiativeCountry.objects.filter(initiative__in=qs.values("pk"))
        .order_by()
        .values("country")
        .annotate(n=Count("pk"))
        .values_list("country", "n")
    )
    return dict(rows)


def beyond_countries(filters: Filters | None = None):
    """Initiatives of international or regional reach, shown beside the map (not on it)."""
    qs = filter_initiatives(replace(filters or Filters(), countries=(), regions=()))
    qs = qs.filter(Q(scope__in=[Scope.INTERNATIONAL, Scope.REGIONAL]) | ~Q(regions=[]))
    return qs.order_by("name").only("pk", "name", "slug", "scope", "regions")


def figures(filters: Filters | None = None) -> dict[str, dict]:
    """Counts by type, topic and start year (for the charts)."""
    qs = filter_initiatives(filters or Filters())
    topic_rows = (
        Initiative.topics.through.objects.filter(initiative__in=qs.values("pk"))
        .order_by()
        .values("topic__slug")
        .annotate(n=Count("pk"))
        .values_list("topic__slug", "n")
    )
    return {
        "types": _counts(qs, "type"),
        "topics": dict(topic_rows),
        "years": _counts(qs, "start_year"),
    }


def related_initiatives(initiative: Initiative, limit: int = 5) -> list[Initiative]:
    """Published initiatives closest to ``initiative``: shared topics weigh most, then shared
    countries and the same type; when too few share anything, text similarity fills the list."""
    topic_ids = [topic.pk for topic in initiative.topics.all()]
    codes = [str(link.country) for link in initiative.country_links.all()]
    shared_topics = Count("topics", filter=Q(topics__in=topic_ids), distinct=True)
    shared_countries = Count(
        "country_links", filter=Q(country_links__country__in=codes), distinct=True
    )
    candidates = (
        published()
        .exclude(pk=initiative.pk)
        .annotate(
            shared_topics=shared_topics,
            shared_countries=shared_countries,
            same_type=Case(
                When(type=initiative.type, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
        )
        .annotate(score=F("shared_topics") * 3 + F("shared_countries") * 2 + F("same_type"))
        .filter(score__gt=0)
        .order_by("-score", "name")
    )
    related = list(candidates[:limit])
    if len(related) < limit:
        # Text similarity: any word of the name (OR query), ranked by the search index.
        words = [w for w in initiative.name.split() if len(w) > 3]
        if words:
            seen = {initiative.pk, *(r.pk for r in related)}
            similar = Counter()
            for word in words[:6]:
                for pk in search(published(), word).values_list("pk", flat=True)[:limit]:
                    if pk not in seen:
                        similar[pk] += 1
            extra = [pk for pk, _ in similar.most_common(limit - len(related))]
            by_pk = published().in_bulk(extra)
            related += [by_pk[pk] for pk in extra if pk in by_pk]
    return related
