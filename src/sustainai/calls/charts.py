"""Small SVG charts rendered on the server (no script, no network): bars and a cumulative line."""

from __future__ import annotations

import datetime

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString


def bar_chart(rows: list[tuple[str, int]], *, title: str, width: int = 640) -> SafeString:
    """Horizontal bars, one per ``(label, value)``, labelled with their value."""
    bar_height, gap, label_width = 22, 8, 260
    height = max(len(rows), 1) * (bar_height + gap) + gap
    top = max((value for _, value in rows), default=0) or 1
    scale = (width - label_width - 50) / top
    bars = format_html_join(
        "",
        '<g><text x="{}" y="{}" text-anchor="end" class="chart-label">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="{}" class="chart-bar"></rect>'
        '<text x="{}" y="{}" class="chart-value">{}</text></g>',
        (
            (
                label_width - 8,
                gap + index * (bar_height + gap) + bar_height * 0.7,
                label if len(label) <= 40 else label[:39] + "…",
                label_width,
                gap + index * (bar_height + gap),
                round(value * scale, 1),
                bar_height,
                label_width + round(value * scale, 1) + 6,
                gap + index * (bar_height + gap) + bar_height * 0.7,
                value,
            )
            for index, (label, value) in enumerate(rows)
        ),
    )
    return format_html(
        '<svg role="img" aria-label="{}" viewBox="0 0 {} {}" class="chart" '
        'xmlns="http://www.w3.org/2000/svg"><title>{}</title>{}</svg>',
        title,
        width,
        height,
        title,
        bars,
    )


def line_chart(
    points: list[tuple[datetime.date, int]], *, title: str, width: int = 640, height: int = 220
) -> SafeString:
    """A cumulative count over days, as a step line with its first and last dates labelled."""
    left, right, top, bottom = 40, 20, 15, 30
    if not points:
        return format_html(
            '<svg role="img" aria-label="{}" viewBox="0 0 {} 40" class="chart" '
            'xmlns="http://www.w3.org/2000/svg"><title>{}</title></svg>',
            title,
            width,
            title,
        )
    first, last = points[0][0], points[-1][0]
    span = max((last - first).days, 1)
    peak = max(value for _, value in points) or 1

    def x(day):
        return round(left + (day - first).days / span * (width - left - right), 1)

    def y(value):
        return round(height - bottom - value / peak * (height - top - bottom), 1)

    path = [f"M{x(first)},{y(0)}"]
    for day, value in points:
        path.append(f"H{x(day)}V{y(value)}")
    return format_html(
        '<svg role="img" aria-label="{}" viewBox="0 0 {} {}" class="chart" '
        'xmlns="http://www.w3.org/2000/svg"><title>{}</title>'
        '<line x1="{}" y1="{}" x2="{}" y2="{}" class="chart-axis"></line>'
        '<path d="{}" class="chart-line" fill="none"></path>'
        '<text x="{}" y="{}" class="chart-label">{}</text>'
        '<text x="{}" y="{}" text-anchor="end" class="chart-label">{}</text>'
        '<text x="{}" y="{}" text-anchor="end" class="chart-value">{}</text></svg>',
        title,
        width,
        height,
        title,
        left,
        height - bottom,
        width - right,
        height - bottom,
        "".join(path),
        left,
        height - 8,
        first.isoformat(),
        width - right,
        height - 8,
        last.isoformat(),
        left - 4,
        y(peak) + 4,
        peak,
    )
