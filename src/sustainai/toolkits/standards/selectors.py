"""Reads of the standards roadmap: the faceted list, the coverage matrix, the timeline,
edition comparisons, and what the roadmap offers other apps (equivalences, report, panel)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from sustainai.core.registry import Figure, ReportSection, ReportTable
from sustainai.roadmap import matrix
from sustainai.toolkits.standards.models import (
    Dimension,
    Edition,
    Phase,
    Relation,
    RelationType,
    Standard,
)


@dataclass(frozen=True)
class Filters:
    q: str = ""
    body: str = ""
    status: str = ""
    phase: str = ""
    dimension: str = ""


def _contains(field: str, term: str) -> Q:
    # JSON lists hold plain slugs: the quoted slug matches one element exactly, on SQLite and
    # PostgreSQL alike (``__contains`` on a JSON list is not supported by SQLite).
    return Q(**{f"{field}__icontains": f'"{term}"'})


def standards(filters: Filters = Filters()) -> QuerySet[Standard]:
    """The registry filtered, with each standard's relations fetched in two queries."""
    queryset = Standard.objects.all()
    if filters.q:
        for word in filters.q.split():
            queryset = queryset.filter(
                Q(identifier__icontains=word) | Q(title__icontains=word) | Q(body__icontains=word)
            )
    if filters.body:
        queryset = queryset.filter(body=filters.body)
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.phase:
        queryset = queryset.filter(_contains("phases", filters.phase))
    if filters.dimension:
        queryset = queryset.filter(_contains("dimensions", filters.dimension))
    return queryset.prefetch_related(
        Prefetch("relations_out", queryset=Relation.objects.select_related("target")),
        Prefetch("relations_in", queryset=Relation.objects.select_related("source")),
    ).order_by("identifier")


def bodies() -> list[str]:
    return list(Standard.objects.order_by("body").values_list("body", flat=True).distinct())


def relations_of(standard: Standard) -> list[tuple[str, Standard]]:
    """``(type, other standard)`` from ``standard``'s side; symmetric relations both ways."""
    out = [(r.type, r.target) for r in standard.relations_out.all()]
    symmetric = {RelationType.TWINNED_WITH, RelationType.LIAISES_WITH, RelationType.EQUIVALENT_TO}
    out += [(r.type, r.source) for r in standard.relations_in.all() if r.type in symmetric]
    return sorted(out, key=lambda pair: (pair[0], pair[1].identifier))


def _entry(data: dict) -> matrix.Entry:
    return matrix.Entry(
        identifier=data["identifier"],
        status=data["status"],
        phases=tuple(data["phases"]),
        dimensions=tuple(data["dimensions"]),
        title=data.get("title", ""),
    )


def entries() -> list[matrix.Entry]:
    return [
        matrix.Entry(s.identifier, s.status, tuple(s.phases), tuple(s.dimensions), s.title)
        for s in Standard.objects.only("identifier", "status", "phases", "dimensions", "title")
    ]


def coverage(items: list[matrix.Entry] | None = None) -> list[matrix.Cell]:
    return matrix.coverage(entries() if items is None else items, Phase.values, Dimension.values)


@dataclass(frozen=True)
class MatrixRow:
    phase: str
    label: str
    cells: list[tuple[matrix.Cell, str]]  # (cell, "gap" | "overlap" | "")


def matrix_rows(cells: list[matrix.Cell]) -> list[MatrixRow]:
    crowded = matrix.crowded_threshold(cells)
    labels = dict(Phase.choices)
    rows = []
    for phase in Phase.values:
        row = [
            (c, "gap" if c.count == 0 else "overlap" if c.count >= crowded else "")
            for c in cells
            if c.phase == phase
        ]
        rows.append(MatrixRow(phase, str(labels[phase]), row))
    return rows


def timeline() -> list[tuple[int, list[Standard]]]:
    """Standards by year of their latest status date, oldest first (undated ones left out)."""
    years: dict[int, list[Standard]] = {}
    for standard in Standard.objects.exclude(date=None).order_by("date", "identifier"):
        if standard.date is not None:
            years.setdefault(standard.date.year, []).append(standard)
    return sorted(years.items())


def edition_entries(edition: Edition) -> dict[str, matrix.Entry]:
    return {item["identifier"]: _entry(item) for item in edition.standards}


def compare(before: Edition, after: Edition) -> matrix.Diff:
    return matrix.compare(edition_entries(before), edition_entries(after))


def identifier_equivalences() -> list[tuple[str, str]]:
    """Pairs of identifiers the roadmap records as "equivalent to", for duplicate detection."""
    return [
        (source, target)
        for source, target in Relation.objects.filter(type=RelationType.EQUIVALENT_TO)
        .order_by("source__identifier", "target__identifier")
        .values_list("source__identifier", "target__identifier")
    ]


def report_section(start, end) -> ReportSection | None:
    """For event reports: the standards whose status changed in the period."""
    from sustainai.toolkits.standards.models import StatusEvent

    events = list(
        StatusEvent.objects.filter(date__gte=start, date__lte=end)
        .select_related("standard")
        .order_by("date", "standard__identifier")
    )
    if not events:
        return None
    from sustainai.toolkits.standards.models import Status

    labels = dict(Status.choices)
    return ReportSection(
        title=_("Standards roadmap"),
        figures=[
            Figure(
                len({e.standard_id for e in events}), _("standards changed status"), key="changed"
            ),
            Figure(Standard.objects.count(), _("standards in the registry"), key="total"),
        ],
        items=[f"{e.standard.identifier}: {labels[e.status]} ({e.date})" for e in events],
        order=400,
        tables=[
            ReportTable(
                "status-changes",
                _("Status changes in the period"),
                [_("standard"), _("status"), _("date")],
                [[e.standard.identifier, str(labels[e.status]), str(e.date or "")] for e in events],
            )
        ],
    )


def edition_timeline(edition: Edition) -> list[tuple[int, list[dict]]]:
    """An edition's standards by year of their status date, oldest first (undated left out)."""
    years: dict[int, list[dict]] = {}
    for item in sorted(edition.standards, key=lambda i: (i["date"] or "", i["identifier"])):
        if item["date"]:
            years.setdefault(int(item["date"][:4]), []).append(item)
    return sorted(years.items())


def relation_edges() -> list[tuple[str, str, str]]:
    return list(
        Relation.objects.order_by("source__identifier", "type", "target__identifier").values_list(
            "source__identifier", "type", "target__identifier"
        )
    )


def pending_proposals():
    from sustainai.toolkits.standards.models import Proposal, ProposalState

    return Proposal.objects.filter(state=ProposalState.PENDING).select_related(
        "standard", "proposed_by"
    )


def pending_count(user) -> int | None:
    """For the coordination link: the proposals awaiting a decision."""
    return pending_proposals().count()
