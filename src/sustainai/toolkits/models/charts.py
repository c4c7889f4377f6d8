"""The Pareto view: quality against energy per 1,000 inferences (log scale), one dot per entry,
drawn on the server as SVG with the platform's chart ids; the page gives the same figures in a
table."""

from __future__ import annotations

import math

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from sustainai.core.charts import COLOUR, svg_id
from sustainai.toolkits.models.models import Entry

WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 640, 300, 56, 16, 16, 40


def pareto_chart(entries: list[Entry], front: set[int], *, title: str) -> SafeString:
    points = [e for e in entries if e.quality is not None and e.energy_j_per_1k]
    chart_id = svg_id(title)
    if not points:
        return SafeString("")
    energies = [math.log10(e.energy_j_per_1k) for e in points]  # type: ignore[arg-type]
    qualities = [float(e.quality) for e in points]  # type: ignore[arg-type]
    e0, e1 = min(energies) - 0.2, max(energies) + 0.2
    q0, q1 = (
        min(qualities) - 0.02,
        min(max(qualities) + 0.02, 1.0 if max(qualities) <= 1 else max(qualities) + 0.02),
    )
    q1 = max(q1, q0 + 0.01)

    def x(value: float) -> float:
        return round(LEFT + (WIDTH - LEFT - RIGHT) * (value - e0) / (e1 - e0), 1)

    def y(value: float) -> float:
        return round(TOP + (HEIGHT - TOP - BOTTOM) * (1 - (value - q0) / (q1 - q0)), 1)

    dots = format_html_join(
        "",
        '<a href="{}"><circle cx="{}" cy="{}" r="{}" fill="{}" stroke="{}"></circle>'
        "<title>{}</title></a>",
        (
            (
                e.get_absolute_url(),
                x(le),
                y(q),
                6 if e.pk in front else 4,
                COLOUR if e.pk in front else "none",
                COLOUR,
                _("%(name)s: quality %(quality)s, %(energy)s J per 1,000 inferences%(front)s")
                % {
                    "name": e.name,
                    "quality": number_format(q, 4),
                    "energy": number_format(e.energy_j_per_1k or 0.0, 3),
                    "front": _(" (on the Pareto front)") if e.pk in front else "",
                },
            )
            for e, le, q in zip(points, energies, qualities, strict=True)
        ),
    )
    axes = format_html(
        '<line x1="{l}" y1="{b}" x2="{r}" y2="{b}" stroke="#888"></line>'
        '<line x1="{l}" y1="{t}" x2="{l}" y2="{b}" stroke="#888"></line>'
        '<text x="{mx}" y="{ly}" text-anchor="middle" font-size="12" fill="currentColor">{xl}</text>'
        '<text x="{l0}" y="{ty}" font-size="12" fill="currentColor">{yl}</text>'
        '<text x="{l}" y="{tick}" font-size="11" fill="currentColor">{emin}</text>'
        '<text x="{r}" y="{tick}" text-anchor="end" font-size="11" fill="currentColor">{emax}</text>'
        '<text x="{l1}" y="{b}" text-anchor="end" font-size="11" fill="currentColor">{qmin}</text>'
        '<text x="{l1}" y="{t1}" text-anchor="end" font-size="11" fill="currentColor">{qmax}</text>',
        l=LEFT,
        r=WIDTH - RIGHT,
        t=TOP,
        b=HEIGHT - BOTTOM,
        mx=(LEFT + WIDTH - RIGHT) // 2,
        ly=HEIGHT - 4,
        l0=4,
        ty=10,
        tick=HEIGHT - BOTTOM + 14,
        l1=LEFT - 4,
        t1=TOP + 10,
        xl=_("Energy per 1,000 inferences (J, log scale)"),
        yl=_("Quality"),
        emin=number_format(10**e0, 3),
        emax=number_format(10**e1, 3),
        qmin=number_format(q0, 3),
        qmax=number_format(q1, 3),
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" role="group" '
        'aria-labelledby="{}-t"><title id="{}-t">{}</title>{}{}</svg>',
        WIDTH,
        HEIGHT,
        chart_id,
        chart_id,
        title,
        axes,
        dots,
    )
