"""A run's figures as CSV and XLSX, through ``core.spreadsheets``."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from sustainai.core.spreadsheets import csv_text, xlsx_bytes

SERIES = (
    ("baseline_twh", "baseline", "TWh"),
    ("agentic_twh", "agentic", "TWh"),
    ("total_twh", "total", "TWh"),
    ("baseline_emissions_mt", "baseline", "Mt CO2e"),
    ("agentic_emissions_mt", "agentic", "Mt CO2e"),
    ("emissions_mt", "total", "Mt CO2e"),
    ("baseline_water_gl", "baseline", "GL"),
    ("agentic_water_gl", "agentic", "GL"),
    ("water_gl", "total", "GL"),
)
HEADER = ("year", "layer", "unit", "value", "low (5th percentile)", "high (95th percentile)")


def rows(result: dict[str, Any]) -> list[list[Any]]:
    out = []
    for key, layer, unit in SERIES:
        for point in result[key]:
            out.append([point["year"], layer, unit, point["value"], point["low"], point["high"]])
    return out


def csv_table(result: dict[str, Any]) -> str:
    return csv_text(HEADER, rows(result))


def workbook(result: dict[str, Any]) -> bytes:
    parameters = result["scenario"]["parameters"]
    return xlsx_bytes(
        [
            ("Results", HEADER, rows(result)),
            (
                "Parameters",
                ("parameter", "low", "mode", "high", "unit", "source", "note"),
                [
                    [name, p["low"], p["mode"], p["high"], p["unit"], p["source"] or "", p["note"]]
                    for name, p in parameters.items()
                ],
            ),
            (
                "Sensitivity",
                ("output", "year", "parameter", "Sobol total index", "first-order index"),
                [
                    [s["output"], s["year"], s["parameter"], s["index"], s["first_order"]]
                    for s in result["sensitivity"]
                ],
            ),
            (
                "Sources",
                ("id", "title", "url", "year"),
                [[s["id"], s["title"], s["url"] or "", s["year"]] for s in result["sources"]],
            ),
        ],
        bold_header=True,
    )


def brief_pdf(request: Any, result: dict[str, Any]) -> bytes:
    """A two-page brief: the headline figures per year, the charts, the drivers and the sources,
    rendered by WeasyPrint from HTML (imported here: it loads native libraries)."""
    from weasyprint import HTML

    from sustainai.toolkits.foresight import charts

    context = {
        "result": result,
        "energy_chart": charts.fan_chart(
            [
                ("Total", "total", result["total_twh"]),
                ("Baseline", "baseline", result["baseline_twh"]),
            ],
            title="Data-centre electricity",
            unit="TWh",
        ),
        "agentic_chart": charts.fan_chart(
            [("Agentic", "agentic", result["agentic_twh"])], title="Agentic layer", unit="TWh"
        ),
        "rows": list(
            zip(
                result["years"],
                result["baseline_twh"],
                result["agentic_twh"],
                result["total_twh"],
                result["emissions_mt"],
                result["water_gl"],
                strict=True,
            )
        ),
        "drivers": [s for s in result["sensitivity"] if s["output"] == "agentic_twh"][:6],
    }
    html = render_to_string("foresight/brief.html", context, request)
    return bytes(HTML(string=html).write_pdf())
