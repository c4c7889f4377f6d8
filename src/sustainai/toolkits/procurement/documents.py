"""The documents of a tender pack: the supplier questionnaire (XLSX, an "Offer" sheet and one
sheet a supplier type), the scoring grid, the pack as DOCX (python-docx) and PDF (WeasyPrint),
and the reading of filled questionnaires back into bids."""

from __future__ import annotations

import io
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from sustainai.core.spreadsheets import xlsx_bytes
from sustainai.procurement_scoring import EVIDENCE_LEVELS
from sustainai.toolkits.procurement.models import Area, Criterion, Kind, TenderPack
from sustainai.toolkits.procurement.services import ProcurementError

OFFER = "Offer"
# Sheet names stay in English whatever the language: the import reads them back.
SUPPLIER_SHEETS: dict[str, tuple[str, ...]] = {
    "Model provider": (Area.NEED, Area.MODEL, Area.ORGANISATION),
    "Cloud host": (Area.HOSTING, Area.HARDWARE, Area.ORGANISATION),
    "Integrator": (Area.NEED, Area.ORGANISATION),
}
OFFER_HEADER = ("field", "question", "unit", "answer")
SHEET_HEADER = ("code", "criterion", "question", "evidence asked", "unit", "answer")
MAX_UPLOAD = 2 * 1024 * 1024


def offer_rows(pack: TenderPack) -> list[tuple[str, str, str]]:
    """(field, question, unit) of the Offer sheet; the unit column is checked on import."""
    unit = pack.functional_unit
    return [
        ("supplier_name", _("Supplier's name"), "text"),
        ("price", _("Total price for the expected volume"), "EUR"),
        ("energy_wh_per_unit", _("Energy per functional unit"), f"Wh per {unit}"),
        ("evidence", _("Evidence of the energy figure"), " / ".join(EVIDENCE_LEVELS)),
        ("accelerator", _("Accelerator model, if no energy per unit is given"), "text"),
        ("accelerator_count", _("Number of accelerators"), "count"),
        ("hours", _("Hours of use that served the units below"), "h"),
        ("units", _("Functional units served in those hours"), unit),
        ("pue", _("PUE of the hosting site"), "ratio"),
        ("quality_mark", _("Quality mark, filled in by the buyer"), "0 to 1"),
    ]


def questionnaire_xlsx(pack: TenderPack, criteria: list[Criterion]) -> bytes:
    sheets: list[tuple[str, tuple[str, ...], list[list[Any]]]] = [
        (OFFER, OFFER_HEADER, [[f, q, u, ""] for f, q, u in offer_rows(pack)])
    ]
    for name, areas in SUPPLIER_SHEETS.items():
        rows = [
            [c.code, c.title, c.wording, c.evidence, c.unit, ""]
            for c in criteria
            if c.area in areas and c.kind != Kind.CLAUSE
        ]
        sheets.append((name, SHEET_HEADER, rows))
    return xlsx_bytes(sheets, bold_header=True, freeze="A2")


def _error(bid: str, field: str, message: str) -> dict[str, str]:
    return {"bid": bid, "field": field, "message": message}


def _number(text: Any) -> Any:
    if isinstance(text, int | float) and not isinstance(text, bool):
        return text
    if isinstance(text, str):
        try:
            return float(text.replace(",", ".").replace(" ", ""))
        except ValueError:
            return text
    return text


def read_questionnaire(filename: str, data: bytes, pack: TenderPack) -> dict[str, Any]:
    """The bid of one filled questionnaire; raises ``ProcurementError`` naming the file (or the
    supplier, once known) and the field at fault."""
    label = filename
    if len(data) > MAX_UPLOAD:
        raise ProcurementError([_error(label, "file", _("larger than 2 MB"))])
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        raise ProcurementError([_error(label, "file", _("not an XLSX workbook"))]) from None
    missing = [name for name in (OFFER, *SUPPLIER_SHEETS) if name not in workbook.sheetnames]
    if missing:
        raise ProcurementError(
            [_error(label, "sheet " + name, _("missing from the workbook")) for name in missing]
        )
    answers: dict[str, tuple[Any, Any]] = {}
    for row in workbook[OFFER].iter_rows(min_row=2, max_col=4, values_only=True):
        if row and row[0]:
            answers[str(row[0]).strip()] = (row[2], row[3])
    workbook.close()
    name = answers.get("supplier_name", (None, None))[1]
    if isinstance(name, str) and name.strip():
        label = name.strip()
    errors = []
    expected = {field: unit for field, _question, unit in offer_rows(pack)}
    for field, unit in expected.items():
        if field not in answers:
            errors.append(_error(label, field, _("row missing from the Offer sheet")))
        elif str(answers[field][0] or "").strip() != unit:
            errors.append(
                _error(
                    label,
                    field,
                    _("unit must be “%(expected)s” (got “%(got)s”)")
                    % {"expected": unit, "got": answers[field][0] or ""},
                )
            )
    if errors:
        raise ProcurementError(errors)

    def answer(field: str) -> Any:
        value = answers[field][1]
        return None if value is None or (isinstance(value, str) and not value.strip()) else value

    bid: dict[str, Any] = {
        "name": label,
        "price": _number(answer("price")),
        "evidence": str(answer("evidence") or "").strip().lower(),
        "scores": {"quality": _number(answer("quality_mark"))},
    }
    if answer("energy_wh_per_unit") is not None:
        bid["energy_wh_per_unit"] = _number(answer("energy_wh_per_unit"))
    elif answer("accelerator") is not None:
        bid["footprint"] = footprint_spec(
            answer("accelerator"),
            _number(answer("accelerator_count")),
            _number(answer("hours")),
            _number(answer("pue")),
        )
        bid["units"] = _number(answer("units"))
    return bid


def footprint_spec(accelerator: Any, count: Any, hours: Any, pue: Any) -> dict[str, Any]:
    spec: dict[str, Any] = {"phase": "inference", "accelerator": accelerator, "hours": hours}
    spec["accelerator_count"] = count if count is not None else 1
    if pue is not None:
        spec["pue"] = pue
    return spec


def scoring_grid(pack: TenderPack) -> list[tuple[str, float, str]]:
    f = pack.factors
    return [
        (_("Price"), pack.price_weight, _("weight × lowest price / price")),
        (
            _("Energy per functional unit"),
            pack.environmental_weight,
            _(
                "weight × lowest credible energy / energy × evidence factor (verified "
                "%(verified)s, measured %(measured)s, modelled %(modelled)s; no evidence: 0)"
            )
            % {k: f"{v:g}" for k, v in f.items()},
        ),
        (_("Quality"), pack.quality_weight, _("weight × the buyer's mark from 0 to 1")),
    ]


def grouped(criteria: list[Criterion]) -> list[tuple[str, list[Criterion]]]:
    return [
        (str(label), [c for c in criteria if c.kind == kind])
        for kind, label in Kind.choices
        if any(c.kind == kind for c in criteria)
    ]


def pack_docx(pack: TenderPack, criteria: list[Criterion]) -> bytes:
    from docx import Document

    document = Document()
    document.add_heading(pack.title, level=0)
    document.add_paragraph(pack.use_case)
    document.add_paragraph(
        _("Functional unit: %(unit)s. Expected volume: %(volume)s. Level: %(level)s.")
        % {"unit": pack.functional_unit, "volume": pack.volume, "level": pack.get_level_display()}
    )
    for label, items in grouped(criteria):
        document.add_heading(str(label), level=1)
        for c in items:
            document.add_heading(f"{c.code} {c.title}", level=2)
            document.add_paragraph(c.wording)
            document.add_paragraph(_("Evidence: %(evidence)s") % {"evidence": c.evidence})
            if c.metric:
                document.add_paragraph(
                    _("Metric: %(metric)s (%(unit)s)") % {"metric": c.metric, "unit": c.unit}
                )
            document.add_paragraph(
                _("Source: %(source)s, %(url)s") % {"source": c.source_title, "url": c.source_url}
            )
    document.add_heading(_("Scoring grid"), level=1)
    table = document.add_table(rows=1, cols=3)
    for cell, text in zip(
        table.rows[0].cells, (_("Criterion"), _("Weight"), _("Rule")), strict=True
    ):
        cell.text = text
    for name, weight, rule in scoring_grid(pack):
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = str(name), f"{weight:.0%}", str(rule)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pack_pdf(pack: TenderPack, criteria: list[Criterion], base_url: str) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "procurement/pack_print.html",
        {"pack": pack, "groups": grouped(criteria), "grid": scoring_grid(pack)},
    )
    return bytes(HTML(string=html, base_url=base_url).write_pdf())
