"""The person who saved a scenario: exported with the scenarios they saved; on erasure the link
to them is removed and the scenario stays the workstream's."""

from __future__ import annotations

from django.db import transaction

from sustainai.toolkits.foresight.models import SavedScenario

SOURCE_NAME = "foresight"
PERSONAL_FIELDS = ("foresight.SavedScenario.saved_by",)


def export_personal_data(user) -> dict:
    return {
        "saved_scenarios": [
            {
                "workstream": scenario.workstream.slug,
                "title": scenario.title,
                "scenario": scenario.query,
                "saved_at": scenario.created_at.isoformat(),
            }
            for scenario in SavedScenario.objects.filter(saved_by=user)
            .select_related("workstream")
            .order_by("created_at", "pk")
        ]
    }


def erase_personal_data(user) -> int:
    with transaction.atomic():
        return SavedScenario.objects.filter(saved_by=user).update(saved_by=None)
