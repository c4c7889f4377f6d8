"""Reads for members: the public directory and its statistics, the applications queue."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.translation import ngettext
from django_countries import countries

from sustainai.core.registry import Figure
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
