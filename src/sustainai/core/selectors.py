"""Reads for the home page: the platform in four figures."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from sustainai.atlas.models import InitiativeCountry, ModerationState
from sustainai.atlas.selectors import published as atlas_published
from sustainai.calls.models import Call
from sustainai.members.models import MembershipStatus, Organisation


@dataclass(frozen=True)
class PlatformFigures:
    initiatives: int
    countries: int
    members: int
    open_calls: int


def platform_figures() -> PlatformFigures:
    now = timezone.now()
    published = Q(initiative__state__literal=ModerationState.PUBLISHED)  # see atlas.published()
    return PlatformFigures(
        initiatives=atlas_published().count(),
        countries=InitiativeCountry.objects.filter(published).values("country").distinct().count(),
        members=Organisation.objects.filter(status=MembershipStatus.APPROVED).count(),
        open_calls=Call.objects.filter(opens_at__lte=now, closes_at__gt=now).count(),
    )
