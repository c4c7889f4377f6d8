"""Reads of the Atlas: the public directory, its facets, related initiatives, figures for maps."""

from __future__ import annotations

import datetime
import hashlib
from collections import Counter
from dataclasses import dataclass, replace
from functools import cache, cached_property

from django.core.cache import cache as figures_cache
from django.core.paginator import Page, Paginator
from django.db import connections
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_countries import countries

from sustainai.atlas import places
from sustainai.atlas.expressions import joined
from sustainai.atlas.models import (
    Initiative,
    InitiativeCountry,
    InitiativeType,
    ModerationState,
    Region,
    Scope,
    Topic,
)
from sustainai.atlas.search import facets
from sustainai.atlas.search.fulltext import GROUPS, matching, search, tier
from sustainai.core.registry import Figure, ReportSection

# The region facet's value for initiatives of international scope, beside the Region codes.
INTERNATIONAL = facets.INTERNATIONAL

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
    # A literal state: the partial indexes on published initiatives then need no check of it
    # (``expressions.Literal``).
    return Initiative.objects.filter(state__literal=ModerationState.PUBLISHED)


def _regions_text():
    # SQLite: the JSON list as text ('["EU", "G7"]'): '"EU"' matches EU but not EUROPE.
    return Cast("regions", TextField())


def _region_q(code: str, using: str) -> Q:
    """Initiatives of region ``code``: JSON containment on PostgreSQL (a GIN index answers it);
    SQLite has none and reads the list as text (``regions_text``, to alias on the queryset)."""
    if code == INTERNATIONAL:
        return Q(scope=Scope.INTERNATIONAL)
    if connections[using].vendor == "postgresql":
        return Q(regions__contains=[code])
    return Q(regions_text__contains=f'"{code}"')


def facet_clauses(filters: Filters, *, skip: str | None = None) -> list[list[str]]:
    """The facet index's query for ``filters`` (``facets.matching``): one clause per facet."""
    chosen = [
        ("types", "type"),
        ("statuses", "status"),
        ("years", "year"),
        ("topics", "topic"),
        ("countries", "country"),
        ("regions", "region"),
    ]
    return [
        facets.keys(facet, getattr(filters, field))
        for field, facet in chosen
        if getattr(filters, field) and skip != field
    ]


def place_of_query(q: str) -> places.Place | None:
    """The country or region that a search names as a whole, by one of its names in any language
    ("Deutschland", "Afrique", "中国"): its initiatives are found too, after those whose text
    matches. Codes do not count: two-letter codes are also words ("in", "it", "no")."""
    q = (q or "").strip()
    place = places.find(q, codes=False) if q else None
    return place if place is not None and place.kind != places.INTERNATIONAL else None


def _of_place(place: places.Place, using: str):
    """The keys of the initiatives of ``place`` (the facet index)."""
    every = Initiative.objects.using(using).all()
    return facets.matching(every, [facets.keys(place.kind, [place.code])]).values("pk")


def _searched(qs, q: str):
    """``qs``'s initiatives whose text matches ``q``, and those of the place it names."""
    place = place_of_query(q)
    if place is None:
        return matching(qs, q)
    found = matching(Initiative.objects.using(qs.db).all(), q).values("pk")
    return qs.filter(Q(pk__in=found) | Q(pk__in=_of_place(place, qs.db)))


def _place_group(base, q: str, place: places.Place):
    """The relevance order's last group: the initiatives of the place that ``q`` names whose text
    does not match it, by name."""
    found = matching(Initiative.objects.using(base.db).all(), q).values("pk")
    return (
        base.filter(pk__in=_of_place(place, base.db))
        .exclude(pk__in=found)
        .annotate(search_rank=Value(0.0, output_field=FloatField()))
        .order_by(*ORDERINGS["relevance"])
    )


def filter_initiatives(
    filters: Filters, *, queryset=None, skip: str | None = None, correlated: bool = False
):
    """The published initiatives matching ``filters`` (search included), unordered.

    ``skip`` names one facet to leave out: its counts are those of the other filters, so that a
    visitor sees what choosing another value of the same facet would give.

    The facets are answered by default by the facet index (``facets``): one semi-join
    (``pk IN (SELECT ...)``) on the posting lists' intersection, evaluated once, then each
    initiative found is read once. ``correlated`` checks them per initiative instead, on the
    initiatives' own columns and link tables (``EXISTS``), for a database that walks
    initiatives in an index's order and stops at a page's worth: cheaper when the filters keep
    many initiatives (see ``Results``).
    """
    qs = published() if queryset is None else queryset
    qs = _searched(qs, filters.q)
    if not correlated:
        return facets.matching(qs, facet_clauses(filters, skip=skip))
    if filters.types and skip != "types":
        qs = qs.filter(type__in=filters.types)
    if filters.statuses and skip != "statuses":
        qs = qs.filter(status__in=filters.statuses)
    if filters.years and skip != "years":
        qs = qs.filter(start_year__in=filters.years)
    if filters.topics and skip != "topics":
        in_topics = Initiative.topics.through.objects.filter(topic__slug__in=filters.topics)
        qs = qs.filter(Exists(in_topics.filter(initiative=OuterRef("pk"))))
    if filters.countries and skip != "countries":
        in_countries = InitiativeCountry.objects.filter(country__in=filters.countries)
        qs = qs.filter(Exists(in_countries.filter(initiative=OuterRef("pk"))))
    if filters.regions and skip != "regions":
        condition = Q()
        for code in filters.regions:
            condition |= _region_q(code, qs.db)
        qs = qs.alias(regions_text=_regions_text()).filter(condition)
    return qs


ORDERINGS = {
    "relevance": ("-search_rank", "name", "pk"),
    "name": ("name", "pk"),
    "newest": (F("published_at").desc(nulls_last=True), "-created_at", "-pk"),
    "year": (F("start_year").desc(nulls_last=True), "name", "pk"),
}
# What a result row shows (the directory, the API and the exports).
ROW_RELATIONS = ("country_links", "topics", "lead_organisations")
# The directory counts matches up to this many, then says "more than" (as search engines do): an
# exact count of a query that matches half the Atlas costs more than the page itself. The API and
# the exports are exact.
COUNT_LIMIT = 1000
# In an order no index follows ("newest", "year"), counting reads up to this many matches' keys
# so that a page of them is sorted among those keys, not planned from a guess of the filters.
KEYS_BY_ORDER = 5000
PAGE_SIZE = 20


# What a result row of the directory and the API list read of an initiative itself.
ROW_FIELDS = (
    "id", "name", "slug", "type", "status", "scope", "regions", "start_year", "summary", "website",
)  # fmt: skip


@dataclass(frozen=True)
class Listing:
    """What a result row shows of an initiative's relations (``listing_of``)."""

    countries: tuple[str, ...]  # ISO codes
    topics: tuple[Topic, ...]
    lead_organisations: tuple[str, ...]  # names

    @property
    def country_names(self) -> list[str]:
        return [countries.name(code) for code in self.countries]


# Separators inside the listing's joined texts (control characters no name holds).
_ITEM, _PART = "\x1e", "\x1f"


def listing_columns() -> dict:
    """Annotations that carry what a result row shows of an initiative's relations, read with
    the row itself (``listing_of``)."""
    topic = Concat(
        Cast("topic_id", TextField()),
        *(Value(_PART), "topic__slug", Value(_PART), "topic__name", Value(_PART)),
        Cast("topic__position", TextField()),
        output_field=TextField(),
    )
    return {
        "listed_countries": joined(
            InitiativeCountry, F("country"), ordering=F("country"), separator=_ITEM
        ),
        "listed_topics": joined(
            Initiative.topics.through, topic, ordering=F("topic__position"), separator=_ITEM
        ),
        "listed_leads": joined(
            Initiative.lead_organisations.through,
            F("actor__name"),
            ordering=F("actor__name"),
            separator=_ITEM,
        ),
    }


def listing_of(initiative) -> Listing:
    """The ``Listing`` of an initiative read with ``listing_columns``."""

    def items(text):
        return text.split(_ITEM) if text else []

    topics = []
    for item in items(initiative.listed_topics):
        pk, slug, name, position = item.split(_PART)
        topics.append(Topic(id=int(pk), slug=slug, name=name, position=int(position)))
    return Listing(
        countries=tuple(sorted(items(initiative.listed_countries))),
        topics=tuple(sorted(topics, key=lambda topic: (topic.position, topic.name))),
        lead_organisations=tuple(sorted(items(initiative.listed_leads), key=str.casefold)),
    )


@cache
def _rows():
    """Initiatives read as result rows: built once, cloned for each page (building the three
    subqueries costs more than running them)."""
    return with_listings(Initiative.objects.all())


def with_listings(queryset):
    """``queryset`` reading the fields and relations a result row shows: one query in all."""
    return queryset.only(*ROW_FIELDS).annotate(**listing_columns())


def _count_up_to(queryset, limit: int) -> int:
    """``queryset.count()`` if at most ``limit``, else ``limit``: the database stops there."""
    return queryset.order_by().values("pk")[:limit].count()


class Results:
    """Initiatives in order, as ordered querysets listed one after the other (the groups of the
    relevance order; one queryset for the other orders).

    Sliced like a list (what ``Paginator`` and the API need) with queries on the parts the slice
    reaches only; counted exactly (``count``) or up to a limit (``count_up_to``); iterated in
    chunks with the rows' relations prefetched (the exports).
    """

    def __init__(
        self, parts: list, matches, *, walking: list | None = None, keys: int = COUNT_LIMIT
    ):
        # Querysets, or functions that build one: a page builds only the parts it reads.
        self._parts = parts
        self.matches = matches  # all of them, unordered: what counting needs
        # The same order through correlated filters, read instead of ``parts`` when more than
        # COUNT_LIMIT initiatives match: the database then walks an index in the page's order
        # and stops after a page (1 % of the Atlas or more match: a page is found quickly),
        # where reading every match to sort them would cost more. With fewer matches, sorting
        # them all is cheap and walking could read the whole index for a rare filter.
        self._walking = walking
        self._counted: dict[int, int] = {}
        self._every_pk: list[int] | None = None  # known once counted, when not too many
        # How many matches' keys counting may read to page them by key (see ``count_up_to``);
        # 0 when no page is read by key (the groups of the relevance order): a COUNT then.
        self._keys = keys

    @staticmethod
    def _built(parts: list) -> list:
        return [part() if callable(part) else part for part in parts]

    @cached_property
    def parts(self) -> list:
        return self._built(self._parts)

    @cached_property
    def walking(self) -> list | None:
        return None if self._walking is None else self._built(self._walking)

    def count(self) -> int:
        for limit, counted in self._counted.items():
            if counted <= limit:  # already counted exactly
                return counted
        return self.matches.count()

    def count_up_to(self, limit: int) -> int:
        """The number of matches if at most ``limit``, else ``limit + 1``."""
        if limit not in self._counted and not self._keys:
            self._counted[limit] = _count_up_to(self.matches, limit + 1)
        elif limit not in self._counted:
            # The keys rather than a COUNT: when they are all there, a page of them in another
            # order is read by key (a sort of at most ``limit`` rows, whatever the planner
            # guesses of the filters).
            wanted = max(limit, self._keys) + 1
            pks = list(self.matches.order_by().values_list("pk", flat=True)[:wanted])
            self._counted[limit] = min(len(pks), limit + 1)
            if len(pks) < wanted:
                self._every_pk = pks
        return self._counted[limit]

    def __getitem__(self, key):
        if not isinstance(key, slice) or key.step not in (None, 1):
            raise TypeError("Results are read by slices, e.g. results[20:40]")
        start, stop = key.start or 0, key.stop
        if start < 0 or (stop is not None and stop < 0):
            raise ValueError("negative indexing is not supported")
        parts = self._parts
        if self._walking is not None and self.count_up_to(COUNT_LIMIT) > COUNT_LIMIT:
            parts = self._walking
        elif self._every_pk is not None and len(parts) == 1 and not callable(parts[0]):
            ordering = parts[0].query.order_by
            parts = [Initiative.objects.filter(pk__in_list=self._every_pk).order_by(*ordering)]
        picked: list[tuple[int, float | None]] = []
        for part in parts:
            part = part() if callable(part) else part
            if stop is not None and stop <= start:
                break
            ranked = "search_rank" in part.query.annotations
            rows = part.values_list("pk", "search_rank") if ranked else part.values_list("pk")
            rows = list(rows[start:stop])
            picked += [(row[0], row[1] if ranked else None) for row in rows]
            if stop is not None and len(rows) == stop - start:
                break
            # The part ended before the slice did: the next part starts where it ended.
            size = start + len(rows) if rows or not start else _count_up_to(part, start)
            start, stop = max(0, start - size), None if stop is None else stop - size
        by_pk = _rows().in_bulk([pk for pk, _rank in picked])
        out = []
        for pk, rank in picked:
            initiative = by_pk[pk]
            if rank is not None:
                initiative.search_rank = rank
            initiative.listing = listing_of(initiative)
            out.append(initiative)
        return out

    def iterator(self, chunk_size: int = 2000, relations: tuple[str, ...] = ()):
        """Every initiative, ``chunk_size`` at a time with what a row shows and ``relations``."""
        for part in self.parts:
            part = part.prefetch_related(*ROW_RELATIONS, *relations)
            yield from part.iterator(chunk_size=chunk_size)

    def __iter__(self):
        return self.iterator()


def directory(filters: Filters) -> Results:
    """The directory's results in the order asked for (``ORDERINGS``; relevance: the groups of
    ``fulltext.tiers``, name matches first)."""
    matches = filter_initiatives(filters)
    sort = filters.effective_sort
    if sort == "relevance":
        base = filter_initiatives(replace(filters, q=""))

        def group(name):
            return lambda: tier(base, filters.q, name).order_by(*ORDERINGS[sort])

        parts = [group(name) for name in GROUPS]
        place = place_of_query(filters.q)
        if place is not None:
            parts.append(lambda: _place_group(base, filters.q, place))
        # Groups are ranked among their own matches, never read by key: counting needs no keys.
        return Results(parts, matches, keys=0)
    if sort == "name":  # the order of the index ``atlas_pub_name``
        walking = [lambda: filter_initiatives(filters, correlated=True).order_by(*ORDERINGS[sort])]
        return Results([matches.order_by(*ORDERINGS[sort])], matches, walking=walking)
    # No index follows the other orders: up to KEYS_BY_ORDER matches are paged by key.
    return Results([matches.order_by(*ORDERINGS[sort])], matches, keys=KEYS_BY_ORDER)


class CappedPaginator(Paginator):
    """A paginator that counts its objects up to ``limit``; ``more`` says there are others."""

    def __init__(self, object_list, per_page: int, limit: int = COUNT_LIMIT, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.limit = limit

    @cached_property
    def counted(self) -> int:
        counter = getattr(self.object_list, "count_up_to", None)
        if counter is None:  # a queryset
            return _count_up_to(self.object_list, self.limit + 1)
        return counter(self.limit)

    @cached_property
    def count(self) -> int:
        return min(self.counted, self.limit)

    @property
    def more(self) -> bool:
        return self.counted > self.limit


def directory_page(filters: Filters, number=1, per_page: int = PAGE_SIZE) -> Page:
    """One page of the directory (a number out of range gives the last page)."""
    return CappedPaginator(directory(filters), per_page, limit=COUNT_LIMIT).get_page(number)


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


# How long figures computed over the whole Atlas stay cached (they are also never read again
# once the Atlas changes: see ``_cached``).
FIGURES_CACHE_SECONDS = 24 * 3600


def _cached(kind: str, filters: Filters, compute):
    """``compute()``, cached in Django's cache under the facet index's version and ``filters``.

    Counting every facet value over tens of thousands of matches costs more than the page they
    are shown beside (six aggregates over the matches), and the answer is the same for every
    visitor until the Atlas changes: the first visitor of a view pays, the others read it. The
    version changes in the transaction of every change to the index, so a cached figure is never
    read once the Atlas has changed, whichever process cached it.
    """
    token = facets.version()
    described = f"{kind}|{token}|{replace(filters, sort='')!r}"
    key = "atlas:figures:" + hashlib.sha256(described.encode()).hexdigest()
    found = figures_cache.get(key)
    if found is None:
        found = compute()
        figures_cache.set(key, found, timeout=FIGURES_CACHE_SECONDS)
    return found


def facet_counts(filters: Filters) -> FacetCounts:
    """How many initiatives each facet value would give (cached: ``_cached``)."""
    return _cached("facet_counts", filters, lambda: _facet_counts(filters))


def _facet_counts(filters: Filters) -> FacetCounts:
    """``facet_counts`` computed: six queries whatever the data."""

    def base(skip: str):
        return filter_initiatives(filters, skip=skip)

    topic_rows = (
        # django-stubs misses ``n`` on the auto-created through model.
        Initiative.topics.through.objects.filter(initiative__in=base("topics").values("pk"))  # type: ignore[misc]
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
    regions = base("regions")
    region_counts = regions.alias(regions_text=_regions_text()).aggregate(
        **{
            code: Count("pk", filter=_region_q(code, regions.db))
            for code in [INTERNATIONAL, *Region.values]
        }
    )
    return FacetCounts(
        types=_counts(base("types"), "type"),
        statuses=_counts(base("statuses"), "status"),
        years=_counts(base("years"), "start_year"),
        topics=dict(topic_rows),
        countries=dict(country_rows),
        regions={code: n for code, n in region_counts.items() if n},
    )


def warm_directory() -> None:
    """Cache the figures of the Atlas as it opens: the directory's facet counts, the map's
    countries and the charts' figures (what ``tasks.warm_directory_figures`` runs)."""
    filters = Filters()
    facet_counts(filters)
    country_counts(filters)
    figures(filters)


def topics() -> list[Topic]:
    return list(Topic.objects.all())


def country_counts(filters: Filters | None = None) -> dict[str, int]:
    """Published initiatives per ISO country code (for the map; cached: ``_cached``)."""
    filters = replace(filters or Filters(), countries=())
    return _cached("country_counts", filters, lambda: _country_counts(filters))


def _country_counts(filters: Filters) -> dict[str, int]:
    qs = filter_initiatives(filters)
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
    """Counts by type, topic and start year (for the charts; cached: ``_cached``)."""
    filters = filters or Filters()
    return _cached("figures", filters, lambda: _figures(filters))


def _figures(filters: Filters) -> dict[str, dict]:
    qs = filter_initiatives(filters)
    topic_rows = (
        # django-stubs misses ``n`` on the auto-created through model.
        Initiative.topics.through.objects.filter(initiative__in=qs.values("pk"))  # type: ignore[misc]
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
            similar: Counter[int] = Counter()
            for word in words[:6]:
                for pk in search(published(), word).values_list("pk", flat=True)[:limit]:
                    if pk not in seen:
                        similar[pk] += 1
            extra = [pk for pk, _count in similar.most_common(limit - len(related))]
            by_pk = published().in_bulk(extra)
            related += [by_pk[pk] for pk in extra if pk in by_pk]
    return related


def home_figures() -> list[Figure]:
    """The home page's figures of the Atlas: published initiatives and the countries they name."""
    count = published().count()
    countries = (
        InitiativeCountry.objects.filter(initiative__state__literal=ModerationState.PUBLISHED)
        .values("country")
        .distinct()
        .count()
    )
    return [
        Figure(count, ngettext("published initiative", "published initiatives", count), order=100),
        Figure(countries, ngettext("country named", "countries named", countries), order=110),
    ]


def report_section(start: datetime.date, end: datetime.date) -> ReportSection | None:
    """The Atlas in an event report: the initiatives published from ``start`` to ``end`` (both
    included) and published still, by type (most first), and the countries they name; then the
    whole Atlas as it stood at ``end`` (published by then and published still) by type, region and
    start year, the new initiatives, and the map. Nothing when nothing was published by ``end``."""
    from sustainai.atlas import worldmap
    from sustainai.atlas.filters import REGION_CHOICES
    from sustainai.core.charts import bar_chart
    from sustainai.core.registry import ReportChart, ReportTable

    until = published().filter(published_at__date__lte=end)
    everything = list(until.values_list("type", "scope", "regions", "start_year"))
    if not everything:
        return None
    initiatives = until.filter(published_at__date__gte=start)
    by_type = Counter(initiatives.values_list("type", flat=True))
    named_countries = (
        InitiativeCountry.objects.filter(initiative__in=initiatives)
        .values("country")
        .distinct()
        .count()
    )
    labels = dict(InitiativeType.choices)

    def by_count(counter: Counter, label) -> list[tuple[str, int]]:
        return sorted(
            ((str(label(value)), count) for value, count in counter.items()),
            key=lambda row: (-row[1], row[0]),
        )

    types = by_count(by_type, lambda value: labels.get(value, value))
    all_types = by_count(Counter(row[0] for row in everything), lambda v: labels.get(v, v))
    region_labels = dict(REGION_CHOICES)
    regions: Counter = Counter()
    for _type, scope, codes, _year in everything:
        if scope == Scope.INTERNATIONAL:
            regions[INTERNATIONAL] += 1
        regions.update(code for code in dict.fromkeys(codes or []) if code in region_labels)
    all_regions = by_count(regions, lambda code: region_labels[code])
    years = Counter(row[3] for row in everything)
    counts = dict(
        InitiativeCountry.objects.filter(initiative__in=until)
        .order_by()
        .values("country")
        .annotate(n=Count("pk"))
        .values_list("country", "n")
    )
    names = {code: str(countries.name(code)) for code in counts}
    new = list(
        initiatives.order_by("published_at", "name").values_list("name", "type", "published_at")
    )
    chart = bar_chart(all_types, title=_("Initiatives by type"), chart_id="report-atlas-types")
    return ReportSection(
        _("Atlas of initiatives"),
        figures=[
            Figure(by_type.total(), _("initiatives published"), order=100, key="new"),
            Figure(named_countries, _("countries named"), order=110, key="new-countries"),
            Figure(len(everything), _("initiatives in the Atlas"), order=120, key="total"),
            Figure(len(counts), _("countries on the map"), order=130, key="countries"),
        ],
        items=[
            _("%(type)s: %(count)d") % {"type": label, "count": count} for label, count in types
        ],
        order=100,
        tables=[
            ReportTable(
                "by-type", _("Initiatives by type"), [_("type"), _("initiatives")], all_types
            ),
            ReportTable(
                "by-region",
                _("Initiatives by region"),
                [_("region"), _("initiatives")],
                all_regions,
            ),
            ReportTable(
                "by-year",
                _("Initiatives by start year"),
                [_("start year"), _("initiatives")],
                [
                    [year if year is not None else _("not given"), count]
                    for year, count in sorted(
                        years.items(), key=lambda row: (row[0] is None, row[0] or 0)
                    )
                ],
            ),
            ReportTable(
                "by-country",
                _("Initiatives by country"),
                [_("country code"), _("country"), _("initiatives")],
                [
                    [code, names[code], n]
                    for code, n in sorted(counts.items(), key=lambda r: (-r[1], names[r[0]]))
                ],
            ),
            ReportTable(
                "new",
                _("Initiatives published in the period"),
                [_("name"), _("type"), _("published")],
                [
                    [
                        name,
                        str(labels.get(kind, kind)),
                        timezone.localdate(published_at).isoformat(),
                    ]
                    for name, kind, published_at in new
                ],
            ),
        ],
        charts=[
            ReportChart(
                "types",
                _("Initiatives by type"),
                str(chart),
                "; ".join(f"{label}: {count}" for label, count in all_types),
            ),
            ReportChart(
                "map",
                _("Initiatives by country"),
                worldmap.svg(
                    counts,
                    title=_("Initiatives by country"),
                    description=_("Published initiatives naming each country."),
                    names=names,
                ),
                _(
                    "A world map of %(countries)d countries shaded by their initiatives; most: %(top)s."
                )
                % {
                    "countries": len(counts),
                    "top": ", ".join(
                        f"{names[code]} ({n})"
                        for code, n in sorted(counts.items(), key=lambda r: (-r[1], names[r[0]]))[
                            :5
                        ]
                    )
                    or "—",
                },
            ),
        ],
    )
