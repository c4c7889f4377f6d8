"""Writes of the pilots showcase, each one transaction: save a pilot (validated, its net effect
computed), moderate it, save a collection.

Validation happens here, at the boundary, so that forms, the demo and any future import share it:
``validate`` returns errors keyed by field (``trl``, ``training_spec``, ``kpis.0.unit``) and nothing
is saved while there is one.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sustainai.net_effect import NetEffect, NetEffectInputError, Range, compute
from sustainai.toolkits.pilots.models import (
    DISCLOSABLE,
    KPI,
    SDG_MAX,
    SDG_MIN,
    TRL_MAX,
    TRL_MIN,
    Collection,
    EvidenceLink,
    Pilot,
    PilotCountry,
    Revision,
    State,
)
from sustainai.toolkits.pilots.rules import WORKSTREAM_SLUG
from sustainai.workstreams.models import Workstream

#: Bound on every typed number (kg CO2e, baselines): far above any pilot, and finite.
NUMBER_BOUND = 1e15
MAX_KPIS = 20
MAX_EVIDENCE = 20
MAX_COUNTRIES = 60


class PilotError(Exception):
    pass


def workstream() -> Workstream:
    try:
        return Workstream.objects.get(slug=WORKSTREAM_SLUG)
    except Workstream.DoesNotExist:
        raise PilotError(
            _("The workstream %(slug)s does not exist yet.") % {"slug": WORKSTREAM_SLUG}
        ) from None


def _number_error(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return _("Enter a number.")
    if not math.isfinite(value) or abs(value) > NUMBER_BOUND:
        return _("Enter a finite number of at most %(bound)s in size.") % {"bound": "1e15"}
    return None


def validate_kpi(kpi: Mapping[str, Any]) -> dict[str, str]:
    """Errors of one KPI by field: a unit and a period are required, a result needs its method, a
    claim marked verified needs its verifier, and avoided emissions need low ≤ value ≤ high."""
    errors: dict[str, str] = {}
    if not str(kpi.get("name") or "").strip():
        errors["name"] = _("Name the indicator.")
    if not str(kpi.get("unit") or "").strip():
        errors["unit"] = _("Give the unit of the baseline and result.")
    months = kpi.get("period_months")
    if not isinstance(months, int) or isinstance(months, bool) or not 1 <= months <= 1200:
        errors["period_months"] = _("Give the period the figures cover, from 1 to 1200 months.")
    for name in ("baseline", "result", "avoided_kgco2e", "avoided_low", "avoided_high"):
        if error := _number_error(kpi.get(name)):
            errors[name] = error
    if kpi.get("result") is not None and not kpi.get("method"):
        errors["method"] = _("Say whether the result was measured or modelled.")
    if kpi.get("verified") and not str(kpi.get("verifier") or "").strip():
        errors["verifier"] = _("A verified result needs the organisation that verified it.")
    value = kpi.get("avoided_kgco2e")
    if value is None and (
        kpi.get("avoided_low") is not None or kpi.get("avoided_high") is not None
    ):
        errors["avoided_kgco2e"] = _("Give the avoided emissions with their bounds.")
    if not errors and value is not None:
        try:
            Range.of(value, kpi.get("avoided_low"), kpi.get("avoided_high"), field="avoided")
        except NetEffectInputError as error:
            for key in error.errors:
                name = {"avoided.low": "avoided_low", "avoided.high": "avoided_high"}.get(
                    key, "avoided_kgco2e"
                )
                errors[name] = (
                    _("The low bound must not be above the value.")
                    if name == "avoided_low"
                    else _("The high bound must not be below the value.")
                )
    return errors


def _benefits(kpis: Sequence[Mapping[str, Any]]) -> list[tuple[Range, float]]:
    return [
        (
            Range.of(k["avoided_kgco2e"], k.get("avoided_low"), k.get("avoided_high")),
            k["period_months"],
        )
        for k in kpis
        if k.get("avoided_kgco2e") is not None
    ]


def _measured(values: Mapping[str, Any]) -> Range | None:
    if values.get("measured_kgco2e") is None:
        return None
    return Range.of(
        values["measured_kgco2e"], values.get("measured_low"), values.get("measured_high")
    )


def net_effect(values: Mapping[str, Any], kpis: Sequence[Mapping[str, Any]]) -> NetEffect:
    """The net effect per year of a pilot's values and KPIs (already validated)."""
    return compute(
        _benefits(kpis),
        training=values.get("training_spec") or None,
        inference=values.get("inference_spec") or None,
        inference_months=values.get("inference_months") or 12,
        measured=_measured(values),
        measured_months=values.get("measured_months") or 12,
        service_years=values.get("service_years") or 1,
    )


# Fields of the net-effect engine's errors → the pilot's fields.
_ENGINE_FIELDS = {
    "training": "training_spec",
    "inference": "inference_spec",
    "measured": "measured_kgco2e",
    "service_years": "service_years",
    "inference_months": "inference_months",
    "measured_months": "measured_months",
}


def validate(values: Mapping[str, Any], kpis: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """Every error of a pilot and its KPIs, keyed by field (``kpis.<i>.<field>`` for a KPI)."""
    errors: dict[str, str] = {}
    trl = values.get("trl")
    if not isinstance(trl, int) or isinstance(trl, bool) or not TRL_MIN <= trl <= TRL_MAX:
        errors["trl"] = _("The technology readiness level runs from 1 to 9.")
    sdgs = values.get("sdgs") or []
    if any(not isinstance(s, int) or not SDG_MIN <= s <= SDG_MAX for s in sdgs):
        errors["sdgs"] = _("SDGs are numbered 1 to 17.")
    unknown = set(values.get("coalition_only") or []) - set(DISCLOSABLE)
    if unknown:
        errors["coalition_only"] = _("Unknown parts: %(parts)s.") % {
            "parts": ", ".join(sorted(map(str, unknown)))
        }
    if (
        not values.get("lead_organisation")
        and not str(values.get("lead_organisation_label") or "").strip()
    ):
        errors["lead_organisation_label"] = _(
            "Name the lead organisation, or choose it among the members."
        )
    start, end = values.get("start_date"), values.get("end_date")
    if start and end and end < start:
        errors["end_date"] = _("The end comes before the start.")
    for name in ("measured_kgco2e", "measured_low", "measured_high", "service_years"):
        if error := _number_error(values.get(name)):
            errors[name] = error
    if len(kpis) > MAX_KPIS:
        errors["kpis"] = _("At most %(n)d KPIs.") % {"n": MAX_KPIS}
    for i, kpi in enumerate(kpis):
        errors.update({f"kpis.{i}.{k}": v for k, v in validate_kpi(kpi).items()})
    if values.get("measured_kgco2e") is None and (
        values.get("measured_low") is not None or values.get("measured_high") is not None
    ):
        errors["measured_kgco2e"] = _("Give the measured footprint with its bounds.")
    if not errors:
        try:
            net_effect(values, kpis)
        except NetEffectInputError as error:
            for key, message in error.errors.items():
                head, _sep, rest = key.partition(".")
                field = _ENGINE_FIELDS.get(head, "measured_kgco2e")
                text = f"{rest}: {message}" if head in ("training", "inference") else message
                errors[field] = (errors[field] + "; " + text) if field in errors else text
    return errors


PILOT_FIELDS = (
    "title",
    "summary",
    "lead_organisation",
    "lead_organisation_label",
    "partners",
    "start_date",
    "end_date",
    "problem",
    "sector",
    "sdgs",
    "domain",
    "technique",
    "data_sources",
    "openness",
    "licence",
    "status",
    "trl",
    "training_spec",
    "inference_spec",
    "inference_months",
    "service_years",
    "measured_kgco2e",
    "measured_low",
    "measured_high",
    "measured_months",
    "rebound_note",
    "assumptions",
    "coalition_only",
    "last_verified",
)
KPI_FIELDS = (
    "name",
    "baseline",
    "result",
    "unit",
    "period_months",
    "method",
    "avoided_kgco2e",
    "avoided_low",
    "avoided_high",
    "avoided_assumed",
    "verified",
    "verifier",
)


@transaction.atomic
def save_pilot(
    pilot: Pilot,
    values: Mapping[str, Any],
    kpis: Sequence[Mapping[str, Any]],
    *,
    countries: Sequence[str] = (),
    evidence: Sequence[tuple[str, str]] = (),
) -> Pilot:
    """Validate and save ``pilot`` with its KPIs, countries and evidence (replacing the old ones),
    and its net effect computed; raises ValidationError (by field) and saves nothing on error."""
    errors = validate(values, kpis)
    if len(countries) > MAX_COUNTRIES:
        errors["countries"] = _("At most %(n)d countries.") % {"n": MAX_COUNTRIES}
    if len(evidence) > MAX_EVIDENCE:
        errors["evidence"] = _("At most %(n)d evidence links.") % {"n": MAX_EVIDENCE}
    if errors:
        raise ValidationError(errors)
    for name in PILOT_FIELDS:
        if name in values:
            setattr(pilot, name, values[name])
    if pilot.workstream_id is None:
        pilot.workstream = workstream()
    result = net_effect(values, kpis)
    pilot.benefit_value, pilot.benefit_low, pilot.benefit_high = _triple(result.benefit)
    pilot.footprint_value, pilot.footprint_low, pilot.footprint_high = _triple(result.footprint)
    pilot.net_value, pilot.net_low, pilot.net_high = _triple(result.net)
    pilot.net_sign = result.sign
    pilot.sdg_index = "".join(f",{n}" for n in sorted(set(pilot.sdgs or []))) + ","
    pilot.full_clean(exclude=["slug", "workstream"] if pilot.slug else ["workstream"])
    pilot.save()
    pilot.kpis.all().delete()
    KPI.objects.bulk_create(
        KPI(pilot=pilot, position=i, **{k: kpi.get(k) for k in KPI_FIELDS if k in kpi})
        for i, kpi in enumerate(kpis)
    )
    pilot.country_links.all().delete()
    PilotCountry.objects.bulk_create(
        PilotCountry(pilot=pilot, country=code) for code in dict.fromkeys(countries)
    )
    pilot.evidence.all().delete()
    EvidenceLink.objects.bulk_create(
        EvidenceLink(pilot=pilot, title=title, url=url) for title, url in evidence
    )
    return pilot


def _triple(r: Range) -> tuple[float, float, float]:
    return r.value, r.low, r.high


def unique_slug(title: str) -> str:
    from django.utils.text import slugify

    base = slugify(title)[:100] or "pilot"
    slug, n = base, 2
    while Pilot.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def submit(
    values: Mapping[str, Any],
    kpis: Sequence[Mapping[str, Any]],
    user,
    *,
    countries: Sequence[str] = (),
    evidence: Sequence[tuple[str, str]] = (),
) -> Pilot:
    """A member's new pilot, awaiting moderation by the workstream's leads."""
    pilot = Pilot(
        slug=unique_slug(str(values.get("title") or "")),
        state=State.SUBMITTED,
        submitted_by=user,
    )
    return save_pilot(pilot, values, kpis, countries=countries, evidence=evidence)


@transaction.atomic
def edit(
    pilot: Pilot,
    values: Mapping[str, Any],
    kpis: Sequence[Mapping[str, Any]],
    user,
    *,
    countries: Sequence[str] = (),
    evidence: Sequence[tuple[str, str]] = (),
) -> Pilot:
    """Save an edited pilot. A moderator's edit keeps its state; the submitter's edit of a
    moderated (published or rejected) pilot sends it back to moderation, so that nothing is
    published unreviewed."""
    pilot = Pilot.objects.select_for_update().get(pk=pilot.pk)
    before, state_before = revisable_values(pilot), pilot.state
    if not user.has_perm("pilots.moderate") and pilot.state != State.SUBMITTED:
        pilot.state = State.SUBMITTED
        pilot.moderated_by = None
        pilot.moderated_at = None
        pilot.moderation_note = ""
    pilot = save_pilot(pilot, values, kpis, countries=countries, evidence=evidence)
    after = revisable_values(pilot)
    changes = [
        {"field": name, "before": before[name], "after": after[name]}
        for name in after
        if before[name] != after[name]
    ]
    if changes:
        Revision.objects.create(
            pilot=pilot,
            edited_by=user,
            edited_at=timezone.now(),
            state_before=state_before,
            changes=changes,
        )
    return pilot


def revisable_values(pilot: Pilot) -> dict[str, Any]:
    """What a revision compares, as raw JSON values: the fields a submitter edits, then the
    pilot's countries, evidence links and KPIs (each KPI as its fields)."""
    values: dict[str, Any] = {}
    for name in PILOT_FIELDS:
        value = getattr(pilot, name)
        if name == "lead_organisation":
            value = value.name if value is not None else ""
        elif isinstance(value, datetime.date):
            value = value.isoformat()
        values[name] = value
    values["countries"] = sorted(str(link.country) for link in pilot.country_links.all())
    values["evidence"] = [[link.title, link.url] for link in pilot.evidence.all()]
    values["kpis"] = [{name: getattr(kpi, name) for name in KPI_FIELDS} for kpi in pilot.kpis.all()]
    return values


@transaction.atomic
def moderate(pilot: Pilot, publish: bool, user, note: str = "") -> Pilot:
    pilot = Pilot.objects.select_for_update().get(pk=pilot.pk)
    if pilot.state != State.SUBMITTED:
        raise PilotError(_("This pilot was moderated already."))
    pilot.state = State.PUBLISHED if publish else State.REJECTED
    pilot.moderated_by = user
    pilot.moderated_at = timezone.now()
    pilot.moderation_note = note
    if publish and pilot.last_verified is None:
        pilot.last_verified = timezone.localdate()
    pilot.save(
        update_fields=["state", "moderated_by", "moderated_at", "moderation_note", "last_verified"]
    )
    # The edits the decision was taken on are reviewed.
    pilot.revisions.filter(reviewed=False).update(reviewed=True)
    return pilot


@transaction.atomic
def save_collection(collection: Collection, pilots: Sequence[Pilot], user=None) -> Collection:
    if collection.workstream_id is None:
        collection.workstream = workstream()
    if collection.pk is None and user is not None:
        collection.created_by = user
    if not collection.slug:
        from django.utils.text import slugify

        base = slugify(collection.title)[:100] or "collection"
        slug, n = base, 2
        while Collection.objects.filter(slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        collection.slug = slug
    collection.full_clean(exclude=["workstream", "pilots"])
    collection.save()
    unpublished = [p.title for p in pilots if p.state != State.PUBLISHED]
    if unpublished:
        raise ValidationError({"pilots": _("Only published pilots can be shown.")})
    collection.pilots.set(pilots)
    return collection
