"""``/api/v1/transparency``: report confidential figures with a member token (scope
``confidential:write``), and read the published aggregate tables (public)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from ninja import Field, Router, Schema
from ninja.responses import Status

from sustainai.accounts.api_auth import PUBLIC, token_with_scope
from sustainai.accounts.models import ApiScope
from sustainai.accounts.rules import is_member_user
from sustainai.core.api import MultilineText, Text, ValidationErrors
from sustainai.toolkits.transparency import selectors, services
from sustainai.toolkits.transparency.catalogue import METRICS

router = Router(tags=["transparency"])


class FigureIn(Schema):
    metric: Text = Field(..., max_length=40, description=f"one of {', '.join(METRICS)}")
    year: int = Field(..., ge=2015, le=2100)
    # A number, or text as typed ("1 250 000,5"): the same checks as the form.
    value: float | Text = Field(..., description="the figure in `unit`")
    unit: Text = Field(..., max_length=20)
    region: Text = Field(..., max_length=20)
    sector: Text = Field(..., max_length=20)
    model_class: Text = Field(..., max_length=20)
    method: Text = Field(..., max_length=20)
    evidence: Text = Field(..., max_length=20)
    scope: MultilineText = Field(..., max_length=500)


class FigureOut(Schema):
    id: int
    organisation: str
    metric: str
    year: int
    value: float = Field(..., description="in the metric's unit")
    unit: str
    region: str
    sector: str
    model_class: str
    method: str
    evidence: str
    scope: str
    updated_at: datetime.datetime


class Message(Schema):
    detail: str


class FieldErrors(Schema):
    detail: str
    errors: dict[str, str]


class TableOut(Schema):
    id: int
    title: str
    metric: str
    unit: str
    year: int
    groupings: list[str]
    cells: list[dict[str, Any]]
    total: dict[str, Any] | None


@router.post(
    "/submissions",
    response={201: FigureOut, 403: Message, 422: FieldErrors | ValidationErrors},
    auth=token_with_scope(ApiScope.WRITE_CONFIDENTIAL),
    summary="Report (or replace) one of your organisation's confidential figures",
)
def submit_figure(request, payload: FigureIn):
    """The figure is encrypted at rest; it is never shown to other members, and published only
    inside aggregates that pass the disclosure rules. The same metric, year and grouping again
    replaces the earlier figure."""
    if not is_member_user(request.auth):
        return Status(
            403, {"detail": "Only users of approved member organisations report figures."}
        )
    try:
        submission = services.submit(request.auth.organisation, request.auth, payload.dict())
    except ValidationError as error:
        errors = {field: " ".join(messages) for field, messages in error.message_dict.items()}
        return Status(422, {"detail": "The figure is invalid.", "errors": errors})
    return Status(
        201,
        {
            "id": submission.pk,
            "organisation": submission.organisation.slug,
            "metric": submission.metric,
            "year": submission.year,
            "value": services.read_value(submission, request.auth),
            "unit": submission.unit,
            "region": submission.region,
            "sector": submission.sector,
            "model_class": submission.model_class,
            "method": submission.method,
            "evidence": submission.evidence,
            "scope": submission.scope,
            "updated_at": submission.updated_at,
        },
    )


@router.get("/tables", response=list[TableOut], auth=PUBLIC, summary="Published aggregate tables")
def published_tables(request):
    """Each table's published cells; a hidden cell has `value` null and a `reason`."""
    return [
        {
            "id": table.pk,
            "title": table.title,
            "metric": table.metric,
            "unit": METRICS[table.metric].unit,
            "year": table.year,
            "groupings": table.groupings,
            "cells": table.result["cells"],
            "total": table.result["total"],
        }
        for table in selectors.published_tables()
    ]
