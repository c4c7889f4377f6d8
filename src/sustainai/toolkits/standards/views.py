"""Pages of the standards roadmap: the faceted registry, a standard, the coverage matrix and
timeline, editions (freeze, compare, printable page) and exports."""

from __future__ import annotations

import json

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sustainai.core import spreadsheets
from sustainai.core.permissions import permission_required, public
from sustainai.toolkits.standards import graph, selectors, services
from sustainai.toolkits.standards.forms import (
    CompareForm,
    DecisionForm,
    EditionForm,
    FilterForm,
    PrinciplesForm,
    ProposalForm,
    RelationForm,
    StatusForm,
)
from sustainai.toolkits.standards.models import (
    Dimension,
    Edition,
    Phase,
    Principles,
    Proposal,
    RelationType,
    Standard,
)

EXPORT_HEADER = (
    "body",
    "identifier",
    "title",
    "status",
    "date",
    "scope",
    "lifecycle_phases",
    "url",
)


def _filters(request) -> tuple[FilterForm, selectors.Filters]:
    form = FilterForm(request.GET or None, bodies=selectors.bodies())
    if form.is_bound and form.is_valid():
        return form, selectors.Filters(**{k: v.strip() for k, v in form.cleaned_data.items()})
    return form, selectors.Filters()


@public
@require_GET
def standard_list(request):
    form, filters = _filters(request)
    items = list(selectors.standards(filters))
    return render(
        request,
        "standards/list.html",
        {
            "form": form,
            "items": items,
            "query": request.GET.urlencode(),
            "phase_labels": dict(Phase.choices),
            "dimension_labels": dict(Dimension.choices),
        },
    )


@public
@require_GET
def standard_detail(request, pk):
    standard = get_object_or_404(selectors.standards(), pk=pk)
    return render(
        request,
        "standards/detail.html",
        {
            "standard": standard,
            "relations": selectors.relations_of(standard),
            "events": list(standard.events.all()),
            "changes": list(standard.changes.all()[:50]),
            "phase_labels": dict(Phase.choices),
            "dimension_labels": dict(Dimension.choices),
            "status_form": StatusForm(initial={"status": standard.status, "date": standard.date}),
            "relation_form": RelationForm(),
            "relation_labels": RelationType.choices,
            "can_manage": request.user.has_perm("standards.manage"),
            "can_propose": request.user.has_perm("standards.propose"),
        },
    )


@permission_required("standards.manage")
@require_POST
def standard_status(request, pk):
    standard = get_object_or_404(Standard, pk=pk)
    form = StatusForm(request.POST)
    if form.is_valid():
        services.change_status(standard, form.cleaned_data["status"], form.cleaned_data["date"])
        messages.success(request, _("Status recorded."))
    else:
        messages.error(request, _("The status could not be recorded: check the date."))
    return redirect(standard)


def _selected_cell(request, cells):
    phase, dimension = request.GET.get("phase", ""), request.GET.get("dimension", "")
    for cell in cells:
        if cell.phase == phase and cell.dimension == dimension:
            return cell
    return None


@public
@require_GET
def coverage(request):
    cells = selectors.coverage()
    cell = _selected_cell(request, cells)
    listed = (
        list(Standard.objects.filter(identifier__in=cell.identifiers).order_by("identifier"))
        if cell
        else []
    )
    return render(
        request,
        "standards/coverage.html",
        {
            "rows": selectors.matrix_rows(cells),
            "dimensions": Dimension.choices,
            "cell": cell,
            "cell_phase": dict(Phase.choices).get(cell.phase) if cell else None,
            "cell_dimension": dict(Dimension.choices).get(cell.dimension) if cell else None,
            "listed": listed,
            "gaps": sum(1 for c in cells if c.count == 0),
            "timeline": selectors.timeline(),
        },
    )


@public
@require_GET
def export(request, fmt):
    rows = [
        (
            s.body,
            s.identifier,
            s.title,
            s.status,
            s.date.isoformat() if s.date else "",
            "; ".join(s.dimensions),
            "; ".join(s.phases),
            s.url,
        )
        for s in selectors.standards(_filters(request)[1])
    ]
    if fmt == "csv":
        response = HttpResponse(spreadsheets.csv_text(EXPORT_HEADER, rows), content_type="text/csv")
    elif fmt == "xlsx":
        response = HttpResponse(
            spreadsheets.xlsx_bytes([("standards", EXPORT_HEADER, rows)], bold_header=True),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    elif fmt == "json":
        data = [
            dict(zip(EXPORT_HEADER, [spreadsheets.safe_cell(v) for v in row], strict=True))
            for row in rows
        ]
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=1), content_type="application/json"
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="standards.{fmt}"'
    return response


@public
@require_http_methods(["GET", "POST"])
def editions(request):
    can_manage = request.user.has_perm("standards.manage")
    all_editions = list(Edition.objects.only("name", "created_at", "published"))
    edition_form = EditionForm(prefix="edition")
    principles = Principles.objects.first()
    principles_form = PrinciplesForm(
        prefix="principles", initial={"text": principles.text if principles else ""}
    )
    if request.method == "POST":
        if not can_manage:
            return HttpResponse(status=403)
        if "edition-name" in request.POST:
            edition_form = EditionForm(request.POST, prefix="edition")
            if edition_form.is_valid():
                try:
                    edition = services.freeze_edition(edition_form.cleaned_data["name"])
                except services.RoadmapError as exc:
                    edition_form.add_error("name", str(exc))
                else:
                    messages.success(
                        request, _("Edition %(name)s frozen.") % {"name": edition.name}
                    )
                    return redirect("standards:edition", name=edition.name)
        elif "principles-text" in request.POST:
            principles_form = PrinciplesForm(request.POST, prefix="principles")
            if principles_form.is_valid():
                services.save_principles(principles_form.cleaned_data["text"])
                messages.success(request, _("Principles saved as a new version."))
                return redirect("standards:editions")
    visible = [e for e in all_editions if e.published or can_manage]
    compare = CompareForm(request.GET or None, editions=visible)
    diff = None
    if compare.is_bound and compare.is_valid():
        by_name = {
            e.name: e
            for e in Edition.objects.filter(
                name__in=[compare.cleaned_data["before"], compare.cleaned_data["after"]]
            )
        }
        diff = selectors.compare(
            by_name[compare.cleaned_data["before"]], by_name[compare.cleaned_data["after"]]
        )
    return render(
        request,
        "standards/editions.html",
        {
            "editions": visible,
            "can_manage": can_manage,
            "edition_form": edition_form,
            "principles_form": principles_form,
            "principles_versions": Principles.objects.count(),
            "compare": compare,
            "diff": diff,
        },
    )


def _edition(request, name, **kwargs):
    edition = get_object_or_404(Edition, name=name)
    if not edition.published and not request.user.has_perm("standards.manage"):
        raise Http404
    return edition


def _edition_context(request, edition) -> dict:
    items = selectors.edition_entries(edition)
    cells = selectors.coverage(list(items.values()))
    return {
        "edition": edition,
        "rows": selectors.matrix_rows(cells),
        "dimensions": Dimension.choices,
        "standards": edition.standards,
        "timeline": selectors.edition_timeline(edition),
        "can_manage": request.user.has_perm("standards.manage"),
    }


@public
@require_GET
def edition(request, name):
    edition = _edition(request, name)
    return render(request, "standards/edition.html", _edition_context(request, edition))


@public
@require_GET
def edition_pdf(request, name):
    """The edition as a PDF (WeasyPrint), from a print template of its own."""
    from weasyprint import HTML

    edition = _edition(request, name)
    html = render_to_string("standards/edition_print.html", _edition_context(request, edition))
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="standards-roadmap-{edition.pk}.pdf"'
    return response


@public
@require_GET
def relation_graph(request):
    standards = Standard.objects.only("pk", "identifier")
    nodes = [graph.Node(s.identifier, s.get_absolute_url()) for s in standards]
    edges = selectors.relation_edges()
    return render(
        request,
        "standards/graph.html",
        {
            "svg": mark_safe(graph.svg(nodes, edges, _("Relations between standards"))),  # noqa: S308
            "edges": edges,
            "colours": graph.COLOURS,
        },
    )


@permission_required("standards.manage")
@require_POST
def edition_publish(request, name):
    edition = get_object_or_404(Edition, name=name)
    services.publish_edition(edition)
    messages.success(request, _("Edition %(name)s published.") % {"name": edition.name})
    return redirect("standards:edition", name=edition.name)


def _standard_or_none(request, pk=None, **kwargs):
    return get_object_or_404(Standard, pk=pk) if pk is not None else None


@permission_required("standards.propose")
@require_http_methods(["GET", "POST"])
def propose(request, pk=None):
    """Propose a new standard (no ``pk``) or a correction of one."""
    standard = _standard_or_none(request, pk)
    initial = {}
    if standard is not None:
        initial = {
            "body": standard.body,
            "title": standard.title,
            "status": standard.status,
            "date": standard.date,
            "phases": standard.phases,
            "dimensions": standard.dimensions,
            "url": standard.url,
        }
    form = ProposalForm(request.POST or None, initial=initial, standard=standard)
    if request.method == "POST":
        if form.is_valid():
            services.propose(
                request.user,
                form.cleaned_data,
                standard=standard,
                comment=form.cleaned_data["comment"],
            )
            messages.success(
                request, _("Thank you: the workstream's leads will review your proposal.")
            )
            return redirect(standard or "standards:list")
        status = 422
    else:
        status = 200
    return render(
        request, "standards/propose.html", {"form": form, "standard": standard}, status=status
    )


@permission_required("standards.manage")
@require_GET
def proposals(request):
    return render(
        request,
        "standards/proposals.html",
        {"proposals": list(selectors.pending_proposals()), "form": DecisionForm()},
    )


@permission_required("standards.manage")
@require_POST
def decide(request, pk):
    proposal = get_object_or_404(Proposal, pk=pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.decide(
                proposal,
                request.user,
                accept=form.cleaned_data["decision"] == "accept",
                reason=form.cleaned_data["reason"],
            )
        except services.RoadmapError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Decision recorded."))
    return redirect("standards:proposals")


@permission_required("standards.manage")
@require_POST
def standard_relate(request, pk):
    standard = get_object_or_404(Standard, pk=pk)
    form = RelationForm(request.POST)
    if form.is_valid():
        try:
            services.relate(standard, form.cleaned_data["type"], form.cleaned_data["target"])
        except services.RoadmapError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Relation recorded."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(standard)
