"""The world map, drawn on the server from world-atlas's TopoJSON (npm ``world-atlas@2.0.2``).

``countries-110m.json`` keys countries by ISO 3166 numeric code; pycountry gives their alpha-2
code. The TopoJSON is decoded here (quantised, delta-encoded arcs shared between countries; see the
TopoJSON specification), projected with the Natural Earth projection and turned into SVG paths once
per process. World-atlas keeps the polygons across the antimeridian whole (Russia, Fiji): they are
cut at the map's edges and drawn on both sides (``_on_map``). No network access: the file comes
from ``settings.NODE_MODULES``.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache

import pycountry
from django.conf import settings

TOPOJSON = "world-atlas/countries-110m.json"
WIDTH = 1000.0
# Antarctica (ISO 010) takes a fifth of the map and hosts no initiative: left out.
LEFT_OUT = {"010"}
# ColorBrewer "Greens" (sequential, colour-blind safe); the first is "no initiative".
PALETTE = ["#ececec", "#c7e9c0", "#a1d99b", "#74c476", "#31a354", "#006d2c"]


@dataclass(frozen=True)
class Shape:
    code: str | None  # ISO 3166 alpha-2, None for territories without one (e.g. N. Cyprus)
    name: str
    path: str  # SVG path data in the map's coordinates
    centroid: tuple[float, float] | None  # (longitude, latitude) of the largest polygon


@dataclass(frozen=True)
class WorldMap:
    shapes: tuple[Shape, ...]
    width: float
    height: float


def natural_earth(lon: float, lat: float) -> tuple[float, float]:
    """The Natural Earth projection (Šavrič et al., 2011), in radians of the unit sphere."""
    lam, phi = math.radians(lon), math.radians(lat)
    phi2 = phi * phi
    phi4 = phi2 * phi2
    x = lam * (
        0.8707 - 0.131979 * phi2 + phi4 * (-0.013791 + phi4 * (0.003971 * phi2 - 0.001529 * phi4))
    )
    y = phi * (
        1.007226 + phi2 * (0.015085 + phi4 * (-0.044475 + 0.028874 * phi2 - 0.005916 * phi4))
    )
    return x, y


def _decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Arcs as lists of (longitude, latitude): undo the delta encoding and the quantisation."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _ring(arcs, indices: list[int]) -> list[tuple[float, float]]:
    """A closed ring from arc indices (``~i`` is arc ``i`` reversed); shared ends appear once."""
    points: list[tuple[float, float]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def _unwrap(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The ring made continuous across the antimeridian (Russia, Fiji): longitudes may pass ±180."""
    out, offset, previous = [], 0.0, None
    for lon, lat in ring:
        if previous is not None:
            if lon - previous > 180:
                offset -= 360
            elif lon - previous < -180:
                offset += 360
        previous = lon
        out.append((lon + offset, lat))
    return out


def _clip(ring: list[tuple[float, float]], edge: float) -> list[tuple[float, float]]:
    """The part of the ring on the map's side of the meridian ``edge`` (180 or -180): one pass of
    Sutherland-Hodgman, the points where it crosses the meridian interpolated on its edges."""

    def inside(lon: float) -> bool:
        return lon <= edge if edge > 0 else lon >= edge

    def crossing(a, b) -> tuple[float, float]:
        t = (edge - a[0]) / (b[0] - a[0])
        return edge, a[1] + t * (b[1] - a[1])

    out = []
    for previous, current in zip(ring[-1:] + ring[:-1], ring, strict=True):
        if inside(current[0]):
            if not inside(previous[0]):
                out.append(crossing(previous, current))
            out.append(current)
        elif inside(previous[0]):
            out.append(crossing(previous, current))
    return out


def _on_map(polygon: list[list[tuple[float, float]]]) -> list[list[list[tuple[float, float]]]]:
    """The polygon's copies inside [-180, 180]: itself, or for a polygon across the antimeridian
    (unwrapped by ``_unwrap``) itself and its copy shifted by 360°, each clipped to the map's edge:
    the part of Russia east of 180° is drawn at the map's left edge, not beyond its right one."""
    lons = [lon for lon, _ in polygon[0]]
    shifts = [0.0]
    if max(lons) > 180:
        shifts.append(-360.0)
    if min(lons) < -180:
        shifts.append(360.0)
    copies = []
    for shift in shifts:
        rings = []
        for ring in polygon:
            shifted = [(lon + shift, lat) for lon, lat in ring]
            rings.append(_clip(_clip(shifted, 180.0), -180.0))
        if len(rings[0]) > 2:  # the outer ring: a copy with nothing on the map is left out
            copies.append([ring for ring in rings if len(ring) > 2])
    return copies


def _polygons(geometry: dict, arcs) -> list[list[list[tuple[float, float]]]]:
    if geometry["type"] == "Polygon":
        return [[_unwrap(_ring(arcs, ring)) for ring in geometry["arcs"]]]
    if geometry["type"] == "MultiPolygon":
        return [[_unwrap(_ring(arcs, ring)) for ring in polygon] for polygon in geometry["arcs"]]
    return []


def _area_and_centroid(ring) -> tuple[float, tuple[float, float]]:
    """Planar (longitude/latitude) area and centroid of a ring, by the shoelace formula."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if area == 0:
        x, y = ring[0]
        return 0.0, (x, y)
    return abs(area) / 2, (cx / (3 * area), cy / (3 * area))


def _alpha2(numeric: str | None) -> str | None:
    if not numeric:
        return None
    country = pycountry.countries.get(numeric=numeric)
    return country.alpha_2 if country else None


@cache
def _topology() -> dict:
    with open(settings.NODE_MODULES / TOPOJSON, encoding="utf-8") as handle:
        return json.load(handle)


@cache
def world_map() -> WorldMap:
    """The projected map, computed once per process."""
    topology = _topology()
    arcs = _decode_arcs(topology)
    raw = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("id") in LEFT_OUT:
            continue
        polygons = _polygons(geometry, arcs)
        if not polygons:
            continue
        # The centroid of the largest polygon: mainland France rather than French Guiana.
        centroid = max((_area_and_centroid(poly[0]) for poly in polygons), key=lambda ac: ac[0])[1]
        drawn = [copy for poly in polygons for copy in _on_map(poly)]
        projected = [
            [[natural_earth(lon, lat) for lon, lat in ring] for ring in poly] for poly in drawn
        ]
        raw.append((geometry, projected, centroid))
    xs = [x for _, polys, _ in raw for poly in polys for ring in poly for x, _y in ring]
    ys = [y for _, polys, _ in raw for poly in polys for ring in poly for _x, y in ring]
    min_x, max_y = min(xs), max(ys)
    scale = WIDTH / (max(xs) - min_x)
    height = round((max_y - min(ys)) * scale, 1)

    def point(x: float, y: float) -> tuple[float, float]:
        # Whole units of a 1,000-wide map: finer than a screen shows it, and the page is lighter.
        return round((x - min_x) * scale), round((max_y - y) * scale)

    shapes = []
    for geometry, polys, centroid in raw:
        parts = []
        for poly in polys:
            for ring in poly:
                points: list[tuple[float, float]] = []
                for x, y in ring:
                    p = point(x, y)
                    if not points or points[-1] != p:
                        points.append(p)
                if len(points) > 2:
                    parts.append(_relative_path(points))
        code = _alpha2(geometry.get("id"))
        name = (geometry.get("properties") or {}).get("name", "")
        shapes.append(Shape(code=code, name=name, path="".join(parts), centroid=centroid))
    return WorldMap(shapes=tuple(shapes), width=WIDTH, height=height)


def _relative_path(points: list[tuple[float, float]]) -> str:
    """A closed subpath in SVG's shortest form: the first point absolute, then each step relative
    (``l``), no separator before a minus sign. About 40 % lighter than absolute coordinates, which
    matters for the pages that carry the whole map."""
    numbers: list[str] = []
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        numbers += [f"{x1 - x0:g}", f"{y1 - y0:g}"]
    text = numbers[0] if numbers else ""
    for number in numbers[1:]:
        text += number if number.startswith("-") else f" {number}"
    start = f"{points[0][0]:g} {points[0][1]:g}"
    return f"M{start}l{text}z"


def absolute_points(path: str) -> list[list[tuple[float, float]]]:
    """The points of each subpath of a path written by ``world_map`` (for tests and tools)."""
    rings = []
    for part in re.findall(r"M([^Mz]*)z", path):
        start, _, steps = part.partition("l")
        x, y = (float(v) for v in start.split())
        ring = [(x, y)]
        values = [float(v) for v in re.findall(r"-?[0-9.]+", steps)]
        for dx, dy in zip(values[::2], values[1::2], strict=True):
            x, y = x + dx, y + dy
            ring.append((x, y))
        rings.append(ring)
    return rings


@cache
def _centroids() -> dict[str, tuple[float, float] | None]:
    return {shape.code: shape.centroid for shape in world_map().shapes if shape.code}


def centroid(code: str) -> tuple[float, float] | None:
    """(longitude, latitude) of a country: the centroid of its largest polygon on the 1:110m map.

    None for countries too small to be drawn at that scale (Singapore, Malta...).
    """
    return _centroids().get(code)


def thresholds(maximum: int) -> list[int]:
    """Lower bounds of the map's classes (at most 5): a geometric scale from 1 to ``maximum``,
    each bound rounded down to 1, 2 or 5 times a power of ten."""
    nice = [m * 10**e for e in range(9) for m in (1, 2, 5)]
    bounds: list[int] = []
    for i in range(5):
        target = max(maximum, 1) ** (i / 5)
        bound = max(n for n in nice if n <= max(target, 1))
        if not bounds or bound > bounds[-1]:
            bounds.append(bound)
    return bounds


def colour(count: int, bounds: list[int]) -> str:
    if count <= 0:
        return PALETTE[0]
    index = max(i for i, bound in enumerate(bounds) if count >= bound)
    return PALETTE[1 + round(index * (len(PALETTE) - 2) / max(len(bounds) - 1, 1))]


def legend(bounds: list[int]) -> list[tuple[str, str]]:
    """(colour, label) for each class, "0" first."""
    items = [(PALETTE[0], "0")]
    for i, low in enumerate(bounds):
        high = bounds[i + 1] - 1 if i + 1 < len(bounds) else None
        label = f"{low}+" if high is None else (str(low) if high == low else f"{low}–{high}")
        items.append((colour(low, bounds), label))
    return items


def svg(counts: dict[str, int], *, title: str, description: str, names: dict[str, str]) -> str:
    """The map as one self-contained SVG document (for reports and their PDF): each country filled
    by its count's class, named with its count in a ``<title>``, and the legend below. ``names``
    gives each country's name by code (the current language's)."""
    from django.utils.html import format_html, format_html_join

    world = world_map()
    bounds = thresholds(max(counts.values(), default=0))
    counted = [
        (shape, shape.code)
        for shape in world.shapes
        if shape.code is not None and counts.get(shape.code, 0)
    ]
    drawn = {shape for shape, _code in counted}
    # The countries with none share one path and no name: a report draws some 10 elements
    # instead of some 370 (EcoIndex counts elements), and says nothing of what is not there.
    empty = "".join(shape.path for shape in world.shapes if shape not in drawn)
    shapes = format_html(
        '<path d="{}" fill="{}" stroke="#ffffff" stroke-width="0.5"/>', empty, colour(0, bounds)
    ) + format_html_join(
        "",
        '<path d="{}" fill="{}" stroke="#ffffff" stroke-width="0.5"><title>{}: {}</title></path>',
        (
            (shape.path, colour(counts[code], bounds), names.get(code, shape.name), counts[code])
            for shape, code in counted
        ),
    )
    top = world.height + 16
    keys = format_html_join(
        "",
        '<rect x="{}" y="{}" width="14" height="14" fill="{}" stroke="#767676" stroke-width="0.5"/>'
        '<text x="{}" y="{}" font-size="14">{}</text>',
        (
            (index * 110, top, fill, index * 110 + 20, top + 12, label)
            for index, (fill, label) in enumerate(legend(bounds))
        ),
    )
    return str(
        format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" role="img" '
            'aria-labelledby="atlas-map-t atlas-map-d"><title id="atlas-map-t">{}</title>'
            '<desc id="atlas-map-d">{}</desc>{}{}</svg>',
            f"{world.width:g}",
            f"{top + 24:g}",
            title,
            description,
            shapes,
            keys,
        )
    )
