"""The public read side of the Atlas: directory, detail, map, charts, exports.

The directory, the map, the charts and the exports read the same query string (``filters.py``), so
every view of the Atlas is a shareable URL and each links to the others with the same filters.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django_countries import countries

from sustainai.atlas import exports, selectors, worldmap
from sustainai.atlas.filters import REGION_CHOICES, SORT_CHOICES, parse
from sustainai.atlas.models import (
    Initiative,
    InitiativeStatus,
    InitiativeType,
    ModerationState,
    Topic,
)
from sustainai.core.charts import bar_chart
from sustainai.core.permissions import public

COUNTRIES_SHOWN = 25
BEYOND_SHOWN = 20  # initiatives of international reach listed beside the map; the rest via a link


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    count: int
    selected: bool
    url: str


@dataclass(frozen=True)
class Facet:
    parameter: str
    label: str
    options: list[Option]


def _query(request, *, drop_page: bool = True, **changes) -> str:
    """The current query string with ``changes`` (a list of values, or None to remove)."""
    params = request.GET.copy()
    if drop_page:
        params.pop("page", None)
    for key, values in changes.items():
        params.pop(key, None)
        if values:
            params.setlist(key, [str(v) for v in values])
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


def _toggle(request, parameter: str, value) -> str:
    values = request.GET.getlist(parameter)
    value = str(value)
    values = [v for v in values if v != value] if value in values else [*values, value]
    return _query(request, drop_page=True, **{parameter: values})


def _options(request, parameter, choices, counts, selected, *, limit=None) -> list[Option]:
    """Facet options: values with initiatives, and the selected ones (to unselect them)."""
    selected = {str(v) for v in selected}
    shown = [
        (value, label) for value, label in choices if counts.get(value, 0) or str(value) in selected
    ]
    if limit is not None and len(shown) > limit:
        kept = sorted(shown, key=lambda vl: -counts.get(vl[0], 0))[:limit]
        shown = [vl for vl in shown if vl in kept or str(vl[0]) in selected]
    return [
        Option(
            value=str(value),
            label=str(label),
            count=counts.get(value, 0),
            selected=str(value) in selected,
            url=_toggle(request, parameter, value),
        )
        for value, label in shown
    ]


def _facets(request, filters, counts: selectors.FacetCounts, topics) -> list[Facet]:
    country_choices = sorted(
        ((code, countries.name(code)) for code in {*counts.countries, *filters.countries}),
        key=lambda cl: (-counts.countries.get(cl[0], 0), cl[1]),
    )
    year_choices = [(y, str(y)) for y in sorted({*counts.years, *filters.years}, reverse=True)]
    return [
        Facet(
            "type",
            _("Type"),
            _options(request, "type", InitiativeType.choices, counts.types, filters.types),
        ),
        Facet(
            "topic",
            _("Topic"),
            _options(
                request, "topic", [(t.slug, str(t)) for t in topics], counts.topics, filters.topics
            ),
        ),
        Facet(
            "country",
            _("Country"),
            _options(
                request,
                "country",
                country_choices,
                counts.countries,
                filters.countries,
                limit=COUNTRIES_SHOWN,
            ),
        ),
        Facet(
            "region",
            _("International and regions"),
            _options(request, "region", REGION_CHOICES, counts.regions, filters.regions),
        ),
        Facet(
            "status",
            _("Status"),
            _options(
                request, "status", InitiativeStatus.choices, counts.statuses, filters.statuses
            ),
        ),
        Facet(
            "year",
            _("Start year"),
            _options(request, "year", year_choices, counts.years, filters.years),
        ),
    ]


def _active(request, filters, topics) -> list[tuple[str, Option]]:
    """The filters in force, each with the link that removes it (for the map and the charts)."""
    topic_names = {t.slug: str(t) for t in topics}
    labels: dict[str, tuple[str, dict]] = {
        "type": (_("Type"), dict(InitiativeType.choices)),
        "topic": (_("Topic"), topic_names),
        "country": (_("Country"), {code: countries.name(code) for code in filters.countries}),
        "region": (_("International and regions"), dict(REGION_CHOICES)),
        "status": (_("Status"), dict(InitiativeStatus.choices)),
        "year": (_("Start year"), {y: str(y) for y in filters.years}),
    }
    values = {
        "type": filters.types,
        "topic": filters.topics,
        "country": filters.countries,
        "region": filters.regions,
        "status": filters.statuses,
        "year": filters.years,
    }
    active = []
    if filters.q:
        q_option = Option("", filters.q, 0, True, _query(request, q=None))
        active.append((_("Search"), q_option))
    for parameter, (label, names) in labels.items():
        for value in values[parameter]:
            option = Option(
                str(value),
                str(names.get(value, value)),
                0,
                True,
                _toggle(request, parameter, value),
            )
            active.append((label, option))
    return active


def _parse(request):
    topics = selectors.topics()
    form, filters = parse(request.GET, [(t.slug, str(t)) for t in topics])
    return form, filters, topics


def _links(request) -> dict[str, str]:
    """The other views of the same filtered Atlas."""
    query = _query(request)
    return {
        "directory": reverse("atlas:directory") + query,
        "map": reverse("atlas:map") + query,
        "charts": reverse("atlas:charts") + query,
        **{
            f"export_{fmt}": reverse("atlas:export", kwargs={"fmt": fmt}) + query
            for fmt in exports.FORMATS
        },
    }


@public
def directory(request):
    form, filters, topics = _parse(request)
    page = selectors.directory_page(filters, request.GET.get("page"))
    counts = selectors.facet_counts(filters)
    sorts = [
        (value, label, _query(request, sort=[value]), value == filters.effective_sort)
        for value, label in SORT_CHOICES[1:]
        if value != "relevance" or filters.q
    ]
    hidden = [
        (key, value)
        for key in ("type", "topic", "country", "region", "status", "year", "sort")
        for value in request.GET.getlist(key)
    ]
    facets = _facets(request, filters, counts, topics)
    active = [(facet, option) for facet in facets for option in facet.options if option.selected]
    return render(
        request,
        "atlas/browse/directory.html",
        {
            "form": form,
            "filters": filters,
            "page": page,
            "facets": facets,
            "active": active,
            "sorts": sorts,
            "hidden": hidden,
            "links": _links(request),
            "clear_url": reverse("atlas:directory"),
            "previous_url": _query(request, drop_page=False, page=[page.previous_page_number()])
            if page.has_previous()
            else None,
            "next_url": _query(request, drop_page=False, page=[page.next_page_number()])
            if page.has_next()
            else None,
        },
    )


@public
def detail(request, slug: str):
    initiative = get_object_or_404(
        Initiative.objects.select_related(
            "merged_into", "submitted_by__organisation"
        ).prefetch_related(
            "topics", "country_links", "lead_organisations", "partner_organisations"
        ),
        slug=slug,
    )
    if initiative.state == ModerationState.MERGED and initiative.merged_into is not None:
        return redirect(initiative.merged_into.get_absolute_url(), permanent=True)
    if not request.user.has_perm("atlas.read_initiative", initiative):
        raise Http404
    return render(
        request,
        "atlas/browse/detail.html",
        {
            "initiative": initiative,
            "countries": [link.country for link in initiative.country_links.all()],
            "regions": [
                label for code, label in REGION_CHOICES if code in (initiative.regions or [])
            ],
            "related": selectors.related_initiatives(initiative),
            "can_see_contact": request.user.has_perm("atlas.read_initiative_contact", initiative),
        },
    )


@public
def map_view(request):
    form, filters, topics = _parse(request)
    counts = selectors.country_counts(filters)
    bounds = worldmap.thresholds(max(counts.values(), default=0))
    world = worldmap.world_map()
    directory_url = reverse("atlas:directory")
    shapes = [
        {
            "shape": shape,
            "name": countries.name(shape.code) if shape.code else shape.name,
            "count": counts.get(shape.code, 0),
            "fill": worldmap.colour(counts.get(shape.code, 0), bounds),
            "href": directory_url + _query(request, country=[shape.code]) if shape.code else "",
        }
        for shape in world.shapes
    ]
    table = sorted(
        (
            {
                "code": code,
                "name": countries.name(code),
                "count": n,
                "href": directory_url + _query(request, country=[code]),
            }
            for code, n in counts.items()
        ),
        key=lambda row: (-row["count"], row["name"]),
    )
    beyond_all = selectors.beyond_countries(filters)
    beyond = list(beyond_all[:BEYOND_SHOWN])
    beyond_total = len(beyond) if len(beyond) < BEYOND_SHOWN else beyond_all.count()
    return render(
        request,
        "atlas/browse/map.html",
        {
            "form": form,
            "world": world,
            "shapes": shapes,
            "legend": worldmap.legend(bounds),
            "table": table,
            "beyond": beyond,
            "beyond_total": beyond_total,
            "international_url": directory_url + _query(request, region=["international"]),
            "links": _links(request),
            "active": _active(request, filters, topics),
        },
    )


@public
def charts(request):
    form, filters, topics = _parse(request)
    figures = selectors.figures(filters)
    directory_url = reverse("atlas:directory")

    def link(parameter, value):
        return directory_url + _query(request, **{parameter: [value]})

    by_type = sorted(
        (
            (label, figures["types"].get(value, 0), link("type", value))
            for value, label in InitiativeType.choices
        ),
        key=lambda row: -row[1],
    )
    by_topic = [(str(t), figures["topics"].get(t.slug, 0), link("topic", t.slug)) for t in topics]
    by_year = [(str(year), n, link("year", year)) for year, n in sorted(figures["years"].items())]
    return render(
        request,
        "atlas/browse/charts.html",
        {
            "form": form,
            "charts": [
                bar_chart([r for r in by_type if r[1]], title=_("Initiatives by type")),
                bar_chart(by_topic, title=_("Initiatives by topic")),
                bar_chart(by_year, title=_("Initiatives by start year")),
            ],
            "links": _links(request),
            "active": _active(request, filters, topics),
        },
    )


@public
def export(request, fmt: str):
    if fmt not in exports.FORMATS:
        raise Http404
    _form, filters, _topics = _parse(request)
    content = exports.render(fmt, selectors.directory(filters))
    response_class = HttpResponse if isinstance(content, bytes) else StreamingHttpResponse
    response = response_class(content, content_type=exports.FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="atlas-initiatives.{fmt}"'
    return response


@public
def dcat(request):
    """The Atlas's open data described in DCAT (JSON-LD), for other observatories to harvest."""
    initiatives = selectors.published()
    latest = initiatives.order_by("-updated_at").values_list("updated_at", flat=True).first()
    catalogue = exports.dcat_catalog(
        request.build_absolute_uri,
        modified=latest,
        count=initiatives.count(),
        keywords=list(Topic.objects.order_by("position", "name").values_list("name", flat=True)),
    )
    return JsonResponse(
        catalogue, content_type="application/ld+json", json_dumps_params={"ensure_ascii": False}
    )
