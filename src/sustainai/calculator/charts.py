"""The breakdown chart: SVG geometry computed here, drawn by the template (no JavaScript)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from sustainai.footprint.quantity import human

WIDTH = 640
LABEL_WIDTH = 190
BAR_HEIGHT = 22
GAP = 10
GROUP_GAP = 34


def _fmt(x: float) -> str:
    return human(x, 3)


def breakdown(result: dict) -> dict:
    """Bars for energy by part, emissions (operational, embodied) and water, each group on its own
    scale, with the range drawn as a whisker."""
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
            _("Energy (kWh)"),
            [(part_labels[name], q) for name, q in result["energy_by_part_kwh"].items()],
        ),
        (
            _("Emissions (kgCO2e)"),
            [
                (_("Operational"), result["carbon_kgco2e"]),
                (_("Embodied"), result["embodied_kgco2e"]),
            ],
        ),
        (_("Water (litres)"), [(_("On-site cooling"), result["water_l"])]),
    ]
    plot = WIDTH - LABEL_WIDTH - 90
    y = 0
    out = []
    for title, bars in groups:
        scale = max([b["high"] for _label, b in bars] + [1e-12])
        group: dict[str, Any] = {"title": title, "y": y + 14, "bars": []}
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
                    "value": _fmt(q["value"]),
                    "low": _fmt(q["low"]),
                    "high": _fmt(q["high"]),
                }
            )
            y += BAR_HEIGHT + GAP
        y += GROUP_GAP - GAP
        out.append(group)
    return {"width": WIDTH, "height": y, "label_width": LABEL_WIDTH, "groups": out}
