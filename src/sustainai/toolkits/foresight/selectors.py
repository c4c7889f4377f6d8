"""Reads: a scenario's results, cached by the scenario's canonical JSON (the model is
deterministic for a given scenario, sample count and seed)."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.core.cache import cache

from sustainai.foresight import run

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
