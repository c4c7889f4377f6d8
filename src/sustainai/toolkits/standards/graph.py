"""The relation graph, drawn on the server as SVG: standards as labelled dots, relations as
lines coloured by type; networkx lays it out (seeded, so the drawing is stable)."""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

import networkx as nx

WIDTH, HEIGHT, MARGIN = 900, 640, 70
COLOURS = {
    "builds-on": "#1f5f99",
    "twinned-with": "#8a3b00",
    "liaises-with": "#5a6b00",
    "supersedes": "#6a1b9a",
    "equivalent-to": "#b00020",
}


@dataclass(frozen=True)
class Node:
    identifier: str
    url: str


def svg(nodes: list[Node], edges: list[tuple[str, str, str]], title: str) -> str:
    """``edges``: ``(source identifier, type, target identifier)``; only related nodes drawn."""
    graph = nx.Graph()
    for source, _type, target in edges:
        graph.add_edge(source, target)
    if not graph:
        return ""
    positions = nx.spring_layout(graph, seed=7, k=1.6 / max(1, len(graph)) ** 0.5)
    xs = [p[0] for p in positions.values()]
    ys = [p[1] for p in positions.values()]
    span_x, span_y = (max(xs) - min(xs)) or 1, (max(ys) - min(ys)) or 1

    def at(name: str) -> tuple[float, float]:
        x, y = positions[name]
        return (
            MARGIN + (x - min(xs)) / span_x * (WIDTH - 2 * MARGIN),
            MARGIN / 2 + (y - min(ys)) / span_y * (HEIGHT - MARGIN),
        )

    urls = {node.identifier: node.url for node in nodes}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="graph-title" class="relation-graph"><title id="graph-title">'
        f"{escape(title)}</title>"
    ]
    for source, type, target in edges:
        (x1, y1), (x2, y2) = at(source), at(target)
        parts.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'stroke="{COLOURS.get(type, "#555")}" stroke-width="2"><title>'
            f"{escape(source)} — {escape(type)} — {escape(target)}</title></line>"
        )
    for name in sorted(graph.nodes):
        x, y = at(name)
        label = name if len(name) <= 28 else name[:27] + "…"
        dot = (
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="#222"/>'
            f'<text x="{x:.1f}" y="{y - 10:.1f}" font-size="12" text-anchor="middle" '
            f'fill="#111">{escape(label)}</text>'
        )
        url = urls.get(name)
        parts.append(f"<a href={quoteattr(url)}>{dot}</a>" if url else dot)
    parts.append("</svg>")
    return "".join(parts)
