"""Reads: a scenario's results, cached by the scenario's canonical JSON (the model is
deterministic for a given scenario, sample count and seed)."""

from __future__ import annotations

import datetime
import hashlib
import json
from typing import Any

from django.core.cache import cache

from sustainai.core.demo import real_only
from sustainai.foresight import run
from sustainai.toolkits.foresight.apps import WORKSTREAM_SLUG
from sustainai.toolkits.foresight.models import SavedScenario
from sustainai.workstreams.models import Workstream

CACHE_SECONDS = 60 * 60


def results(
    spec: dict[str, Any],
    *,
    samples: int | None = None,
    seed: int | None = None,
    max_samples: int,
) -> dict[str, Any]:
    """``foresight.run`` with a cache; raises ``ForesightInputError`` as ``run`` does."""
    canonical = json.dumps([spec, samples, seed], sort_keys=True, separators=(",", ":"))
    key = "foresight:" + hashlib.sha256(canonical.encode()).hexdigest()
    hit = cache.get(key)
    if hit is not None:
        return hit
    result = run(spec, samples=samples, seed=seed, max_samples=max_samples)
    cache.set(key, result, CACHE_SECONDS)
    return result


def foresight_workstream() -> Workstream | None:
    return Workstream.objects.filter(slug=WORKSTREAM_SLUG).first()


def saved_scenarios(workstream: Workstream, limit: int = 50) -> list[SavedScenario]:
    """The workstream's saved scenarios, newest first, with who saved them (one query)."""
    return list(
        SavedScenario.objects.filter(workstream=workstream).select_related("saved_by")[:limit]
    )


def saved_between(start: datetime.date, end: datetime.date) -> list[SavedScenario]:
    """Real (not demo) scenarios saved from ``start`` to ``end`` inclusive, oldest first."""
    return list(
        SavedScenario.objects.filter(
            **real_only(), created_at__date__gte=start, created_at__date__lte=end
        ).order_by("created_at", "pk")
    )
