"""Writes: saving a scenario for the workstream (validated as a run would be, then stored)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from sustainai.foresight import ForesightInputError, read
from sustainai.toolkits.foresight.models import MAX_QUERY, SavedScenario


class ScenarioNotSaved(ValueError):
    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


def save_scenario(
    *, workstream, user, title: str, query: str, spec: dict[str, Any]
) -> SavedScenario:
    """Store ``query`` (the scenario page's query string that gives ``spec``) under ``title`` for
    ``workstream``, once ``spec`` reads without error; raises ``ScenarioNotSaved`` naming the
    fields at fault."""
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = "required"
    if len(query) > MAX_QUERY:
        errors["query"] = f"at most {MAX_QUERY} characters"
    try:
        read(spec)
    except ForesightInputError as error:
        errors.update(error.errors)
    if errors:
        raise ScenarioNotSaved(errors)
    with transaction.atomic():
        return SavedScenario.objects.create(
            workstream=workstream, title=title.strip(), query=query, saved_by=user
        )
