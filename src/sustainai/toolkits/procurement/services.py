"""Writes of the procurement toolkit, each in one transaction: the criteria library (loaded from
its data file, proposed by members, moderated by the leads), tender packs and bid evaluations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.utils.translation import gettext as _

from sustainai.procurement_scoring import ScoringInputError, evaluate, sensitivity
from sustainai.toolkits.procurement.apps import WORKSTREAM_SLUG
from sustainai.toolkits.procurement.models import (
    CRITERION_FIELDS,
    Area,
    Criterion,
    CriterionStatus,
    Evaluation,
    Kind,
    Level,
    TenderPack,
)
from sustainai.workstreams.models import Workstream

LIBRARY = Path(__file__).parent / "data" / "criteria.yaml"
# The clauses every pack carries, whatever its level: reporting per functional unit,
# re-measurement after a model update, audit rights and confidentiality of sensitive figures.
STANDARD_CLAUSES = ("ORG-05", "MOD-06", "ORG-06", "ORG-07")


class ProcurementError(ValueError):
    """Bad input: ``errors`` lists ``{"bid", "field", "message"}`` (bid None for the whole)."""

    def __init__(self, errors: list[dict[str, Any]]) -> None:
        self.errors = errors
        super().__init__(
            "; ".join(
                (f"{e['bid']}, " if e.get("bid") else "") + f"{e['field']}: {e['message']}"
                for e in errors
            )
        )


def procurement_workstream() -> Workstream:
    try:
        return Workstream.objects.get(slug=WORKSTREAM_SLUG)
    except Workstream.DoesNotExist:
        raise ProcurementError(
            [{"bid": None, "field": "workstream", "message": _("not opened yet")}]
        ) from None


def read_library(path: Path = LIBRARY) -> list[dict[str, Any]]:
    """The criteria of the data file, each checked: known kind, level and area, a source."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    rows = []
    errors = []
    for entry in data["criteria"]:
        row = {
            **{k: entry.get(k, "") for k in CRITERION_FIELDS[:9]},
            "source_title": entry["source"]["title"],
            "source_url": entry["source"]["url"],
        }
        for field, choices in (("kind", Kind), ("level", Level), ("area", Area)):
            if row[field] not in choices.values:
                errors.append({"bid": row["code"], "field": field, "message": "unknown value"})
        rows.append(row)
    if errors:
        raise ProcurementError(errors)
    return rows


def load_library(*, is_demo: bool = False, path: Path = LIBRARY) -> tuple[int, int]:
    """Create or update the library's criteria, published; returns (created, updated)."""
    workstream = procurement_workstream()
    created = updated = 0
    with transaction.atomic():
        for row in read_library(path):
            _, was_created = Criterion.objects.update_or_create(
                code=row["code"],
                defaults={
                    **row,
                    "workstream": workstream,
                    "status": CriterionStatus.PUBLISHED,
                    "is_demo": is_demo,
                },
            )
            created += was_created
            updated += not was_created
    return created, updated


def propose_criterion(user, values: dict[str, Any]) -> Criterion:
    """A member's proposal, awaiting the leads' moderation."""
    workstream = procurement_workstream()
    with transaction.atomic():
        return Criterion.objects.create(
            workstream=workstream,
            status=CriterionStatus.PENDING,
            proposed_by=user,
            **{k: values[k] for k in CRITERION_FIELDS},
        )


def edit_criterion(criterion: Criterion, values: dict[str, Any]) -> Criterion:
    """A moderator's correction of a criterion (its wording, evidence, source...); its status and
    who proposed and decided it are kept. Packs built earlier list it with its new text."""
    with transaction.atomic():
        criterion = Criterion.objects.select_for_update().get(pk=criterion.pk)
        for name in CRITERION_FIELDS:
            setattr(criterion, name, values[name])
        criterion.full_clean()
        criterion.save()
    return criterion


def decide(criterion: Criterion, user, publish: bool) -> Criterion:
    with transaction.atomic():
        criterion = Criterion.objects.select_for_update().get(pk=criterion.pk)
        criterion.status = CriterionStatus.PUBLISHED if publish else CriterionStatus.REJECTED
        criterion.decided_by = user
        criterion.save(update_fields=["status", "decided_by", "updated_at"])
    return criterion


def criteria_for(level: str, areas: list[str] | None = None) -> list[Criterion]:
    """The published criteria of a pack at ``level`` (comprehensive includes core), in the given
    areas (all when none), plus the standard clauses."""
    published = Criterion.objects.filter(status=CriterionStatus.PUBLISHED)
    chosen = published if level == Level.COMPREHENSIVE else published.filter(level=Level.CORE)
    if areas:
        chosen = chosen.filter(area__in=areas)
    return list((chosen | published.filter(code__in=STANDARD_CLAUSES)).distinct())


def build_pack(user, values: dict[str, Any], *, is_demo: bool = False) -> TenderPack:
    workstream = procurement_workstream()
    areas = values.pop("areas", None)
    with transaction.atomic():
        pack = TenderPack.objects.create(
            workstream=workstream, created_by=user, is_demo=is_demo, **values
        )
        pack.criteria.set(criteria_for(pack.level, areas))
    return pack


def scoring_payload(pack: TenderPack, bids: list[dict[str, Any]]) -> dict[str, Any]:
    return {"weights": pack.weights, "factors": pack.factors, "bids": bids}


def save_evaluation(pack: TenderPack, bids: list[dict[str, Any]], user) -> Evaluation:
    """Score ``bids`` under the pack's weights and factors and save them with the ranking and the
    sensitivity view, all or nothing; raises ``ProcurementError`` naming bid and field."""
    payload = scoring_payload(pack, bids)
    try:
        result = evaluate(payload)
        result["sensitivity"] = sensitivity(payload)
    except ScoringInputError as error:
        raise ProcurementError(error.errors) from None
    with transaction.atomic():
        return Evaluation.objects.create(pack=pack, bids=bids, result=result, evaluated_by=user)
