"""Server-drawn SVG: a fan chart (central line and its 5–95 % band per year) and a tornado."""

from __future__ import annotations

from typing import Any

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from sustainai.core.charts import axis_label, svg_id

WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 640, 260, 56, 16, 16, 28


def fan_chart(
    series: list[tuple[str, str, list[dict[str, Any]]]], *, title: str, unit: str
) -> SafeString:
    """``series``: (label, css class, points with year, value, low, high)."""
    years = [p["year"] for p in series[0][2]]
    top = max(max(p["high"], p["value"]) for _, _, points in series for p in points) or 1.0
    x0, x1 = LEFT, WIDTH - RIGHT
    y0, y1 = HEIGHT - BOTTOM, TOP

    def x(year: int) -> float:
        return (
            x0 if len(years) == 1 else x0 + (x1 - x0) * (year - years[0]) / (years[-1] - years[0])
        )

    def y(value: float) -> float:
        return y0 - (y0 - y1) * value / top

    parts = []
    for _label, css, points in series:
        upper = " ".join(f"{x(p['year']):.1f},{y(p['high']):.1f}" for p in points)
        lower = " ".join(f"{x(p['year']):.1f},{y(p['low']):.1f}" for p in reversed(points))
        line = " ".join(f"{x(p['year']):.1f},{y(p['value']):.1f}" for p in points)
        parts.append(format_html('<polygon class="band {}" points="{} {}"/>', css, upper, lower))
        parts.append(format_html('<polyline class="line {}" points="{}"/>', css, line))
    ticks = [top * i / 4 for i in range(5)]
    axis = format_html_join(
        "",
        '<line class="grid" x1="{}" x2="{}" y1="{}" y2="{}"/>'
        '<text class="tick" x="{}" y="{}" text-anchor="end">{}</text>',
        ((x0, x1, _n(y(t)), _n(y(t)), x0 - 4, _n(y(t) + 4), axis_label(t)) for t in ticks),
    )
    labels = format_html_join(
        "",
        '<text class="tick" x="{}" y="{}" text-anchor="middle">{}</text>',
        ((_n(x(year)), HEIGHT - 8, year) for year in years if year % 2 == 0 or len(years) < 7),
    )
    legend = ", ".join(str(label) for label, _, _ in series)
    return format_html(
        '<figure class="fan"><svg viewBox="0 0 {} {}" role="img" aria-labelledby="{}"><title id="{}">'
        "{} ({}): {}</title>{}{}{}</svg><figcaption>{} ({})</figcaption></figure>",
        WIDTH,
        HEIGHT,
        svg_id(title),
        svg_id(title),
        title,
        unit,
        legend,
        axis,
        mark_safe("".join(parts)),  # noqa: S308 - each part built by format_html
        labels,
        title,
        unit,
    )


def tornado(
    rows: list[dict[str, Any]], *, title: str, central: float, limit: int = 8
) -> SafeString:
    rows = rows[:limit]
    if not rows:
        return mark_safe("")
    lo = min(min(r["at_low"], r["at_high"]) for r in rows)
    hi = max(max(r["at_low"], r["at_high"]) for r in rows)
    span = (hi - lo) or 1.0
    left, width, bar = 230, WIDTH - 230 - RIGHT, 22
    height = TOP + bar * len(rows) + BOTTOM

    def x(value: float) -> float:
        return left + width * (value - lo) / span

    body = format_html_join(
        "",
        '<text class="tick" x="{}" y="{}" text-anchor="end">{}</text>'
        '<rect class="low" x="{}" y="{}" width="{}" height="{}"><title>{}: {}</title></rect>'
        '<rect class="high" x="{}" y="{}" width="{}" height="{}"><title>{}: {}</title></rect>',
        (
            (
                left - 6,
                TOP + i * bar + 15,
                r["parameter"],
                min(x(r["at_low"]), x(central)),
                TOP + i * bar + 3,
                max(abs(x(r["at_low"]) - x(central)), 0.5),
                bar - 6,
                r["parameter"],
                axis_label(r["at_low"]),
                min(x(r["at_high"]), x(central)),
                TOP + i * bar + 3,
                max(abs(x(r["at_high"]) - x(central)), 0.5),
                bar - 6,
                r["parameter"],
                axis_label(r["at_high"]),
            )
            for i, r in enumerate(rows)
        ),
    )
    return format_html(
        '<figure class="tornado"><svg viewBox="0 0 {} {}" role="img" aria-labelledby="{}">'
        '<title id="{}">{}</title>{}<line class="central" x1="{}" x2="{}" y1="{}" y2="{}"/>'
        '<text class="tick" x="{}" y="{}">{}</text><text class="tick" x="{}" y="{}" text-anchor="end">{}</text>'
        "</svg><figcaption>{}</figcaption></figure>",
        WIDTH,
        height,
        svg_id(title),
        svg_id(title),
        title,
        body,
        x(central),
        x(central),
        TOP,
        height - BOTTOM,
        left,
        height - 8,
        axis_label(lo),
        WIDTH - RIGHT,
        height - 8,
        axis_label(hi),
        title,
    )


def _n(value: float) -> str:
    return f"{value:.1f}"
