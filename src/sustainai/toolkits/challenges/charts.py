"""The leaderboard's scatter chart, drawn on the server: score against energy, one dot per scored
submission, the Pareto front joined by a line. The page's table holds the same figures."""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from sustainai.core.charts import axis_label, svg_id

WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 640, 300, 64, 16, 16, 44


def _n(x: float) -> str:
    return f"{x:.1f}"


def scatter(
    points: list[tuple[str, float, float, bool]], *, title: str, x_label: str, y_label: str
) -> SafeString:
    """``points``: (label, energy, score, on the Pareto front)."""
    chart_id = svg_id(title)
    if not points:
        return SafeString("")
    xs = [p[1] for p in points]
    ys = [p[2] for p in points]
    x_lo, x_hi = 0.0, max(xs) * 1.05 or 1.0
    y_lo, y_hi = min(ys), max(ys)
    if y_hi - y_lo < 1e-9:
        y_lo, y_hi = y_lo - 0.05, y_hi + 0.05
    pad = (y_hi - y_lo) * 0.08
    y_lo, y_hi = y_lo - pad, y_hi + pad
    x0, x1, y0, y1 = LEFT, WIDTH - RIGHT, HEIGHT - BOTTOM, TOP

    def x(v: float) -> float:
        return x0 + (x1 - x0) * (v - x_lo) / (x_hi - x_lo)

    def y(v: float) -> float:
        return y0 - (y0 - y1) * (v - y_lo) / (y_hi - y_lo)

    ticks_x = [x_lo + (x_hi - x_lo) * i / 4 for i in range(5)]
    ticks_y = [y_lo + (y_hi - y_lo) * i / 4 for i in range(5)]
    grid = format_html_join(
        "",
        '<line class="grid" x1="{}" x2="{}" y1="{}" y2="{}"/>'
        '<text class="tick" x="{}" y="{}" text-anchor="end">{}</text>',
        ((x0, x1, _n(y(t)), _n(y(t)), x0 - 4, _n(y(t) + 4), axis_label(t)) for t in ticks_y),
    ) + format_html_join(
        "",
        '<text class="tick" x="{}" y="{}" text-anchor="middle">{}</text>',
        ((_n(x(t)), y0 + 16, axis_label(t)) for t in ticks_x),
    )
    front = sorted((p for p in points if p[3]), key=lambda p: p[1])
    line = (
        format_html(
            '<polyline class="front" points="{}"/>',
            " ".join(f"{_n(x(p[1]))},{_n(y(p[2]))}" for p in front),
        )
        if len(front) > 1
        else SafeString("")
    )
    dots = format_html_join(
        "",
        '<circle class="{}" cx="{}" cy="{}" r="5"><title>{}: {} Wh, {}</title></circle>',
        (
            (
                "dot front" if p[3] else "dot",
                _n(x(p[1])),
                _n(y(p[2])),
                p[0],
                axis_label(p[1]),
                axis_label(p[2]),
            )
            for p in points
        ),
    )
    axes = format_html(
        '<text class="axis" x="{}" y="{}" text-anchor="middle">{}</text>'
        '<text class="axis" x="12" y="{}" text-anchor="middle" transform="rotate(-90 12 {})">{}</text>',
        _n((x0 + x1) / 2),
        HEIGHT - 6,
        x_label,
        _n((y0 + y1) / 2),
        _n((y0 + y1) / 2),
        y_label,
    )
    description = _("%(count)d submissions; the Pareto front is joined by a line.") % {
        "count": len(points)
    }
    return format_html(
        '<svg class="challenge-scatter" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" '
        'role="img" aria-labelledby="{}-t {}-d"><title id="{}-t">{}</title>'
        '<desc id="{}-d">{}</desc>{}{}{}{}</svg>',
        WIDTH, HEIGHT, chart_id, chart_id, chart_id, title, chart_id, description,
        grid, line, dots, axes,
    )  # fmt: skip
