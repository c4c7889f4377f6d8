"""Reads for event reports: the sections on offer, a report's snapshot computed from the registry,
its data version, the sections as a page shows them, and the diff of two reports."""

from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import QuerySet
from django.utils import translation

from sustainai.core import registry
from sustainai.core.registry import ReportSection
from sustainai.reports.models import Report, ReportState


def published_reports() -> QuerySet[Report]:
    return Report.objects.filter(state=ReportState.PUBLISHED).order_by("-event_date", "slug")


def in_review_count(user) -> int:
    """For the coordination link: the frozen reports not published yet."""
    return Report.objects.filter(state=ReportState.FROZEN).count()


def all_reports() -> QuerySet[Report]:
    return Report.objects.order_by("-event_date", "slug")


def section_choices() -> list[tuple[str, str]]:
    """``(key, name)`` of every app that contributes a section, in ``INSTALLED_APPS`` order."""
    return [(app.label, str(app.verbose_name)) for app in registry.report_section_apps()]


def _cell(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def section_data(section: ReportSection) -> dict[str, Any]:
    """A section as plain JSON: what a snapshot stores and every page of the report reads."""
    as_of = section.as_of.isoformat() if section.as_of else None
    return {
        "key": section.key,
        "title": str(section.title),
        "order": section.order,
        "source": str(section.source),
        "as_of": as_of,
        "workstream": section.workstream_slug,
        "figures": [
            {
                "key": figure.key or str(position),
                "value": figure.value,
                "label": str(figure.label),
                "source": str(figure.source or section.source),
                "as_of": figure.as_of.isoformat() if figure.as_of else as_of,
            }
            for position, figure in enumerate(section.figures)
        ],
        "items": [str(item) for item in section.items],
        "tables": [
            {
                "key": table.key,
                "title": str(table.title),
                "columns": [str(column) for column in table.columns],
                "rows": [[_cell(cell) for cell in row] for row in table.rows],
            }
            for table in section.tables
        ],
        "charts": [
            {"key": chart.key, "title": str(chart.title), "svg": chart.svg, "alt": str(chart.alt)}
            for chart in section.charts
        ],
    }


def compute_snapshot(report: Report) -> dict[str, list[dict[str, Any]]]:
    """Every chosen section of ``report`` for its period, computed now from the registry in each of
    the report's languages: ``{language: [section, ...]}``."""
    snapshot = {}
    for language in report.languages:
        with translation.override(language):
            sections = registry.report_sections(report.period_start, report.as_of)
            snapshot[language] = [
                section_data(section)
                for section in sections
                if not report.sections or section.key in report.sections
            ]
    return snapshot


def canonical_hash(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def migrations_hash() -> str:
    """A hash of the migrations applied to the database: the schema the figures were read from."""
    applied = sorted(
        f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations()
    )
    return canonical_hash(applied)


def language_of(report: Report, language: str | None) -> str:
    """``language`` if the report is written in it, else the report's first language."""
    if language in report.languages:
        return str(language)
    return report.languages[0] if report.languages else settings.LANGUAGE_CODE


def sections_of(report: Report, language: str) -> list[dict[str, Any]]:
    """The frozen sections in ``language``. Where every figure of a section has one source and
    date, ``common_source`` holds them, so that a page states them once under the figures."""
    sections = []
    for section in report.snapshot.get(language_of(report, language), []):
        origins = {(figure["source"], figure["as_of"]) for figure in section["figures"]}
        common = None
        if len(origins) == 1:
            source, as_of = origins.pop()
            common = {"source": source, "as_of": as_of}
        sections.append({**section, "common_source": common})
    return sections


def section_keys(report: Report) -> list[str]:
    """The keys of a frozen report's sections, in the report's order."""
    first: list[dict[str, Any]] = next(iter(report.snapshot.values()), [])
    return [section["key"] for section in first]


def section_workstreams(report: Report) -> dict[str, str | None]:
    first: list[dict[str, Any]] = next(iter(report.snapshot.values()), [])
    return {section["key"]: section["workstream"] for section in first}


def find_table(report: Report, language: str, key: str, table: str) -> dict[str, Any] | None:
    for section in sections_of(report, language):
        if section["key"] == key:
            for candidate in section["tables"]:
                if candidate["key"] == table:
                    return candidate
    return None


@dataclass(frozen=True)
class FigureChange:
    section: str
    label: str
    before: int | None
    after: int | None

    @property
    def change(self) -> int | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


def diff(before: Report, after: Report, language: str) -> list[FigureChange]:
    """Each figure of either report, matched by section and figure key: its value in ``before``
    and in ``after`` (``None`` where the report has no such figure), in ``after``'s order."""
    old = {
        (section["key"], figure["key"]): (section["title"], figure)
        for section in sections_of(before, language)
        for figure in section["figures"]
    }
    rows = []
    for section in sections_of(after, language):
        for figure in section["figures"]:
            earlier = old.pop((section["key"], figure["key"]), None)
            rows.append(
                FigureChange(
                    section["title"],
                    figure["label"],
                    earlier[1]["value"] if earlier else None,
                    figure["value"],
                )
            )
    rows += [
        FigureChange(title, figure["label"], figure["value"], None)
        for title, figure in old.values()
    ]
    return rows
