"""The scenario page (public: presets and URL-shared scenarios) and its exports."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sustainai.core.permissions import permission_required, public
from sustainai.foresight import DEFAULT_PRESET, PRESETS, ForesightInputError
from sustainai.toolkits.foresight import charts, exports, selectors, services
from sustainai.toolkits.foresight.forms import PAGE_MAX_SAMPLES, SaveScenarioForm, ScenarioForm
from sustainai.toolkits.foresight.labels import PRESET_TITLES
from sustainai.toolkits.foresight.selectors import results

PAGE_SAMPLES = 2000


def _scenario(
    request: HttpRequest,
) -> tuple[ScenarioForm, dict[str, Any] | None, dict[str, Any] | None]:
    data = request.GET if request.GET else {"preset": DEFAULT_PRESET}
    form = ScenarioForm(data)
    if not form.is_valid():
        return form, None, None
    overrides = form.overrides()
    if form.errors:
        return form, None, None
    samples = form.cleaned_data["samples"] or PAGE_SAMPLES
    seed = form.cleaned_data["seed"]
    spec = {"preset": form.cleaned_data["preset"], "overrides": overrides}
    try:
        result = results(spec, samples=samples, seed=seed, max_samples=PAGE_MAX_SAMPLES)
    except ForesightInputError as error:
        for field, message in error.errors.items():
            name = field.split(".")[0]
            form.add_error(name if name in form.fields else None, f"{field}: {message}")
        return form, None, None
    other = None
    if form.cleaned_data.get("compare"):
        other = results(
            {"preset": form.cleaned_data["compare"]},
            samples=samples,
            seed=seed,
            max_samples=PAGE_MAX_SAMPLES,
        )
    return form, result, other


@public
def scenario(request: HttpRequest) -> HttpResponse:
    form, result, other = _scenario(request)
    context: dict[str, Any] = {"form": form, "result": result, "other": other}
    if result:
        preset = result["scenario"]["preset"]
        name = result["scenario"]["name"]
        context["title"] = PRESET_TITLES[preset] if name == PRESETS[preset].title else name
        series = [
            (_("Total"), "total", result["total_twh"]),
            (_("Baseline"), "baseline", result["baseline_twh"]),
        ]
        if other:
            series.append(
                (str(PRESET_TITLES[other["scenario"]["preset"]]), "other", other["total_twh"])
            )
        context["energy_chart"] = charts.fan_chart(
            series, title=_("Data-centre electricity"), unit="TWh"
        )
        agentic = [(_("Agentic layer"), "agentic", result["agentic_twh"])]
        if other:
            agentic.append(
                (str(PRESET_TITLES[other["scenario"]["preset"]]), "other", other["agentic_twh"])
            )
        context["agentic_chart"] = charts.fan_chart(agentic, title=_("Agentic layer"), unit="TWh")
        context["emissions_chart"] = charts.fan_chart(
            [(_("Total"), "total", result["emissions_mt"])], title=_("Emissions"), unit="Mt CO2e"
        )
        context["water_chart"] = charts.fan_chart(
            [(_("Total"), "total", result["water_gl"])], title=_("Water"), unit="GL"
        )
        context["tornados"] = []
        for output, label, key in (
            ("agentic_twh", _("Agentic layer"), "agentic_twh"),
            ("total_twh", _("Total"), "total_twh"),
        ):
            for year in (2030, 2035):
                rows = [r for r in result["tornado"] if r["output"] == output and r["year"] == year]
                point = next((p for p in result[key] if p["year"] == year), None)
                if rows and point:
                    context["tornados"].append(
                        # The six strongest drivers: the Sobol table below lists more.
                        charts.tornado(
                            rows, title=f"{label}, {year} (TWh)", central=point["value"], limit=6
                        )
                    )
        context["rows"] = list(
            zip(
                result["years"],
                result["baseline_twh"],
                result["agentic_twh"],
                result["total_twh"],
                result["emissions_mt"],
                result["water_gl"],
                strict=True,
            )
        )
        context["top_sensitivity"] = [
            s for s in result["sensitivity"] if s["output"] == "agentic_twh"
        ][:8]
        context["query"] = request.GET.urlencode()
        workstream = selectors.foresight_workstream()
        if workstream is not None and request.user.has_perm("foresight.save_scenario", workstream):
            context["save_form"] = SaveScenarioForm(initial={"query": context["query"]})
    return render(request, "foresight/scenario.html", context)


@public
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    form, result, _other = _scenario(request)
    if result is None:
        return HttpResponse(
            _("Invalid scenario."), status=400, content_type="text/plain; charset=utf-8"
        )
    name = f"foresight-{result['scenario']['preset']}"
    if fmt == "csv":
        response = HttpResponse(exports.csv_table(result), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    if fmt == "xlsx":
        response = HttpResponse(
            exports.workbook(result),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    if fmt == "pdf":
        response = HttpResponse(exports.brief_pdf(request, result), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
        return response
    return HttpResponse(status=404)


def _workstream(request: HttpRequest, **kwargs: Any):
    return selectors.foresight_workstream()


@permission_required("foresight.save_scenario", _workstream)
@require_POST
def save(request: HttpRequest) -> HttpResponse:
    """Save the scenario of the page's address for the workstream, under a title."""
    workstream = selectors.foresight_workstream()
    if workstream is None:
        raise Http404
    form = SaveScenarioForm(request.POST)
    if not form.is_valid():
        return HttpResponse(
            "; ".join(f"{k}: {' '.join(str(e) for e in v)}" for k, v in form.errors.items()),
            status=422,
            content_type="text/plain; charset=utf-8",
        )
    query = form.cleaned_data["query"]
    scenario_form = ScenarioForm(QueryDict(query))
    spec: dict[str, Any] = {"preset": "?"}
    if scenario_form.is_valid():
        overrides = scenario_form.overrides()
        if not scenario_form.errors:
            spec = {"preset": scenario_form.cleaned_data["preset"], "overrides": overrides}
    try:
        services.save_scenario(
            workstream=workstream,
            user=request.user,
            title=form.cleaned_data["title"],
            query=query,
            spec=spec,
        )
    except services.ScenarioNotSaved as error:
        return HttpResponse(
            "; ".join(f"{k}: {v}" for k, v in error.errors.items()),
            status=422,
            content_type="text/plain; charset=utf-8",
        )
    messages.success(request, _("Scenario saved for the workstream."))
    return redirect(reverse("workstreams:space", kwargs={"slug": workstream.slug}))
