"""The breakdown chart: SVG geometry computed here, drawn by the template (no JavaScript)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from sustainai.calculator.presentation import number, unit_for

WIDTH = 640
LABEL_WIDTH = 190
BAR_HEIGHT = 22
GAP = 10
GROUP_GAP = 34


def breakdown(result: dict) -> dict:
    """Bars for energy by part, emissions (operational, embodied) and water, each group on its own
    scale and in one unit chosen by its largest value (as the table chooses it), with the range
    drawn as a whisker."""
    part_labels = {
        "accelerators": _("Accelerators"),
        "host": _("Host (CPU, memory, network)"),
        "facility_overhead": _("Facility overhead (PUE)"),
        "cpu": _("CPU"),
        "ram": _("Memory"),
        "gpu": _("GPU"),
    }
    groups = [
        (
            _("Energy"),
            "energy",
            [(part_labels[name], q) for name, q in result["energy_by_part_kwh"].items()],
        ),
        (
            _("Emissions"),
            "carbon",
            [
                (_("Operational"), result["carbon_kgco2e"]),
                (_("Embodied"), result["embodied_kgco2e"]),
            ],
        ),
        (_("Water"), "water", [(_("On-site cooling"), result["water_l"])]),
    ]
    plot = WIDTH - LABEL_WIDTH - 90
    y = 0
    out = []
    for title, kind, bars in groups:
        scale = max([b["high"] for _label, b in bars] + [1e-12])
        factor, symbol = unit_for(kind, max(b["value"] for _label, b in bars))
        group: dict[str, Any] = {"title": f"{title} ({symbol})", "y": y + 14, "bars": []}
        y += 24
        for label, q in bars:
            group["bars"].append(
                {
                    "label": label,
                    "y": y,
                    "text_y": y + BAR_HEIGHT * 0.7,
                    "mid_y": y + BAR_HEIGHT / 2,
                    "width": round(plot * q["value"] / scale, 1),
                    "low_x": round(LABEL_WIDTH + plot * q["low"] / scale, 1),
                    "high_x": round(LABEL_WIDTH + plot * q["high"] / scale, 1),
                    "value_x": round(LABEL_WIDTH + plot * q["high"] / scale + 6, 1),
                    "value": number(q["value"] / factor),
                    "low": number(q["low"] / factor),
                    "high": number(q["high"] / factor),
                }
            )
            y += BAR_HEIGHT + GAP
        y += GROUP_GAP - GAP
        out.append(group)
    return {"width": WIDTH, "height": y, "label_width": LABEL_WIDTH, "groups": out}
