"""Reads for members: the public directory and its statistics, the applications queue."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.translation import ngettext
from django_countries import countries

from sustainai.core.registry import Figure, ReportSection
from sustainai.members.models import (
    Contact,
    MembershipApplication,
    MembershipStatus,
    Organisation,
    OrganisationKind,
)


def public_organisations() -> QuerySet[Organisation]:
    """Approved organisations that opted in to the public directory (contacts never included)."""
    return Organisation.objects.filter(
        status=MembershipStatus.APPROVED, public_profile=True
    ).order_by("name")


@dataclass
class Directory:
    organisations: list[Organisation]
    by_kind: list[tuple[str, int]] = field(default_factory=list)
    by_country: list[tuple[str, int]] = field(default_factory=list)
    over_time: list[tuple[datetime.date, int]] = field(default_factory=list)


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def next_month(day: datetime.date) -> datetime.date:
    return (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def membership_over_time(joined: list[datetime.date]) -> list[tuple[datetime.date, int]]:
    """Running total of organisations per month, from the first joining month to the last."""
    if not joined:
        return []
    per_month = Counter(month_start(day) for day in joined)
    month, last = min(per_month), max(per_month)
    points, total = [], 0
    while month <= last:
        total += per_month.get(month, 0)
        points.append((month, total))
        month = next_month(month)
    return points


def directory() -> Directory:
    """The directory and its figures, computed from one query."""
    organisations = list(public_organisations())
    kind_labels = dict(OrganisationKind.choices)
    kinds = Counter(org.kind for org in organisations)
    by_kind = [(str(kind_labels[k]), kinds[k]) for k in kind_labels if kinds[k]]
    country_counts = Counter(org.country.code for org in organisations if org.country)
    by_country = sorted(
        ((countries.name(code), n) for code, n in country_counts.items()),
        key=lambda item: (-item[1], item[0]),
    )
    over_time = membership_over_time([org.joined_on for org in organisations if org.joined_on])
    return Directory(organisations, by_kind, by_country, over_time)


def contacts_of(organisation: Organisation) -> QuerySet[Contact]:
    """An organisation's contacts, the primary one first (personal data: never public)."""
    return Contact.objects.filter(organisation=organisation).order_by(
        "-is_primary", "full_name", "pk"
    )


def applications() -> QuerySet[MembershipApplication]:
    return (
        MembershipApplication.objects.select_related("organisation", "applicant", "decided_by")
        .prefetch_related("organisation__contacts")
        .order_by("-submitted_at", "-id")
    )


def pending_applications() -> QuerySet[MembershipApplication]:
    return applications().filter(organisation__status=MembershipStatus.APPLIED)


def pending_application_count(user) -> int:
    return MembershipApplication.objects.filter(
        organisation__status=MembershipStatus.APPLIED
    ).count()


def decided_applications() -> QuerySet[MembershipApplication]:
    return applications().exclude(organisation__status=MembershipStatus.APPLIED)


def home_figures() -> list[Figure]:
    approved = Organisation.objects.filter(status=MembershipStatus.APPROVED).count()
    return [
        Figure(
            approved, ngettext("member organisation", "member organisations", approved), order=300
        )
    ]


def report_section(start: datetime.date, end: datetime.date) -> ReportSection | None:
    """The members in an event report: the approved organisations that had joined by ``end``,
    those that joined from ``start`` to ``end``, by kind and country, and their number at the end
    of each year, by kind. Nothing when none had joined by ``end``."""
    from django.utils.translation import gettext as _

    from sustainai.core.charts import line_chart
    from sustainai.core.registry import ReportChart, ReportTable

    rows: list[tuple[str, str, datetime.date]] = [
        (kind, str(country or ""), day)
        for kind, country, day in Organisation.objects.filter(
            status=MembershipStatus.APPROVED, joined_on__isnull=False, joined_on__lte=end
        ).values_list("kind", "country", "joined_on")
        if day is not None
    ]
    if not rows:
        return None
    kinds = dict(OrganisationKind.choices)
    new = [row for row in rows if row[2] >= start]
    by_kind = Counter(kind for kind, _country, _day in rows)
    by_country = Counter(country for _kind, country, _day in rows)
    names = {code: str(countries.name(code)) if code else _("not given") for code in by_country}
    years = range(min(day.year for *_r, day in rows), end.year + 1)
    per_year = []
    for year in years:
        counted = Counter(kind for kind, _country, day in rows if day.year <= year)
        per_year.append([year, *(counted[kind] for kind in kinds), counted.total()])
    points = membership_over_time(sorted(day for *_r, day in rows))
    chart = line_chart(
        points,
        title=_("Member organisations over time"),
        chart_id="report-members",
        date_format="%Y-%m",
    )
    return ReportSection(
        _("Members"),
        figures=[
            Figure(len(rows), _("member organisations"), order=100, key="total"),
            Figure(len(new), _("organisations joined in the period"), order=110, key="new"),
            Figure(
                len([code for code in by_country if code]),
                _("countries"),
                order=120,
                key="countries",
            ),
        ],
        items=[
            _("%(kind)s: %(count)d") % {"kind": kinds[kind], "count": count}
            for kind, count in sorted(by_kind.items(), key=lambda r: (-r[1], str(kinds[r[0]])))
        ],
        order=150,
        tables=[
            ReportTable(
                "by-kind",
                _("Member organisations by kind"),
                [_("kind"), _("organisations"), _("joined in the period")],
                [
                    [str(label), by_kind[kind], sum(1 for row in new if row[0] == kind)]
                    for kind, label in kinds.items()
                ],
            ),
            ReportTable(
                "by-country",
                _("Member organisations by country"),
                [_("country code"), _("country"), _("organisations")],
                [
                    [code, names[code], n]
                    for code, n in sorted(by_country.items(), key=lambda r: (-r[1], names[r[0]]))
                ],
            ),
            ReportTable(
                "by-year",
                _("Member organisations at the end of each year, by kind"),
                [_("year"), *(str(label) for label in kinds.values()), _("total")],
                per_year,
            ),
        ],
        charts=[
            ReportChart(
                "over-time",
                _("Member organisations over time"),
                str(chart),
                "; ".join(f"{row[0]}: {row[-1]}" for row in per_year),
            )
        ],
    )
