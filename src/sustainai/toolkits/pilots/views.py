"""Pages of the pilots showcase: the gallery (facets and map), a pilot's page, submission,
moderation, collections and their brochure (PDF)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django_countries import countries

from sustainai.atlas import worldmap
from sustainai.core.permissions import permission_required, public
from sustainai.toolkits.pilots import selectors, services
from sustainai.toolkits.pilots.forms import (
    CollectionForm,
    FilterForm,
    KPIFormSet,
    ModerationForm,
    PilotForm,
    apply_errors,
    initial_of,
    kpi_rows,
)
from sustainai.toolkits.pilots.models import Collection, Pilot, Sector, State


def _filters(request) -> tuple[FilterForm, selectors.Filters]:
    form = FilterForm(request.GET or None)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        return form, selectors.Filters(
            sector=data["sector"],
            country=data["country"],
            trl_min=data["trl_min"],
            sdg=data["sdg"],
            sign=data["sign"],
            coalition=_coalition(request),
        )
    return form, selectors.Filters(coalition=_coalition(request))


def _query(request, **changes) -> str:
    params = {k: v for k, v in request.GET.items() if v}
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = str(value)
    return "?" + urlencode(params) if params else "?"


def map_context(country_counts, href=None) -> dict:
    """The Atlas's world map (``atlas.worldmap``) shaded by pilots per country."""
    bounds = worldmap.thresholds(max(country_counts.values(), default=0))
    world = worldmap.world_map()
    shapes = [
        {
            "shape": shape,
            "name": countries.name(shape.code) if shape.code else shape.name,
            "count": country_counts.get(shape.code, 0),
            "fill": worldmap.colour(country_counts.get(shape.code, 0), bounds),
            "href": href(shape.code) if href and shape.code else "",
        }
        for shape in world.shapes
    ]
    return {"world": world, "shapes": shapes, "legend": worldmap.legend(bounds)}


def _coalition(request) -> bool:
    return request.user.has_perm("pilots.view_coalition")


@public
@require_GET
def gallery(request):
    form, filters = _filters(request)
    pilots = selectors.gallery(filters)
    counts = selectors.facet_counts(filters)
    coalition = _coalition(request)
    sectors = dict(Sector.choices)
    facets = {
        "sector": [
            (code, sectors[code], n, _query(request, sector=code))
            for code, n in sorted(counts["sector"].items(), key=lambda kv: str(sectors[kv[0]]))
        ],
        "country": [
            (code, countries.name(code), n, _query(request, country=code))
            for code, n in sorted(counts["country"].items(), key=lambda kv: countries.name(kv[0]))
        ],
        # "TRL at least n": each level counts the pilots at n or above.
        "trl": [
            (n, n, sum(c for t, c in counts["trl"].items() if t >= n), _query(request, trl_min=n))
            for n in sorted(counts["trl"])
        ],
        "sdg": [
            (n, _("SDG %(n)d") % {"n": n}, c, _query(request, sdg=n))
            for n, c in sorted(counts["sdg"].items())
        ],
        "sign": [
            (code, label, counts["sign"].get(code, 0), _query(request, sign=code))
            for code, label in (
                ("positive", _("Positive")),
                ("uncertain", _("Uncertain")),
                ("negative", _("Negative")),
            )
        ],
    }
    # The country list offers the countries that have pilots (and the one chosen), not all 250:
    # any country code is still accepted in the address.
    offered = set(counts["country"]) | {request.GET.get("country", "")}
    form.fields["country"].widget.choices = [
        (code, name) for code, name in form.fields["country"].choices if code in offered
    ]
    return render(
        request,
        "pilots/gallery.html",
        {
            "form": form,
            "pilots": [(p, selectors.net_visible(p, coalition)) for p in pilots],
            "facets": facets,
            "totals": selectors.totals(pilots, coalition),
            "filtered": filters != selectors.Filters(coalition=filters.coalition),
            **map_context(counts["country"], lambda code: _query(request, country=code)),
        },
    )


@public
@require_GET
def detail(request, slug):
    try:
        pilot = selectors.pilot(slug)
    except Pilot.DoesNotExist:
        raise Http404 from None
    if pilot.state != State.PUBLISHED and not (
        request.user.has_perm("pilots.moderate")
        or (request.user.is_authenticated and pilot.submitted_by_id == request.user.pk)
    ):
        raise Http404
    coalition = _coalition(request)
    context = _pilot_context(pilot, coalition)
    context["may_edit"] = request.user.has_perm("pilots.edit", pilot)
    return render(request, "pilots/detail.html", context)


def _pilot_context(pilot: Pilot, coalition: bool) -> dict:
    def shown(part: str) -> bool:
        return coalition or pilot.is_public(part)

    return {
        "pilot": pilot,
        "coalition": coalition,
        "shown": {
            part: shown(part)
            for part in ("partners", "data_sources", "technique", "kpis", "footprint", "evidence")
        },
        "net_shown": selectors.net_visible(pilot, coalition),
        "benefit": selectors.benefit(pilot),
        "footprint": selectors.footprint(pilot),
        "net": selectors.net(pilot),
        "countries": [link.country for link in pilot.country_links.all()],
        "kpis": list(pilot.kpis.all()),
        "evidence": list(pilot.evidence.all()),
    }


def _saved(request, form, formset, save) -> Pilot | None:
    """Validate the pilot and its KPIs (both, so that every error shows at once) and save them
    through ``save(values, kpis, countries=..., evidence=...)``; None, with each refusal beside
    its field, when they are refused or it is no POST."""
    if request.method != "POST" or not all([form.is_valid(), formset.is_valid()]):
        return None
    rows, kpi_forms = kpi_rows(formset)
    try:
        return save(
            form.values(),
            rows,
            countries=form.cleaned_data["countries"],
            evidence=form.cleaned_data["evidence"],
        )
    except ValidationError as error:
        apply_errors(form, kpi_forms, {k: v[0] for k, v in error.message_dict.items()})
    except services.PilotError as error:
        form.add_error(None, str(error))
    return None


def _form_page(request, context: dict) -> HttpResponse:
    # A refused submission answers 422, as the platform's other forms do.
    status = 422 if request.method == "POST" else 200
    return render(request, "pilots/submit.html", context, status=status)


@permission_required("pilots.submit")
@require_http_methods(["GET", "POST"])
def submit(request):
    form = PilotForm(request.POST or None)
    formset = KPIFormSet(request.POST or None, prefix="kpi")
    pilot = _saved(
        request,
        form,
        formset,
        lambda values, kpis, **links: services.submit(values, kpis, request.user, **links),
    )
    if pilot is not None:
        messages.success(request, _("Thank you: the workstream's leads will review your pilot."))
        return redirect(pilot.get_absolute_url())
    return _form_page(request, {"form": form, "formset": formset})


def _editable(request, slug, **_kwargs):
    try:
        return selectors.pilot(slug)
    except Pilot.DoesNotExist:
        raise Http404 from None


@permission_required("pilots.edit", _editable)
@require_http_methods(["GET", "POST"])
def edit(request, slug):
    pilot = _editable(request, slug)
    initial, kpis = initial_of(pilot)
    form = PilotForm(request.POST or None, initial=initial)
    formset = KPIFormSet(request.POST or None, prefix="kpi", initial=kpis)
    saved = _saved(
        request,
        form,
        formset,
        lambda values, kpis, **links: services.edit(pilot, values, kpis, request.user, **links),
    )
    if saved is not None:
        if saved.state == State.SUBMITTED:
            messages.success(request, _("Saved: the workstream's leads will review it."))
        else:
            messages.success(request, _("Pilot saved."))
        return redirect(saved.get_absolute_url())
    return _form_page(request, {"form": form, "formset": formset, "pilot": pilot})


@permission_required("pilots.moderate")
@require_GET
def moderation(request):
    return render(request, "pilots/moderation.html", {"pilots": selectors.pending()})


@permission_required("pilots.moderate")
@require_http_methods(["GET", "POST"])
def moderate(request, slug):
    try:
        pilot = selectors.pilot(slug)
    except Pilot.DoesNotExist:
        raise Http404 from None
    form = ModerationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.moderate(
                pilot,
                form.cleaned_data["decision"] == "publish",
                request.user,
                form.cleaned_data["note"],
            )
        except services.PilotError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Decision recorded."))
        return redirect("pilots:moderation")
    revisions = [
        (revision, selectors.revision_lines(revision))
        for revision in selectors.unreviewed_revisions(pilot)
    ]
    return render(
        request,
        "pilots/moderate.html",
        {**_pilot_context(pilot, True), "form": form, "revisions": revisions},
        status=422 if request.method == "POST" else 200,
    )


@permission_required("pilots.manage_collections")
@require_http_methods(["GET", "POST"])
def collections(request):
    form = CollectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        collection = Collection(
            title=data["title"],
            event=data["event"],
            event_date=data["event_date"],
            introduction=data["introduction"],
        )
        try:
            collection = services.save_collection(collection, list(data["pilots"]), request.user)
        except (ValidationError, services.PilotError) as error:
            form.add_error(None, getattr(error, "messages", [str(error)])[0])
        else:
            messages.success(request, _("Collection saved."))
            return redirect(collection.get_absolute_url())
    return render(
        request,
        "pilots/collections.html",
        {"form": form, "collections": selectors.collections()},
        status=422 if request.method == "POST" else 200,
    )


def _collection_context(request, slug: str) -> dict:
    try:
        collection = selectors.collection(slug)
    except Collection.DoesNotExist:
        raise Http404 from None
    pilots = selectors.collection_pilots(collection)
    coalition = _coalition(request)
    counts: dict[str, int] = {}
    for p in pilots:
        for link in p.country_links.all():
            code = str(link.country)
            counts[code] = counts.get(code, 0) + 1
    return {
        "collection": collection,
        "pilots": [_pilot_context(p, coalition) for p in pilots],
        "totals": selectors.totals(pilots, coalition),
        **map_context(counts),
    }


@public
@require_GET
def collection(request, slug):
    return render(request, "pilots/collection.html", _collection_context(request, slug))


@public
@require_GET
def brochure(request, slug):
    """The collection as a PDF brochure (WeasyPrint): a cover with the map and the totals, then
    one page per pilot. Coalition-only parts appear only for those entitled to them."""
    from weasyprint import HTML

    context = _collection_context(request, slug)
    html = render_to_string("pilots/brochure.html", context, request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="pilots-{context["collection"].slug}.pdf"'
    return response
