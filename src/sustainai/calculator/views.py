"""The calculator page (GET with the inputs in the query string, so every result has a shareable
URL) and the downloads of its exports."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from sustainai.calculator.charts import breakdown
from sustainai.calculator.exporters import FORMATS
from sustainai.calculator.exporters import render as render_export
from sustainai.calculator.forms import EstimateForm
from sustainai.calculator.presentation import (
    assumption,
    comparisons,
    quantity,
    source_what,
    total_emissions,
)
from sustainai.core.permissions import public
from sustainai.footprint import FootprintInputError, estimate, sci

EXAMPLES = [
    (
        "BLOOM-176B",
        "accelerator=A100-80GB&accelerator_hours=1082990&power_w=400&pue=1&"
        "carbon_intensity_g_per_kwh=57",
    ),
    ("GPT-3 (compute route)", "accelerator=V100&flops=3.14e23&precision=fp16&pue=1.1&location=US"),
    (
        "7B chat model, 1,000 requests",
        "phase=inference&accelerator=H100&params=7e9&input_tokens=500&output_tokens=200&"
        "requests=1000&batch_size=8&location=aws:eu-west-3",
    ),
    (
        "Llama-3.1-70B served on 4 × H100",
        "phase=inference&accelerator=H100&accelerator_count=4&params=70.6e9&input_tokens=800&"
        "output_tokens=352&requests=1000&batch_size=64&kv_cache_bytes_per_token=327680",
    ),
]


def _estimate(request):
    """(form, result) for the query string; result is None when nothing was asked or on errors."""
    form = EstimateForm(request.GET or None)
    if not request.GET or not form.is_valid():
        return form, None
    try:
        return form, estimate(form.spec())
    except FootprintInputError as error:
        form.add_engine_errors(error.errors)
        return form, None


@public
def calculator(request):
    form, result = _estimate(request)
    context = {"form": form, "result": result, "examples": EXAMPLES}
    if result is not None:
        # Only the inputs given: the shared link stays short and reads as the estimate's inputs.
        query = urlencode([(key, value) for key, value in request.GET.items() if value])
        context.update(
            chart=breakdown(result),
            share_url=request.build_absolute_uri(f"{request.path}?{query}"),
            query=query,
            headline=quantity(total_emissions(result), "carbon"),
            energy=quantity(result["energy_kwh"], "energy"),
            water=quantity(result["water_l"], "water"),
            comparisons=comparisons(result),
            rows=_rows(result),
            assumptions=[assumption(line) for line in result["assumptions"]],
            sources=[{**source, "what": source_what(source)} for source in result["sources"]],
            sci=_sci(result),
        )
    status = 422 if form.is_bound and form.errors else 200
    return render(request, "calculator/calculator.html", context, status=status)


def _rows(result: dict) -> list[tuple[str, dict[str, str]]]:
    """(label, figures) of the result's table, each row in the unit its value calls for."""
    rows = [
        (_("Energy"), quantity(result["energy_kwh"], "energy")),
        (_("Operational emissions"), quantity(result["carbon_kgco2e"], "carbon")),
        (_("Embodied emissions"), quantity(result["embodied_kgco2e"], "carbon")),
        (_("Total emissions"), quantity(total_emissions(result), "carbon")),
        (_("Water (on-site cooling)"), quantity(result["water_l"], "water")),
        (_("Accelerator-hours"), quantity(result["accelerator_hours"], "hours")),
    ]
    per_request = result.get("per_request")
    if per_request:
        rows += [
            (_("Energy per request"), quantity(per_request["energy_kwh"], "energy")),
            (_("Emissions per request"), quantity(per_request["carbon_kgco2e"], "carbon")),
            (_("Water per request"), quantity(per_request["water_l"], "water")),
        ]
    if result.get("deployment"):
        rows.append(
            (
                _("Serving wall-clock hours"),
                quantity(result["deployment"]["wall_clock_hours"], "hours"),
            )
        )
    if result.get("energy_j_per_output_token"):
        rows.append(
            (_("Energy per output token"), quantity(result["energy_j_per_output_token"], "joules"))
        )
    return rows


def _sci(result: dict) -> dict[str, str]:
    """The Green Software Foundation SCI score in words: its figure (the engine's is in grams) and
    its functional unit."""
    score = sci(result)
    kilograms = {key: grams / 1000 for key, grams in score["sci_gco2e_per_unit"].items()}
    units = {"training run": _("training run"), "request": _("request"), "run": _("run")}
    return {
        "value": quantity(kilograms, "carbon")["value"],
        "unit": units.get(score["functional_unit"], score["functional_unit"]),
    }


@public
def export(request, fmt: str):
    if fmt not in FORMATS:
        raise Http404(_("Unknown export format."))
    form, result = _estimate(request)
    if result is None:
        errors = "; ".join(
            f"{field}: {' '.join(messages)}" for field, messages in form.errors.items()
        )
        return HttpResponse(
            errors or _("Give the calculator's inputs in the query string."),
            status=422,
            content_type="text/plain; charset=utf-8",
        )
    content_type, extension = FORMATS[fmt]
    response = HttpResponse(
        render_export(result, fmt), content_type=f"{content_type}; charset=utf-8"
    )
    name = {"json": "footprint", "model-card": "co2_eq_emissions", "sci": "sci"}[fmt]
    response["Content-Disposition"] = f'attachment; filename="{name}.{extension}"'
    return response
