"""Pages of the compressed-models library: the catalogue with filters, the Pareto view, an entry,
exports, proposals and their moderation, and benchmark runs with their progress."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sustainai.core.permissions import permission_required, public
from sustainai.toolkits.models import charts, exports, selectors, services
from sustainai.toolkits.models.forms import BenchmarkForm, DecisionForm, FilterForm, ProposalForm
from sustainai.toolkits.models.models import BenchmarkRun, Entry, Status


def _filters(request) -> tuple[FilterForm, selectors.Filters]:
    form = FilterForm(request.GET or None, tasks=selectors.tasks())
    if form.is_bound and form.is_valid():
        return form, selectors.Filters(**form.cleaned_data)
    return form, selectors.Filters()


@public
@require_GET
def catalogue(request):
    form, filters = _filters(request)
    entries = selectors.published(filters)
    front = selectors.front(entries)
    return render(
        request,
        "models/catalogue.html",
        {
            "form": form,
            "entries": entries,
            "front": front,
            "query": request.GET.urlencode(),
        },
    )


@public
@require_GET
def pareto(request):
    form, filters = _filters(request)
    entries = selectors.published(filters)
    front = selectors.front(entries)
    chart = charts.pareto_chart(entries, front, title=_("Quality against energy"))
    return render(
        request,
        "models/pareto.html",
        {"form": form, "entries": entries, "front": front, "chart": chart},
    )


@public
@require_GET
def entry(request, slug):
    found = get_object_or_404(Entry.objects.select_related("base"), slug=slug)
    if found.status != Status.PUBLISHED and not request.user.has_perm("model_library.moderate"):
        raise Http404
    return render(
        request,
        "models/entry.html",
        {
            "entry": found,
            "ratio": selectors.energy_ratio(found),
            "runs": list(found.runs.all()[:5]),
            "benchmark_form": BenchmarkForm(),
        },
    )


@public
@require_GET
def export(request, fmt):
    _form, filters = _filters(request)
    entries = selectors.published(filters)
    if fmt == "csv":
        response = HttpResponse(exports.csv_table(entries), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(
            exports.workbook(entries),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="models.{fmt}"'
    return response


@permission_required("model_library.propose")
@require_http_methods(["GET", "POST"])
def propose(request):
    form = ProposalForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            data = dict(form.cleaned_data)
            card, upload = data.pop("card"), data.pop("file")
            try:
                services.propose(request.user, data, card=card, upload=upload)
            except services.EntryError as error:
                for field, message in error.errors.items():
                    form.add_error(field if field in form.fields else None, f"{field}: {message}")
            else:
                messages.success(
                    request, _("Thank you: the workstream's leads will review your proposal.")
                )
                return redirect("model_library:catalogue")
    return render(request, "models/propose.html", {"form": form}, status=status)


@permission_required("model_library.moderate")
@require_GET
def proposals(request):
    return render(
        request,
        "models/proposals.html",
        {"proposals": selectors.pending(), "form": DecisionForm()},
    )


@permission_required("model_library.moderate")
@require_POST
def decide(request, slug):
    found = get_object_or_404(Entry, slug=slug)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.decide(
                found,
                request.user,
                accept=form.cleaned_data["decision"] == "accept",
                reason=form.cleaned_data["reason"],
            )
        except services.EntryError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Decision recorded."))
    return redirect("model_library:proposals")


@permission_required("model_library.moderate")
@require_POST
def benchmark(request, slug):
    found = get_object_or_404(Entry, slug=slug)
    form = BenchmarkForm(request.POST)
    if not form.is_valid():
        return redirect(found)
    try:
        run = services.start_benchmark(found, request.user, repeat=form.cleaned_data["repeat"])
    except services.EntryError as error:
        messages.error(request, str(error))
        return redirect(found)
    return redirect("model_library:run", pk=run.pk)


@permission_required("model_library.moderate")
@require_GET
def run(request, pk):
    found = get_object_or_404(BenchmarkRun.objects.select_related("entry"), pk=pk)
    template = "models/_run.html" if request.htmx else "models/run.html"
    return render(request, template, {"run": found, "percent": round(found.progress * 100)})
