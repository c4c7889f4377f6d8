"""Writes of the transparency toolkit: confidential figures, reads, readers and tables."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sustainai.core.text import control_character
from sustainai.disclosure import Contribution, DisclosureError, Parameters, aggregate
from sustainai.toolkits.transparency.catalogue import (
    GROUPINGS,
    METRICS,
    Disclosure,
    Evidence,
    Method,
    ModelClass,
    Region,
    Sector,
    Task,
)
from sustainai.toolkits.transparency.encryption import decrypt_value, encrypt_value, rotate
from sustainai.toolkits.transparency.models import (
    AggregateTable,
    AssuranceStandard,
    Attestation,
    AuditorGrant,
    BandScale,
    GroupOfCompanies,
    Intensity,
    Read,
    Reader,
    ReadPurpose,
    Submission,
)

FIRST_YEAR = 2015
CHOICES = {
    "region": Region,
    "sector": Sector,
    "model_class": ModelClass,
    "method": Method,
    "evidence": Evidence,
}


def _error(field: str, message: str, prefix: str = "") -> ValidationError:
    return ValidationError({field: [f"{prefix}{message}"]})


def _text(
    value: object, field: str, max_length: int, prefix: str = "", *, multiline: bool = False
) -> str:
    text = str(value or "").strip()
    if len(text) > max_length:
        raise _error(field, _("at most %(count)s characters") % {"count": max_length}, prefix)
    character = control_character(text, multiline=multiline)
    if character:
        raise _error(
            field,
            _("remove the control character %(character)s") % {"character": character},
            prefix,
        )
    return text


def _decimal(value: object, prefix: str = "") -> float:
    """A number as typed, with a decimal comma and thin or plain spaces between thousands, as
    French users type it ("1 250 000,5")."""
    raw = _text(value, "value", 40, prefix)
    try:
        return float(
            raw.replace(",", ".").replace("\u202f", "").replace("\xa0", "").replace(" ", "")
        )
    except ValueError:
        raise _error("value", _("not a number"), prefix) from None


def _year(value: object, prefix: str = "") -> int:
    """A year of a reported figure: from ``FIRST_YEAR`` to this year."""
    try:
        year = int(str(value if value is not None else ""))
    except ValueError:
        raise _error("year", _("not a year"), prefix) from None
    this_year = timezone.now().year
    if not FIRST_YEAR <= year <= this_year:
        raise _error(
            "year",
            _("must be between %(first)s and %(last)s") % {"first": FIRST_YEAR, "last": this_year},
            prefix,
        )
    return year


def clean_figure(data: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """One figure checked at the boundary; errors name the field (``prefix`` names the row)."""
    metric = METRICS.get(str(data.get("metric", "")))
    if metric is None:
        known = ", ".join(METRICS)
        raise _error(
            "metric", _("unknown metric; use one of: %(known)s") % {"known": known}, prefix
        )
    unit = _text(data.get("unit"), "unit", 20, prefix)
    if unit not in metric.units:
        known = ", ".join(metric.units)
        raise _error(
            "unit",
            _("unknown unit for this metric; use one of: %(known)s") % {"known": known},
            prefix,
        )
    value = _decimal(data.get("value"), prefix) * metric.units[unit]
    if not math.isfinite(value) or value < 0:
        raise _error("value", _("must be a finite number, zero or more"), prefix)
    if value > metric.maximum:
        raise _error(
            "value",
            _("larger than any organisation's yearly figure (%(maximum)s %(unit)s): check the unit")
            % {"maximum": f"{metric.maximum:g}", "unit": metric.unit},
            prefix,
        )
    year = _year(data.get("year"), prefix)
    cleaned: dict[str, Any] = {
        "metric": metric.slug,
        "unit_entered": unit,
        "value": value,
        "year": year,
    }
    for field, choices in CHOICES.items():
        choice = str(data.get(field, "")).strip()
        if choice not in choices.values:
            known = ", ".join(choices.values)
            raise _error(field, _("use one of: %(known)s") % {"known": known}, prefix)
        cleaned[field] = choice
    cleaned["scope"] = _text(data.get("scope"), "scope", 500, prefix, multiline=True)
    if not cleaned["scope"]:
        raise _error("scope", _("say what the figure covers (sites, services, period)"), prefix)
    return cleaned


def _store(organisation, user, cleaned: dict[str, Any]) -> Submission:
    key = {name: cleaned[name] for name in ("metric", "year", "region", "sector", "model_class")}
    values = {
        "submitted_by": user,
        "value_token": encrypt_value(cleaned["value"]),
        "unit_entered": cleaned["unit_entered"],
        "scope": cleaned["scope"],
        "method": cleaned["method"],
        "evidence": cleaned["evidence"],
    }
    submission, _created = Submission.objects.update_or_create(
        organisation=organisation, **key, defaults=values
    )
    return submission


@transaction.atomic
def submit(organisation, user, data: Mapping[str, Any]) -> Submission:
    """Record (or replace) the organisation's figure for one metric, year and grouping."""
    return _store(organisation, user, clean_figure(data))


@transaction.atomic
def submit_many(organisation, user, rows: Iterable[tuple[int, Mapping[str, Any]]]) -> int:
    """All the rows or none: the first bad field raises, naming its row."""
    cleaned = [
        clean_figure(row, prefix=_("row %(row)s: ") % {"row": number}) for number, row in rows
    ]
    if not cleaned:
        raise ValidationError(_("The file holds no figure."))
    for figure in cleaned:
        _store(organisation, user, figure)
    return len(cleaned)


def read_value(submission: Submission, user) -> float:
    """The figure in clear. A read by anyone outside the organisation is logged."""
    if user.organisation_id != submission.organisation_id:
        Read.objects.create(submission=submission, reader=user, purpose=ReadPurpose.VIEW)
    return decrypt_value(submission.value_token)


@transaction.atomic
def declare_group(organisation, name: str) -> GroupOfCompanies | None:
    """Set (or with an empty name, remove) the organisation's group of companies."""
    name = _text(name, "name", 200)
    if not name:
        GroupOfCompanies.objects.filter(organisation=organisation).delete()
        return None
    group, _created = GroupOfCompanies.objects.update_or_create(
        organisation=organisation, defaults={"name": name}
    )
    return group


@transaction.atomic
def grant_reader(user, granted_by) -> Reader:
    reader, _created = Reader.objects.get_or_create(user=user, defaults={"granted_by": granted_by})
    return reader


@transaction.atomic
def revoke_reader(user) -> None:
    Reader.objects.filter(user=user).delete()


def _parameters(table: AggregateTable) -> Parameters:
    try:
        return Parameters(
            min_contributors=table.min_contributors,
            dominance_n=table.dominance_n,
            dominance_k=table.dominance_k,
            p_percent=table.p_percent,
        )
    except DisclosureError as error:
        field, _sep, message = str(error).partition(": ")
        raise _error(
            field if field in {"min_contributors", "p_percent"} else "dominance_k", message
        ) from None


@transaction.atomic
def save_table(table: AggregateTable, user) -> AggregateTable:
    """Check a table's definition, store it and compute its cells."""
    _parameters(table)
    if table.by_second and table.by_second == table.by_first:
        raise _error("by_second", _("choose another attribute than the first, or none"))
    if table.by_first not in GROUPINGS or (table.by_second and table.by_second not in GROUPINGS):
        raise _error("by_first", _("unknown attribute"))
    if table.pk is None:
        table.created_by = user
    table.save()
    return compute(table, user)


def compute(table: AggregateTable, user) -> AggregateTable:
    """Recompute the table's publishable cells from the current figures (each read logged)."""
    submissions = list(
        Submission.objects.filter(metric=table.metric, year=table.year).select_related(
            "organisation__group_of_companies"
        )
    )
    rows: list[tuple[dict[str, str], Contribution]] = []
    for submission in submissions:
        organisation = submission.organisation
        group = getattr(organisation, "group_of_companies", None)
        rows.append(
            (
                {name: getattr(submission, name) for name in table.groupings},
                Contribution(
                    organisation.slug,
                    decrypt_value(submission.value_token),
                    group.name if group else "",
                ),
            )
        )
    Read.objects.bulk_create(
        [Read(submission=s, reader=user, purpose=ReadPurpose.AGGREGATE) for s in submissions]
    )
    table.result = aggregate(rows, table.groupings, _parameters(table)) if rows else None
    table.computed_at = timezone.now()
    table.save(update_fields=["result", "computed_at", "updated_at"])
    return table


@transaction.atomic
def set_published(table: AggregateTable, published: bool, user) -> AggregateTable:
    if published:
        compute(table, user)
    table.published = published
    table.save(update_fields=["published", "updated_at"])
    return table


def recompute_published(user=None) -> int:
    """Recompute every published table (after figures were withdrawn or an organisation erased)."""
    tables = list(AggregateTable.objects.filter(published=True))
    for table in tables:
        compute(table, user)
    return len(tables)


@transaction.atomic
def withdraw(submission: Submission, user) -> None:
    """The organisation takes a figure back; the published tables no longer count it."""
    submission.delete()
    transaction.on_commit(lambda: recompute_published(user))


def rotate_keys() -> int:
    """Re-encrypt every figure under the first key of ``SUSTAINAI_CONFIDENTIAL_KEYS``."""
    count = 0
    with transaction.atomic():
        for submission in Submission.objects.select_for_update().only("pk", "value_token"):
            submission.value_token = rotate(submission.value_token)
            submission.save(update_fields=["value_token"])
            count += 1
    return count


@transaction.atomic
def grant_auditor(organisation, auditor, granted_by) -> AuditorGrant:
    grant, _created = AuditorGrant.objects.get_or_create(
        organisation=organisation, auditor=auditor, defaults={"granted_by": granted_by}
    )
    return grant


@transaction.atomic
def revoke_auditor(organisation, auditor) -> None:
    AuditorGrant.objects.filter(organisation=organisation, auditor=auditor).delete()


def _require_grant(organisation, auditor) -> None:
    if not AuditorGrant.objects.filter(organisation=organisation, auditor=auditor).exists():
        raise PermissionError("this organisation has not granted you access")


def audit_figures(organisation, auditor) -> list[tuple[Submission, float]]:
    """The organisation's raw figures for an auditor it granted access; each read logged."""
    _require_grant(organisation, auditor)
    submissions = list(Submission.objects.filter(organisation=organisation))
    Read.objects.bulk_create(
        [Read(submission=s, reader=auditor, purpose=ReadPurpose.AUDIT) for s in submissions]
    )
    return [(s, decrypt_value(s.value_token)) for s in submissions]


@transaction.atomic
def attest(organisation, auditor, data: Mapping[str, Any]) -> Attestation:
    """Record an auditor's published statement on one metric and year of the organisation."""
    _require_grant(organisation, auditor)
    metric = str(data.get("metric", ""))
    if metric not in METRICS:
        raise _error("metric", _("unknown metric"))
    try:
        year = int(str(data.get("year", "")))
    except ValueError:
        raise _error("year", _("not a year")) from None
    if not Submission.objects.filter(organisation=organisation, metric=metric, year=year).exists():
        raise _error("year", _("the organisation reported no figure of this metric for this year"))
    standard = str(data.get("standard", ""))
    if standard not in AssuranceStandard.values:
        raise _error("standard", _("unknown standard"))
    statement = _text(data.get("statement"), "statement", 1000, multiline=True)
    if not statement:
        raise _error("statement", _("write the statement that will be published"))
    return Attestation.objects.create(
        organisation=organisation,
        auditor=auditor,
        verifier=_text(data.get("verifier"), "verifier", 200) or str(auditor),
        metric=metric,
        year=year,
        standard=standard,
        statement=statement,
    )


# Wh per 1,000 runs: from a few Wh (classification on a small model) to tens of MWh (long
# reasoning or video generation); a figure beyond is a unit error.
MAX_INTENSITY = 1e8


@transaction.atomic
def report_intensity(organisation, user, data: Mapping[str, Any]) -> Intensity:
    """Record (or replace) the organisation's energy per 1,000 runs of a task in a year."""
    task = str(data.get("task", ""))
    if task not in Task.values:
        raise _error("task", _("use one of: %(known)s") % {"known": ", ".join(Task.values)})
    value = _decimal(data.get("value"))
    if not math.isfinite(value) or value <= 0 or value > MAX_INTENSITY:
        raise _error(
            "value",
            _("must be above 0 and at most %(maximum)s Wh per 1,000 runs")
            % {"maximum": f"{MAX_INTENSITY:g}"},
        )
    year = _year(data.get("year"))
    method = str(data.get("method", ""))
    if method not in Method.values:
        raise _error("method", _("use one of: %(known)s") % {"known": ", ".join(Method.values)})
    disclosure = str(data.get("disclosure", Disclosure.NONE))
    if disclosure not in Disclosure.values:
        raise _error(
            "disclosure", _("use one of: %(known)s") % {"known": ", ".join(Disclosure.values)}
        )
    scope = _text(data.get("scope"), "scope", 500, multiline=True)
    if not scope:
        raise _error("scope", _("say how it was measured: hardware, batch, dataset"))
    intensity, _created = Intensity.objects.update_or_create(
        organisation=organisation,
        task=task,
        year=year,
        defaults={
            "submitted_by": user,
            "value_token": encrypt_value(value),
            "method": method,
            "scope": scope,
            "disclosure": disclosure,
        },
    )
    return intensity


@transaction.atomic
def set_band_scale(task: str, thresholds: list[float], basis: str) -> BandScale:
    """Six increasing, positive, finite upper bounds for bands A to F (G is everything above)."""
    if task not in Task.values:
        raise _error("task", _("unknown task"))
    if len(thresholds) != 6 or not all(math.isfinite(t) and t > 0 for t in thresholds):
        raise _error("thresholds", _("give six positive numbers, the upper bounds of A to F"))
    if any(b <= a for a, b in zip(thresholds, thresholds[1:], strict=False)):
        raise _error("thresholds", _("each bound must be above the one before"))
    basis = _text(basis, "basis", 500)
    if not basis:
        raise _error("basis", _("say where the thresholds come from"))
    scale, _created = BandScale.objects.update_or_create(
        task=task, defaults={"thresholds": thresholds, "basis": basis}
    )
    return scale


def read_value_of_intensity(intensity: Intensity) -> float:
    """For the organisation's own users (not logged, like its own figures)."""
    return decrypt_value(intensity.value_token)


def published_intensities() -> list[dict[str, Any]]:
    """What the organisations agreed to publish: the rate, or only its band on the task's scale
    (nothing for a band without a scale)."""
    scales = {scale.task: scale for scale in BandScale.objects.all()}
    rows: list[dict[str, Any]] = []
    for intensity in Intensity.objects.exclude(disclosure=Disclosure.NONE).select_related(
        "organisation"
    ):
        value = decrypt_value(intensity.value_token)
        scale = scales.get(intensity.task)
        if intensity.disclosure == Disclosure.BAND:
            if scale is None:
                continue
            rows.append({"intensity": intensity, "rate": None, "band": scale.band(value)})
        else:
            rows.append(
                {
                    "intensity": intensity,
                    "rate": value,
                    "band": scale.band(value) if scale else None,
                }
            )
    return rows
