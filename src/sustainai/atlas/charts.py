"""Bar charts drawn on the server: the geometry of horizontal bar charts, rendered as SVG by the
``atlas/browse/_bar_chart.html`` template (each bar a link with a <title>, and a table beside)."""

from __future__ import annotations

from dataclasses import dataclass

ROW_HEIGHT = 22
LABEL_WIDTH = 230
BAR_AREA = 300
WIDTH = LABEL_WIDTH + BAR_AREA + 60


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    href: str
    y: float
    width: float


@dataclass(frozen=True)
class BarChart:
    title: str
    bars: tuple[Bar, ...]
    width: int
    height: int
    label_width: int = LABEL_WIDTH

    @property
    def total(self) -> int:
        return sum(bar.count for bar in self.bars)


def bar_chart(title: str, rows: list[tuple[str, int, str]]) -> BarChart:
    """A chart of ``(label, count, link)`` rows, in the order given."""
    top = max((count for _, count, _ in rows), default=0) or 1
    bars = tuple(
        Bar(
            label=str(label),
            count=count,
            href=href,
            y=i * ROW_HEIGHT,
            width=round(BAR_AREA * count / top, 1),
        )
        for i, (label, count, href) in enumerate(rows)
    )
    return BarChart(title=title, bars=bars, width=WIDTH, height=max(len(bars), 1) * ROW_HEIGHT)
