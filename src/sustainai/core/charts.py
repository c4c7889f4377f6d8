"""The project's SVG charts, drawn on the server (no script, no network): horizontal bars and a
step line over time.

Each chart is an ``<svg>`` named by its own ``<title>`` and ``<desc>`` (``aria-labelledby``), with
every figure written as text. Pages show the same figures in a table beside the chart, which is what
assistive technology should read. A chart renders itself in a template with ``{{ chart }}``.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext

COLOUR = "#1b6e3a"
WIDTH = 640
# Bars: each label sits above its bar, so long labels need no left margin; the count follows the bar.
LABEL_HEIGHT, BAR_HEIGHT, GAP, COUNT_WIDTH = 18, 18, 10, 40
ROW = LABEL_HEIGHT + BAR_HEIGHT + GAP
MAX_LABEL = 80
# Line: margins around the plot, and the least room between two date labels on the axis.
LEFT, RIGHT, TOP, BOTTOM = 40, 40, 16, 36
LABEL_SPACING = 80


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    href: str
    y: int
    width: float


@dataclass(frozen=True)
class BarChart:
    """Horizontal bars; ``bars`` is also what a template's table alternative iterates over."""

    title: str
    description: str
    bars: tuple[Bar, ...]
    id: str
    width: int
    height: int

    def __html__(self) -> SafeString:
        return _svg(self, _bars(self.bars), role="group" if self.linked else "img")

    __str__ = __html__

    @property
    def linked(self) -> bool:
        return any(bar.href for bar in self.bars)


@dataclass(frozen=True)
class LineChart:
    """A step line of a running total over time, one dot per point."""

    title: str
    description: str
    points: tuple[tuple[datetime.date, int], ...]
    id: str
    width: int
    height: int
    date_format: str

    def __html__(self) -> SafeString:
        return _svg(self, _line(self) if self.points else SafeString(""), role="img")

    __str__ = __html__


def bar_chart(
    rows: Sequence[tuple[str, int] | tuple[str, int, str]],
    *,
    title: str,
    description: str = "",
    chart_id: str = "",
    width: int = WIDTH,
) -> BarChart:
    """One bar per ``(label, count)`` row, in the order given; a third item, a URL, makes the bar a
    link (then the SVG is a ``group`` rather than an ``img``, so that the links stay reachable)."""
    top = max((row[1] for row in rows), default=0) or 1
    plot = width - COUNT_WIDTH
    bars = tuple(
        Bar(
            label=str(row[0]),
            count=row[1],
            href=row[2] if len(row) > 2 else "",
            y=index * ROW,
            width=round(plot * row[1] / top, 1),
        )
        for index, row in enumerate(rows)
    )
    return BarChart(
        title=str(title),
        description=str(description),
        bars=bars,
        id=svg_id(chart_id or title),
        width=width,
        height=max(len(bars), 1) * ROW,
    )


def line_chart(
    points: Sequence[tuple[datetime.date, int]],
    *,
    title: str,
    description: str = "",
    chart_id: str = "",
    date_format: str = "%Y-%m-%d",
    width: int = WIDTH,
    height: int = 240,
) -> LineChart:
    """A step line through ``(date, total)`` points in date order, placed by date on the x axis."""
    return LineChart(
        title=str(title),
        description=str(description),
        points=tuple(points),
        id=svg_id(chart_id or title),
        width=width,
        height=height,
        date_format=date_format,
    )


def _bars(bars: tuple[Bar, ...]) -> SafeString:
    rows = []
    for bar in bars:
        short = bar.label if len(bar.label) <= MAX_LABEL else bar.label[: MAX_LABEL - 1] + "…"
        body = format_html(
            "<title>{}</title>"
            '<text x="0" y="{}" font-size="14" fill="currentColor">{}</text>'
            '<rect x="0" y="{}" width="{}" height="{}" fill="{}"></rect>'
            '<text x="{}" y="{}" font-size="14" fill="currentColor">{}</text>',
            _labelled(bar.label, _number(bar.count)),
            bar.y + 14,
            short,
            bar.y + LABEL_HEIGHT,
            bar.width,
            BAR_HEIGHT,
            COLOUR,
            bar.width + 6,
            bar.y + LABEL_HEIGHT + 14,
            _number(bar.count),
        )
        if bar.href:
            rows.append(format_html('<a href="{}">{}</a>', bar.href, body))
        else:
            rows.append(format_html("<g>{}</g>", body))
    return SafeString("".join(rows))


def _number(value: float) -> str:
    """A figure in the current language's format: 5,298 in English, 5 298 in French."""
    return number_format(value, force_grouping=True)


def axis_label(x: float) -> str:
    """A label of a chart drawn by an app (an axis tick, a dot's value) in the current language's
    format: 1,234 / 1 234 from 100 up, else 3 significant figures (0.123 / 0,123)."""
    if abs(x) >= 100:
        return number_format(round(x), force_grouping=True)
    return number_format(float(f"{x:.3g}"))


def _labelled(label: str, value: str) -> str:
    """``label: value``, with the colon's spacing of the current language."""
    return gettext("%(label)s: %(value)s") % {"label": label, "value": value}


def _line(chart: LineChart) -> SafeString:
    plot_w, plot_h = chart.width - LEFT - RIGHT, chart.height - TOP - BOTTOM
    first, last = chart.points[0][0], chart.points[-1][0]
    span = max((last - first).days, 1)
    top = max(value for _, value in chart.points) or 1

    def x(day: datetime.date) -> float:
        return round(LEFT + plot_w * (day - first).days / span, 1)

    def y(value: int) -> float:
        return round(TOP + plot_h * (1 - value / top), 1)

    coords = []
    for index, (day, value) in enumerate(chart.points):
        if index:
            coords.append(f"{x(day)},{y(chart.points[index - 1][1])}")
        coords.append(f"{x(day)},{y(value)}")
    axes = format_html(
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#888"></line>'
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#888"></line>'
        '<text x="{}" y="{}" text-anchor="end" font-size="12" fill="currentColor">{}</text>'
        '<text x="{}" y="{}" text-anchor="end" font-size="12" fill="currentColor">0</text>',
        LEFT,
        TOP,
        LEFT,
        TOP + plot_h,
        LEFT,
        TOP + plot_h,
        LEFT + plot_w,
        TOP + plot_h,
        LEFT - 6,
        TOP + 10,
        _number(top),
        LEFT - 6,
        TOP + plot_h,
    )
    # The first and last dates, and those between that leave room for their neighbours.
    labelled = [first]
    for day, _ in chart.points[1:-1]:
        if x(day) - x(labelled[-1]) >= LABEL_SPACING and x(last) - x(day) >= LABEL_SPACING:
            labelled.append(day)
    if last != first:
        labelled.append(last)
    labels = format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="middle" font-size="12" fill="currentColor">{}</text>',
        ((x(day), TOP + plot_h + 20, day.strftime(chart.date_format)) for day in labelled),
    )
    line = format_html(
        '<polyline points="{}" fill="none" stroke="{}" stroke-width="2"></polyline>',
        " ".join(coords),
        COLOUR,
    )
    dots = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="3" fill="{}"><title>{}</title></circle>',
        (
            (x(day), y(value), COLOUR, _labelled(day.strftime(chart.date_format), _number(value)))
            for day, value in chart.points
        ),
    )
    return axes + labels + line + dots


def _svg(chart: BarChart | LineChart, body: SafeString, *, role: str) -> SafeString:
    labelled_by, desc = f"{chart.id}-t", SafeString("")
    if chart.description:
        labelled_by += f" {chart.id}-d"
        desc = format_html('<desc id="{}-d">{}</desc>', chart.id, chart.description)
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" role="{}" aria-labelledby="{}">'
        '<title id="{}-t">{}</title>{}{}</svg>',
        chart.width,
        chart.height,
        role,
        labelled_by,
        chart.id,
        chart.title,
        desc,
        body,
    )


def svg_id(text: str) -> str:
    """``chart-`` and a slug of ``text``: pass ``chart_id`` where two charts of a page could share
    the first 40 characters of their titles."""
    return "chart-" + "".join(c if c.isalnum() else "-" for c in str(text).lower())[:40]
