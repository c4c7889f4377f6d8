"""Reads of the pilots showcase, each a fixed number of queries: the gallery with its facets and
map counts, a pilot's page, moderation, collections, totals and the event-report figures."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Count, Field, Prefetch, Q, QuerySet
from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django_countries import countries as country_names

from sustainai.core.demo import real_only
from sustainai.net_effect import Range, total
from sustainai.toolkits.pilots.models import (
    DISCLOSABLE,
    KPI,
    Collection,
    Method,
    Pilot,
    PilotCountry,
    Revision,
    State,
)

SIGNS = ("positive", "uncertain", "negative")


@dataclass(frozen=True)
class Filters:
    sector: str = ""
    country: str = ""
    trl_min: int | None = None
    sdg: int | None = None
    sign: str = ""
    #: The viewer sees coalition-only figures: the sign facet counts every pilot then.
    coalition: bool = False

    def apply(self, qs: QuerySet[Pilot], *, skip: str = "") -> QuerySet[Pilot]:
        if self.sector and skip != "sector":
            qs = qs.filter(sector=self.sector)
        if self.country and skip != "country":
            qs = qs.filter(country_links__country=self.country)
        if self.trl_min is not None and skip != "trl":
            qs = qs.filter(trl__gte=self.trl_min)
        if self.sdg is not None and skip != "sdg":
            qs = qs.filter(sdg_index__contains=f",{self.sdg},")
        if self.sign and skip != "sign":
            qs = qs.filter(net_sign=self.sign)
            if not self.coalition:
                qs = qs.exclude(_hidden_net())
        return qs


def _hidden_net() -> Q:
    """Pilots whose net effect the public does not see (KPIs or footprint coalition only)."""
    return Q(coalition_only__icontains='"kpis"') | Q(coalition_only__icontains='"footprint"')


def published() -> QuerySet[Pilot]:
    return Pilot.objects.filter(state=State.PUBLISHED)


def gallery(filters: Filters) -> list[Pilot]:
    """Published pilots matching ``filters``, with their countries (2 queries)."""
    return list(
        filters.apply(published())
        .select_related("lead_organisation")
        .prefetch_related("country_links")
        .distinct()
    )


def facet_counts(filters: Filters) -> dict[str, Counter]:
    """For each facet, the number of published pilots per value, counted with the other filters
    (so that values can be compared): 5 queries."""
    counts: dict[str, Counter] = {}
    counts["sector"] = Counter(
        dict(
            filters.apply(published(), skip="sector")
            .values_list("sector")
            .annotate(n=Count("pk", distinct=True))
            .values_list("sector", "n")
        )
    )
    counts["country"] = country_counts(filters)
    trl_rows = filters.apply(published(), skip="trl").values_list("pk", "trl").distinct()
    counts["trl"] = Counter(trl for _pk, trl in trl_rows)
    sdg_rows = filters.apply(published(), skip="sdg").values_list("pk", "sdgs").distinct()
    counts["sdg"] = Counter(s for _pk, sdgs in sdg_rows for s in (sdgs or []))
    signed = filters.apply(published(), skip="sign")
    if not filters.coalition:
        signed = signed.exclude(_hidden_net())
    sign_rows = signed.values_list("pk", "net_sign").distinct()
    counts["sign"] = Counter(sign for _pk, sign in sign_rows)
    return counts


def country_counts(filters: Filters) -> Counter:
    """Published pilots per country, with the other filters (1 query)."""
    pilots = filters.apply(published(), skip="country").values("pk")
    return Counter(
        dict(
            PilotCountry.objects.filter(pilot__in=pilots)
            .values_list("country")
            .annotate(n=Count("pilot", distinct=True))
            .values_list("country", "n")
        )
    )


def pilot(slug: str) -> Pilot:
    """A pilot with everything its page shows (4 queries)."""
    return (
        Pilot.objects.select_related("lead_organisation", "workstream")
        .prefetch_related(
            "country_links",
            Prefetch("kpis", queryset=KPI.objects.order_by("position", "pk")),
            "evidence",
        )
        .get(slug=slug)
    )


def pending() -> list[Pilot]:
    """Pilots awaiting moderation, each with ``edits``: how many edits since its last decision
    (an edited pilot comes back to moderation)."""
    return list(
        Pilot.objects.filter(state=State.SUBMITTED)
        .select_related("lead_organisation", "submitted_by")
        .prefetch_related("country_links")
        .annotate(edits=Count("revisions", filter=Q(revisions__reviewed=False)))
        .order_by("created_at", "pk")
    )


def pending_count(user) -> int:
    return Pilot.objects.filter(state=State.SUBMITTED).count()


def submitted_by(user) -> list[Pilot]:
    return list(Pilot.objects.filter(submitted_by=user).order_by("-created_at", "-pk"))


def net_visible(pilot: Pilot, coalition: bool) -> bool:
    return coalition or (pilot.is_public("kpis") and pilot.is_public("footprint"))


def benefit(pilot: Pilot) -> Range:
    return Range(pilot.benefit_value, pilot.benefit_low, pilot.benefit_high)


def footprint(pilot: Pilot) -> Range:
    return Range(pilot.footprint_value, pilot.footprint_low, pilot.footprint_high)


def net(pilot: Pilot) -> Range:
    return Range(pilot.net_value, pilot.net_low, pilot.net_high)


@dataclass(frozen=True)
class Totals:
    """Sums over the pilots whose net effect the viewer sees; ``hidden`` counts the others."""

    benefit: Range
    footprint: Range
    net: Range
    counted: int
    hidden: int


def totals(pilots: Iterable[Pilot], coalition: bool = False) -> Totals:
    """Bound-by-bound sums (net = sum of nets, so its range follows the same rule)."""
    shown = [p for p in pilots if net_visible(p, coalition)]
    hidden = sum(1 for p in pilots if not net_visible(p, coalition))
    return Totals(
        benefit=total(benefit(p) for p in shown),
        footprint=total(footprint(p) for p in shown),
        net=total(net(p) for p in shown),
        counted=len(shown),
        hidden=hidden,
    )


def collections() -> list[Collection]:
    return list(Collection.objects.annotate(size=Count("pilots")).order_by("-created_at", "-pk"))


def collection(slug: str) -> Collection:
    return Collection.objects.get(slug=slug)


def collection_pilots(collection: Collection) -> list[Pilot]:
    """The collection's published pilots with what the brochure shows (4 queries)."""
    return list(
        collection.pilots.filter(state=State.PUBLISHED)
        .select_related("lead_organisation")
        .prefetch_related(
            "country_links",
            Prefetch("kpis", queryset=KPI.objects.order_by("position", "pk")),
            "evidence",
        )
        .order_by("title", "pk")
    )


def published_between(start: datetime.date, end: datetime.date) -> list[Pilot]:
    """Real (non-demo) pilots published in the period, by the date of their moderation."""
    return list(
        published()
        .filter(**real_only(), moderated_at__date__gte=start, moderated_at__date__lte=end)
        .order_by("moderated_at", "pk")
    )


@dataclass(frozen=True)
class RevisionLine:
    """One changed field of a revision, written out in the reader's language: its label and its
    values before and after, one line per item (a KPI, an evidence link)."""

    label: str
    before: list[str]
    after: list[str]


def unreviewed_revisions(pilot: Pilot) -> list[Revision]:
    """The edits made since the pilot's last moderation decision, newest first (one query)."""
    return list(pilot.revisions.filter(reviewed=False).select_related("edited_by"))


def revision_lines(revision: Revision) -> list[RevisionLine]:
    return [
        RevisionLine(
            _field_label(change["field"]),
            _written(change["field"], change["before"]),
            _written(change["field"], change["after"]),
        )
        for change in revision.changes
    ]


def _field_label(name: str) -> str:
    special = {"countries": _("Countries"), "evidence": _("Evidence links"), "kpis": _("KPIs")}
    if name in special:
        return special[name]
    field = _model_field(name)
    return capfirst(str(field.verbose_name)) if field is not None else name


def _model_field(name: str) -> Field | None:
    try:
        field = Pilot._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, Field) else None


def _number(value: Any) -> str:
    return number_format(value, use_l10n=True) if isinstance(value, int | float) else str(value)


def _written(name: str, value: Any) -> list[str]:
    """A raw value of ``revisable_values`` as text: empty values as a dash, choices by their
    label, countries by name, one line per KPI or evidence link."""
    if value in (None, "", [], {}):
        return ["—"]
    if name == "countries":
        return [", ".join(str(country_names.name(code) or code) for code in value)]
    if name == "evidence":
        return [f"{title} ({url})" for title, url in value]
    if name == "kpis":
        return [_kpi_line(kpi) for kpi in value]
    if name == "coalition_only":
        return [", ".join(str(DISCLOSABLE.get(part, part)) for part in value)]
    if isinstance(value, bool):
        return [_("yes") if value else _("no")]
    if isinstance(value, list):
        return [", ".join(_number(item) for item in value)]
    if isinstance(value, dict):
        return [f"{key}: {_number(item)}" for key, item in sorted(value.items())]
    field = _model_field(name)
    choices = dict(field.flatchoices) if field is not None else {}
    return [str(choices.get(value, _number(value)))]


def _kpi_line(kpi: dict[str, Any]) -> str:
    line = _("%(name)s: %(baseline)s → %(result)s %(unit)s over %(months)s months") % {
        "name": kpi.get("name", ""),
        "baseline": _number(kpi["baseline"]) if kpi.get("baseline") is not None else "—",
        "result": _number(kpi["result"]) if kpi.get("result") is not None else "—",
        "unit": kpi.get("unit", ""),
        "months": _number(kpi.get("period_months") or 0),
    }
    if kpi.get("method"):
        line += f"; {dict(Method.choices).get(kpi['method'], kpi['method'])}"
    if kpi.get("avoided_kgco2e") is not None:
        line += "; " + _("avoided %(value)s kg CO2e (%(low)s to %(high)s)") % {
            "value": _number(kpi["avoided_kgco2e"]),
            "low": _number(kpi.get("avoided_low") if kpi.get("avoided_low") is not None else "—"),
            "high": _number(
                kpi.get("avoided_high") if kpi.get("avoided_high") is not None else "—"
            ),
        }
    if kpi.get("verified"):
        line += "; " + _("verified by %(verifier)s") % {"verifier": kpi.get("verifier") or "—"}
    return line
