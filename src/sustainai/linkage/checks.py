"""System check: the semantic pass asked for by the settings has its extra installed."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error

from sustainai.linkage import semantic


def semantic_extra(app_configs, **kwargs) -> list[Error]:
    if not getattr(settings, "SUSTAINAI_DUPLICATES_SEMANTIC", False) or semantic.available():
        return []
    return [
        Error(
            "SUSTAINAI_DUPLICATES_SEMANTIC is on, but the semantic pass's extra is not installed: "
            "the review queue's batch run would fail.",
            hint="pip install '.[semantic]', or leave SUSTAINAI_DUPLICATES_SEMANTIC unset.",
            id="linkage.E001",
        )
    ]
