"""Candidate pairs of Atlas initiatives, the coordinators' decisions on them, and relations."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sustainai.core.models import CreationTimestamped


class CandidatePair(models.Model):
    """A pair the batch run found (``a_id < b_id``), waiting for a decision."""

    a = models.ForeignKey("atlas.Initiative", on_delete=models.CASCADE, related_name="+")
    b = models.ForeignKey("atlas.Initiative", on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(_("score"), db_index=True)
    reasons = models.JSONField(_("reasons"), default=list)
    computed_at = models.DateTimeField(_("computed"), auto_now=True)

    class Meta:
        ordering = ["-score", "a_id", "b_id"]
        constraints = [
            models.UniqueConstraint(fields=["a", "b"], name="unique_candidate_pair"),
            models.CheckConstraint(
                condition=models.Q(a__lt=models.F("b")), name="candidate_a_lt_b"
            ),
        ]
        verbose_name = _("candidate pair")
        verbose_name_plural = _("candidate pairs")

    def __str__(self) -> str:
        return f"{self.a_id}~{self.b_id} ({self.score:.2f})"

    @property
    def reason_labels(self) -> list[str]:
        from sustainai.linkage.reasons import reason_labels

        return reason_labels(self.reasons)


class Decision(models.TextChoices):
    MERGED = "merged", _("Merged")
    VERSION_OF = "version_of", _("Version of")
    PART_OF = "part_of", _("Part of")
    DISTINCT = "distinct", _("Distinct")


class PairDecision(models.Model):
    """A coordinator's decision on a pair: the log of the review queue.

    ``a`` and ``b`` keep the order the coordinator chose (for a merge, ``a`` is kept and ``b`` the
    duplicate; for a relation, ``a`` is a version/part of ``b``). A decision in force (not undone)
    takes its pair out of every later run. ``snapshot`` holds what a merge changed, so that undoing
    it restores both records as they were.
    """

    a = models.ForeignKey("atlas.Initiative", on_delete=models.CASCADE, related_name="+")
    b = models.ForeignKey("atlas.Initiative", on_delete=models.CASCADE, related_name="+")
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices)
    score = models.FloatField(_("score at decision"), null=True, blank=True)
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), auto_now_add=True, db_index=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    undone_at = models.DateTimeField(_("undone"), null=True, blank=True)
    snapshot = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        ordering = ["-decided_at", "-id"]
        verbose_name = _("pair decision")
        verbose_name_plural = _("pair decisions")

    def __str__(self) -> str:
        return f"{self.a_id} {self.decision} {self.b_id}"


class RelationKind(models.TextChoices):
    VERSION_OF = "version_of", _("is a version of")
    PART_OF = "part_of", _("is part of")


class InitiativeRelation(CreationTimestamped):
    """``source`` is a version of / part of ``target`` (shown on the initiatives' pages)."""

    source = models.ForeignKey(
        "atlas.Initiative", on_delete=models.CASCADE, related_name="linkage_relations_from"
    )
    target = models.ForeignKey(
        "atlas.Initiative", on_delete=models.CASCADE, related_name="linkage_relations_to"
    )
    kind = models.CharField(_("relation"), max_length=20, choices=RelationKind.choices)
    decision = models.OneToOneField(
        PairDecision, on_delete=models.CASCADE, related_name="relation", null=True, blank=True
    )

    class Meta:
        ordering = ["kind", "target_id"]
        constraints = [
            models.UniqueConstraint(fields=["source", "target", "kind"], name="unique_relation")
        ]
        verbose_name = _("relation between initiatives")
        verbose_name_plural = _("relations between initiatives")

    def __str__(self) -> str:
        return f"{self.source_id} {self.kind} {self.target_id}"
