"""The standards roadmap's public API (mounted at /api/v1/standards): the registry, filtered and
paged, and the coverage matrix."""

from __future__ import annotations

from ninja import Field, Query, Router, Schema

from sustainai.accounts.api_auth import PUBLIC
from sustainai.core.api import Text
from sustainai.toolkits.standards import selectors
from sustainai.toolkits.standards.models import Dimension, Phase, Status

router = Router(tags=["Standards roadmap"])


class RelationOut(Schema):
    type: str
    identifier: str


class StandardOut(Schema):
    identifier: str
    title: str
    body: str
    status: Status
    date: str | None = Field(
        description="YYYY-MM-DD; the first day of the month or year when only those are known."
    )
    phases: list[str]
    dimensions: list[str]
    url: str
    relations: list[RelationOut]


class StandardList(Schema):
    count: int
    items: list[StandardOut]


class ListParams(Schema):
    q: Text = Field("", max_length=200, description="Words found in the identifier, title or body.")
    body: Text = Field("", max_length=200, description="The body, exactly as listed.")
    status: Status | None = None
    phase: Phase | None = None
    dimension: Dimension | None = None
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=1_000_000)


class CellOut(Schema):
    phase: Phase
    dimension: Dimension
    count: int
    identifiers: list[str]


class CoverageOut(Schema):
    phases: list[str]
    dimensions: list[str]
    cells: list[CellOut]


def _out(standard) -> dict:
    return {
        "identifier": standard.identifier,
        "title": standard.title,
        "body": standard.body,
        "status": standard.status,
        "date": standard.date.isoformat() if standard.date else None,
        "phases": list(standard.phases),
        "dimensions": list(standard.dimensions),
        "url": standard.url,
        "relations": [
            {"type": type, "identifier": other.identifier}
            for type, other in selectors.relations_of(standard)
        ],
    }


@router.get("", response=StandardList, auth=PUBLIC, summary="Search and filter the standards")
def list_standards(request, params: Query[ListParams]):
    results = selectors.standards(
        selectors.Filters(
            q=params.q.strip(),
            body=params.body.strip(),
            status=params.status or "",
            phase=params.phase or "",
            dimension=params.dimension or "",
        )
    )
    page = results[params.offset : params.offset + params.limit]
    return {"count": results.count(), "items": [_out(s) for s in page]}


@router.get(
    "/coverage",
    response=CoverageOut,
    auth=PUBLIC,
    summary="Coverage matrix: the standards covering each life-cycle phase x scope dimension",
)
def coverage(request):
    return {
        "phases": Phase.values,
        "dimensions": Dimension.values,
        "cells": [
            {
                "phase": c.phase,
                "dimension": c.dimension,
                "count": c.count,
                "identifiers": list(c.identifiers),
            }
            for c in selectors.coverage()
        ],
    }
