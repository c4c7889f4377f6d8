from __future__ import annotations

from django.db import transaction


def recompute_after_organisation_erased(sender, instance, **kwargs) -> None:
    """An organisation's figures go with it (cascade); the published tables must stop counting
    them, once the deletion is committed."""
    from sustainai.toolkits.transparency.services import recompute_published

    transaction.on_commit(recompute_published)
