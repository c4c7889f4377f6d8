"""Reads of the transparency toolkit."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sustainai.core.registry import Figure, ReportSection
from sustainai.toolkits.transparency.catalogue import GROUPINGS, METRICS
from sustainai.toolkits.transparency.models import (
    AggregateTable,
    Attestation,
    AuditorGrant,
    BandScale,
    Intensity,
    Read,
    Reader,
    Submission,
)


def own_submissions(organisation_id: int) -> QuerySet[Submission]:
    return (
        Submission.objects.filter(organisation_id=organisation_id)
        .select_related("submitted_by")
        .annotate(read_count=Count("reads"))
    )


def reads_of(organisation_id: int, limit: int = 200) -> QuerySet[Read]:
    """Who read the organisation's figures, newest first."""
    return Read.objects.filter(submission__organisation_id=organisation_id).select_related(
        "reader", "reader__organisation", "submission"
    )[:limit]


def all_submissions() -> QuerySet[Submission]:
    return Submission.objects.select_related("organisation")


def published_tables() -> QuerySet[AggregateTable]:
    return AggregateTable.objects.filter(published=True, result__isnull=False)


def all_tables() -> QuerySet[AggregateTable]:
    return AggregateTable.objects.select_related("created_by")


def readers() -> QuerySet[Reader]:
    return Reader.objects.select_related("user", "user__organisation", "granted_by")


def auditors_of(organisation_id: int) -> QuerySet[AuditorGrant]:
    return AuditorGrant.objects.filter(organisation_id=organisation_id).select_related(
        "auditor", "auditor__organisation"
    )


def audited_by(user) -> QuerySet[AuditorGrant]:
    return AuditorGrant.objects.filter(auditor=user).select_related("organisation")


def attestations() -> QuerySet[Attestation]:
    return Attestation.objects.select_related("organisation")


def own_intensities(organisation_id: int) -> QuerySet[Intensity]:
    return Intensity.objects.filter(organisation_id=organisation_id)


def band_scales() -> QuerySet[BandScale]:
    return BandScale.objects.all()


def _label(grouping: str, value: str) -> str:
    choices = GROUPINGS[grouping][1]
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def table_view(table: AggregateTable) -> dict[str, Any]:
    """A published table laid out for a page: rows × columns with the margins, each cell's value or
    reason. A one-way table is one column of rows and the total."""
    result = table.result or {"cells": [], "total": None}
    first, second = table.by_first, table.by_second
    cells = {
        (cell["group"].get(first), cell["group"].get(second) if second else None): cell
        for cell in result["cells"]
    }
    total = result["total"]
    rows = sorted({key[0] for key in cells if key[0] is not None})
    columns = sorted({key[1] for key in cells if key[1] is not None}) if second else []
    return {
        "metric": METRICS[table.metric],
        "first_label": GROUPINGS[first][0],
        "second_label": GROUPINGS[second][0] if second else None,
        "columns": [(value, _label(second, value)) for value in columns],
        "rows": [
            {
                "label": _label(first, row),
                "cells": [cells.get((row, column)) for column in columns],
                "margin": cells.get((row, None)),
            }
            for row in rows
        ],
        "column_margins": [cells.get((None, column)) for column in columns],
        "total": total,
    }


def report_section(start, end) -> ReportSection | None:
    tables = published_tables().filter(updated_at__date__range=(start, end)).count()
    organisations = (
        Submission.objects.filter(created_at__date__range=(start, end))
        .values("organisation")
        .distinct()
        .count()
    )
    if not (tables or organisations):
        return None
    return ReportSection(
        _("Transparency"),
        figures=(
            Figure(
                organisations,
                ngettext(
                    "organisation reporting figures in confidence",
                    "organisations reporting figures in confidence",
                    organisations,
                ),
                key="reporting",
            ),
            Figure(
                tables,
                ngettext("aggregate table published", "aggregate tables published", tables),
                key="tables",
            ),
        ),
    )
