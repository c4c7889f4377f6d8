"""The people named by the procurement toolkit: who proposed or decided on a criterion, who built
a pack, who evaluated bids. Exported with what they did; on erasure the links to them are removed
and the records stay the workstream's."""

from __future__ import annotations

from django.db import transaction

from sustainai.toolkits.procurement.models import Criterion, Evaluation, TenderPack

SOURCE_NAME = "procurement"
PERSONAL_FIELDS = (
    "procurement.Criterion.proposed_by",
    "procurement.Criterion.decided_by",
    "procurement.TenderPack.created_by",
    "procurement.Evaluation.evaluated_by",
)


def export_personal_data(user) -> dict:
    return {
        "criteria_proposed": [
            {"code": c.code, "title": c.title, "status": c.status}
            for c in Criterion.objects.filter(proposed_by=user).order_by("code")
        ],
        "criteria_decided": [
            {"code": c.code, "status": c.status}
            for c in Criterion.objects.filter(decided_by=user).order_by("code")
        ],
        "tender_packs": [
            {"title": p.title, "built_at": p.created_at.isoformat()}
            for p in TenderPack.objects.filter(created_by=user).order_by("created_at", "pk")
        ],
        "bid_evaluations": [
            {"pack": e.pack.title, "evaluated_at": e.created_at.isoformat()}
            for e in Evaluation.objects.filter(evaluated_by=user)
            .select_related("pack")
            .order_by("created_at", "pk")
        ],
    }


def erase_personal_data(user) -> int:
    with transaction.atomic():
        return (
            Criterion.objects.filter(proposed_by=user).update(proposed_by=None)
            + Criterion.objects.filter(decided_by=user).update(decided_by=None)
            + TenderPack.objects.filter(created_by=user).update(created_by=None)
            + Evaluation.objects.filter(evaluated_by=user).update(evaluated_by=None)
        )
