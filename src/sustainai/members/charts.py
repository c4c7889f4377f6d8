"""Small SVG charts rendered on the server (no script, no network), accessible to screen readers.

Each chart is an ``<svg role="img">`` with a title and a description; pages also show the same
figures in a table, which is what assistive technology should read.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

BAR_COLOUR = "#1b6e3a"


def bar_chart(
    items: Sequence[tuple[str, int]], *, title: str, description: str = "", width: int = 640
) -> SafeString:
    """Horizontal bars, one per (label, count): the label above its bar, the count at its end."""
    label_height, bar_height, gap, value_width = 18, 18, 10, 40
    row = label_height + bar_height + gap
    height = max(len(items), 1) * row
    top = max((count for _, count in items), default=0) or 1
    plot_width = width - value_width
    bars = []
    for index, (label, count) in enumerate(items):
        y = index * row
        length = round(plot_width * count / top, 1)
        short = label if len(label) <= 80 else label[:79] + "…"
        bars.append(
            (
                y + 14,
                short,
                y + label_height,
                length,
                bar_height,
                BAR_COLOUR,
                label,
                count,
                length + 6,
                y + label_height + 14,
                count,
            )
        )
    body = format_html_join(
        "",
        '<text x="0" y="{}" font-size="14">{}</text>'
        '<rect x="0" y="{}" width="{}" height="{}" fill="{}"><title>{}: {}</title></rect>'
        '<text x="{}" y="{}" font-size="14">{}</text>',
        bars,
    )
    return _svg(width, height, title, description, body)


def line_chart(
    points: Sequence[tuple[datetime.date, int]],
    *,
    title: str,
    description: str = "",
    width: int = 640,
    height: int = 240,
) -> SafeString:
    """A step line of a running total over time (e.g. members per month)."""
    left, right, top_margin, bottom = 40, 32, 16, 36
    plot_w, plot_h = width - left - right, height - top_margin - bottom
    if not points:
        return _svg(width, height, title, description, SafeString(""))
    top = max(value for _, value in points) or 1
    step = plot_w / max(len(points) - 1, 1)

    def xy(index: int, value: int) -> tuple[float, float]:
        return round(left + index * step, 1), round(top_margin + plot_h * (1 - value / top), 1)

    coords = []
    for index, (_, value) in enumerate(points):
        x, y = xy(index, value)
        if coords:
            coords.append(f"{x},{coords[-1].split(',')[1]}")
        coords.append(f"{x},{y}")
    axis = format_html(
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#888"/>'
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#888"/>'
        '<text x="{}" y="{}" text-anchor="end" font-size="12">{}</text>'
        '<text x="{}" y="{}" text-anchor="end" font-size="12">0</text>',
        left,
        top_margin,
        left,
        top_margin + plot_h,
        left,
        top_margin + plot_h,
        left + plot_w,
        top_margin + plot_h,
        left - 6,
        top_margin + 10,
        top,
        left - 6,
        top_margin + plot_h,
    )
    # Label at most about eight months on the axis so that labels do not overlap.
    every = max(1, -(-len(points) // 8))
    labels = format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="middle" font-size="12">{}</text>',
        (
            (xy(index, 0)[0], top_margin + plot_h + 20, day.strftime("%Y-%m"))
            for index, (day, _) in enumerate(points)
            if index % every == 0 or index == len(points) - 1
        ),
    )
    dots = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="3" fill="{}"><title>{}: {}</title></circle>',
        (
            (*xy(index, value), BAR_COLOUR, day.strftime("%Y-%m"), value)
            for index, (day, value) in enumerate(points)
        ),
    )
    line = format_html(
        '<polyline points="{}" fill="none" stroke="{}" stroke-width="2"/>',
        " ".join(coords),
        BAR_COLOUR,
    )
    return _svg(width, height, title, description, axis + labels + line + dots)


def _svg(width: int, height: int, title: str, description: str, body: SafeString) -> SafeString:
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" role="img" '
        'aria-labelledby="{}-t {}-d"><title id="{}-t">{}</title><desc id="{}-d">{}</desc>{}</svg>',
        width,
        height,
        _slug(title),
        _slug(title),
        _slug(title),
        title,
        _slug(title),
        description,
        body,
    )


def _slug(text: str) -> str:
    return "chart-" + "".join(c if c.isalnum() else "-" for c in str(text).lower())[:40]
