"""A scenario saved by the agentic AI foresight workstream: a title and the scenario's query string
(preset, comparison, overrides), which is also its public address. Runs are not stored: the model
is deterministic, so the address gives the same figures each time."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sustainai.core.models import CreationTimestamped, DemoFlagged

MAX_QUERY = 2000


class SavedScenario(DemoFlagged, CreationTimestamped):
    workstream = models.ForeignKey(
        "workstreams.Workstream",
        on_delete=models.CASCADE,
        related_name="foresight_scenarios",
        verbose_name=_("workstream"),
    )
    title = models.CharField(_("title"), max_length=200)
    query = models.CharField(_("scenario"), max_length=MAX_QUERY)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("saved by"),
    )

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name = _("saved scenario")
        verbose_name_plural = _("saved scenarios")

    def __str__(self) -> str:
        return self.title
