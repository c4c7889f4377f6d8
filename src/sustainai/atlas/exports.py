"""Exports of a directory view: CSV (streamed), XLSX, JSON and GeoJSON.

Each takes the directory's current filtered and ordered results (``selectors.Results``) and reads
them in chunks with their relations prefetched, so an export of any size costs a few queries per
chunk.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from django.conf import settings

from sustainai.atlas.worldmap import centroid
from sustainai.core import spreadsheets

COLUMNS = [
    "id",
    "name",
    "aliases",
    "url",
    "type",
    "status",
    "scope",
    "regions",
    "countries",
    "topics",
    "lead_organisations",
    "partner_organisations",
    "start_year",
    "website",
    "summary",
    "published_at",
]
CHUNK = 1000
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
    "geojson": "application/geo+json",
}


def _prepared(results):
    return results.iterator(chunk_size=CHUNK, relations=("partner_organisations",))


def record(initiative) -> dict:
    """One initiative as plain values (lists stay lists; flat formats join them with '; ')."""
    return {
        "id": initiative.pk,
        "name": initiative.name,
        "aliases": list(initiative.aliases or []),
        "url": settings.SITE_URL + initiative.get_absolute_url(),
        "type": initiative.type,
        "status": initiative.status,
        "scope": initiative.scope,
        "regions": list(initiative.regions or []),
        "countries": [str(link.country) for link in initiative.country_links.all()],
        "topics": [topic.slug for topic in initiative.topics.all()],
        "lead_organisations": [actor.name for actor in initiative.lead_organisations.all()],
        "partner_organisations": [actor.name for actor in initiative.partner_organisations.all()],
        "start_year": initiative.start_year,
        "website": initiative.website,
        "summary": initiative.summary,
        "published_at": initiative.published_at.isoformat() if initiative.published_at else None,
    }


def _flat(value) -> str | int | None:
    return "; ".join(value) if isinstance(value, list) else value


def _rows(results) -> Iterator[list]:
    for initiative in _prepared(results):
        row = record(initiative)
        yield [_flat(row[column]) for column in COLUMNS]


def csv_rows(results) -> Iterator[str]:
    return spreadsheets.csv_lines(COLUMNS, _rows(results), bom=True)


def xlsx_bytes(results) -> bytes:
    return spreadsheets.xlsx_bytes([("initiatives", COLUMNS, _rows(results))])


def json_chunks(results) -> Iterator[str]:
    """``{"items": [...]}``, streamed one initiative at a time."""
    yield '{"items": ['
    for i, initiative in enumerate(_prepared(results)):
        yield ("," if i else "") + json.dumps(record(initiative), ensure_ascii=False)
    yield "]}"


def feature(initiative) -> dict:
    """A GeoJSON Feature with one point per country of the initiative.

    A country's point is the centroid of its largest polygon on world-atlas's 1:110m map, computed
    by ``worldmap.centroid``; countries too small for that map (Singapore, Malta...) have no point.
    Initiatives with no point have a null geometry, as GeoJSON allows.
    """
    properties = record(initiative)
    points = [list(p) for p in (centroid(code) for code in properties["countries"]) if p]
    geometry = {"type": "MultiPoint", "coordinates": points} if points else None
    return {"type": "Feature", "id": initiative.pk, "geometry": geometry, "properties": properties}


def geojson_chunks(results) -> Iterator[str]:
    yield '{"type": "FeatureCollection", "features": ['
    for i, initiative in enumerate(_prepared(results)):
        yield ("," if i else "") + json.dumps(feature(initiative), ensure_ascii=False)
    yield "]}"


def render(fmt: str, results) -> Iterable[str] | bytes:
    """The export of ``results`` in ``fmt``: a stream of text, or bytes for XLSX."""
    if fmt == "csv":
        return csv_rows(results)
    if fmt == "xlsx":
        return xlsx_bytes(results)
    if fmt == "json":
        return json_chunks(results)
    if fmt == "geojson":
        return geojson_chunks(results)
    raise ValueError(f"unknown export format {fmt!r}")


# The IANA media types of the formats, for DCAT (``FORMATS`` adds the charset for responses).
MEDIA_TYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
    "geojson": "application/geo+json",
}
DCAT_CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def dcat_catalog(absolute, *, modified, count: int, keywords: list[str]) -> dict:
    """The Atlas's open data as a DCAT-3 catalogue in JSON-LD, for harvesters (OECD.AI, ITU): one
    dataset, the published initiatives, with a distribution per export format. ``absolute`` makes
    a path a full URL."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    directory = absolute(reverse("atlas:directory"))
    return {
        "@context": DCAT_CONTEXT,
        "@id": absolute(reverse("atlas:dcat")),
        "@type": "dcat:Catalog",
        "dct:title": _("SustainAI open data"),
        "dct:description": _(
            "Open data of the coalition for environmentally sustainable AI's platform."
        ),
        "dct:publisher": {"@type": "foaf:Agent", "foaf:name": "SustainAI"},
        "foaf:homepage": {"@id": absolute("/")},
        "dcat:dataset": [
            {
                "@id": directory,
                "@type": "dcat:Dataset",
                "dct:identifier": "sustainai-atlas-initiatives",
                "dct:title": _("Atlas of initiatives"),
                "dct:description": _(
                    "Published initiatives for environmentally sustainable AI: %(count)d "
                    "initiatives, with their type, topics, countries, regions, organisations and "
                    "start year."
                )
                % {"count": count},
                "dct:language": ["en"],
                "dct:modified": {
                    "@value": modified.isoformat() if modified else None,
                    "@type": "xsd:dateTime",
                },
                "dcat:keyword": keywords,
                "dcat:landingPage": {"@id": directory},
                "dcat:distribution": [
                    {
                        "@id": absolute(reverse("atlas:export", args=[fmt])),
                        "@type": "dcat:Distribution",
                        "dct:title": _("Atlas of initiatives (%(format)s)")
                        % {"format": fmt.upper()},
                        "dcat:downloadURL": {"@id": absolute(reverse("atlas:export", args=[fmt]))},
                        "dcat:accessURL": {"@id": directory},
                        "dcat:mediaType": {
                            "@id": f"https://www.iana.org/assignments/media-types/{media}"
                        },
                    }
                    for fmt, media in MEDIA_TYPES.items()
                ],
            }
        ],
    }
