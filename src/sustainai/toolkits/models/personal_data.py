"""Who proposed, decided or asked for a benchmark: exported with those entries; on erasure the
links are removed and the entries stay the workstream's."""

from __future__ import annotations

from django.db import transaction

from sustainai.toolkits.models.models import BenchmarkRun, Entry

SOURCE_NAME = "model_library"
PERSONAL_FIELDS = (
    "model_library.Entry.proposed_by",
    "model_library.Entry.decided_by",
    "model_library.BenchmarkRun.requested_by",
)


def export_personal_data(user) -> dict:
    return {
        "proposed_entries": [
            {"slug": e.slug, "name": e.name, "status": e.status, "at": e.created_at.isoformat()}
            for e in Entry.objects.filter(proposed_by=user).order_by("created_at", "pk")
        ],
        "decided_entries": [
            {"slug": e.slug, "status": e.status, "reason": e.decision_reason}
            for e in Entry.objects.filter(decided_by=user).order_by("created_at", "pk")
        ],
        "benchmark_runs": [
            {"entry": r.entry.slug, "status": r.status, "at": r.created_at.isoformat()}
            for r in BenchmarkRun.objects.filter(requested_by=user)
            .select_related("entry")
            .order_by("created_at", "pk")
        ],
    }


def erase_personal_data(user) -> int:
    with transaction.atomic():
        return (
            Entry.objects.filter(proposed_by=user).update(proposed_by=None)
            + Entry.objects.filter(decided_by=user).update(decided_by=None)
            + BenchmarkRun.objects.filter(requested_by=user).update(requested_by=None)
        )
