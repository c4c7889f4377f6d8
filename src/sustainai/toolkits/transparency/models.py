"""Confidential figures, who read them, and the aggregates published from them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sustainai.core.models import CreationTimestamped, DemoFlagged, Timestamped
from sustainai.toolkits.transparency.catalogue import (
    BANDS,
    GROUPINGS,
    METRICS,
    Disclosure,
    Evidence,
    Method,
    ModelClass,
    Region,
    Sector,
    Task,
)

METRIC_CHOICES = [(metric.slug, metric.name) for metric in METRICS.values()]
GROUPING_CHOICES = [(name, label) for name, (label, _choices) in GROUPINGS.items()]


class GroupOfCompanies(DemoFlagged, CreationTimestamped):
    """An organisation's declared group of companies: contributors of one group count as one."""

    organisation = models.OneToOneField(
        "members.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="group_of_companies",
    )
    name = models.CharField(_("group of companies"), max_length=200)

    class Meta:
        verbose_name = _("group of companies")
        verbose_name_plural = _("groups of companies")

    def __str__(self) -> str:
        return self.name


class Submission(DemoFlagged, Timestamped):
    """One organisation's figure for one metric, year and grouping. The value is encrypted
    (``value_token``, ``encryption``); nobody reads it but the organisation's users and the
    readers the workstream appointed, and each of their reads is logged."""

    organisation = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="confidential_submissions",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    metric = models.CharField(_("metric"), max_length=40, choices=METRIC_CHOICES)
    year = models.PositiveSmallIntegerField(_("year"))
    region = models.CharField(_("region"), max_length=20, choices=Region.choices)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    model_class = models.CharField(_("model class"), max_length=20, choices=ModelClass.choices)
    value_token = models.TextField(_("encrypted value"), editable=False)
    #: The unit the organisation typed (the value is stored in the metric's unit).
    unit_entered = models.CharField(_("unit entered"), max_length=20)
    scope = models.CharField(_("scope and boundary"), max_length=500)
    method = models.CharField(_("method"), max_length=20, choices=Method.choices)
    evidence = models.CharField(_("evidence"), max_length=20, choices=Evidence.choices)

    class Meta:
        verbose_name = _("confidential submission")
        verbose_name_plural = _("confidential submissions")
        ordering = ["-year", "metric", "region", "sector", "model_class"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "metric", "year", "region", "sector", "model_class"],
                name="transparency_one_figure_per_cell",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.metric} {self.year}"

    @property
    def unit(self) -> str:
        return METRICS[self.metric].unit


class Reader(CreationTimestamped):
    """A person the workstream appointed to read organisations' raw figures."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reader"),
        on_delete=models.CASCADE,
        related_name="confidential_reader",
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granted by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("confidential reader")
        verbose_name_plural = _("confidential readers")


class ReadPurpose(models.TextChoices):
    VIEW = "view", _("Viewed the figure")
    AGGREGATE = "aggregate", _("Counted in an aggregate table")
    AUDIT = "audit", _("Read by an auditor the organisation granted access")


class Read(models.Model):
    """Who read a confidential figure, when and why; shown to the organisation it belongs to."""

    submission = models.ForeignKey(
        Submission, verbose_name=_("submission"), on_delete=models.CASCADE, related_name="reads"
    )
    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("read by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=ReadPurpose.choices)
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("read of a confidential figure")
        verbose_name_plural = _("reads of confidential figures")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} · {self.submission_id} · {self.at:%Y-%m-%d %H:%M}"


class AggregateTable(DemoFlagged, Timestamped):
    """A table of one metric and year by one or two attributes. Its disclosure parameters are the
    coordinators' and are never shown publicly; only the cells that pass them are published."""

    title = models.CharField(_("title"), max_length=200)
    metric = models.CharField(_("metric"), max_length=40, choices=METRIC_CHOICES)
    year = models.PositiveSmallIntegerField(_("year"))
    by_first = models.CharField(_("grouped by"), max_length=20, choices=GROUPING_CHOICES)
    by_second = models.CharField(_("and by"), max_length=20, choices=GROUPING_CHOICES, blank=True)
    min_contributors = models.PositiveSmallIntegerField(_("minimum contributors"), default=3)
    dominance_n = models.PositiveSmallIntegerField(_("dominance: largest contributors"), default=2)
    dominance_k = models.FloatField(
        _("dominance: their share above which a cell is hidden (%)"), default=85.0
    )
    p_percent = models.FloatField(_("p % rule: precision protected (%)"), default=10.0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    #: The cells that may be published, as ``sustainai.disclosure.aggregate`` returns them.
    result = models.JSONField(_("published cells"), null=True, editable=False)
    computed_at = models.DateTimeField(_("computed"), null=True, editable=False)
    published = models.BooleanField(_("published"), default=False)

    class Meta:
        verbose_name = _("aggregate table")
        verbose_name_plural = _("aggregate tables")
        ordering = ["-year", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def groupings(self) -> list[str]:
        return [name for name in (self.by_first, self.by_second) if name]


class AuditorGrant(CreationTimestamped):
    """An organisation lets a verifier (ISO 14064-3, ISAE 3410…) read its raw figures."""

    organisation = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="auditor_grants",
    )
    auditor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auditor"),
        on_delete=models.CASCADE,
        related_name="audit_grants",
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granted by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("auditor's access")
        verbose_name_plural = _("auditors' access")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "auditor"], name="transparency_one_grant_per_auditor"
            )
        ]

    def __str__(self) -> str:
        return f"{self.auditor} → {self.organisation}"


class AssuranceStandard(models.TextChoices):
    ISO_14064_3 = "iso-14064-3", _("ISO 14064-3 verification")
    ISAE_3410 = "isae-3410", _("ISAE 3410 assurance")
    ISO_14065 = "iso-14065", _("Verification by an ISO 14065-accredited body")
    OTHER = "other", _("Other independent verification")


class Attestation(DemoFlagged, CreationTimestamped):
    """An auditor's published statement about an organisation's figures, in place of the figures."""

    organisation = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="attestations",
    )
    auditor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auditor"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    verifier = models.CharField(_("verifying body"), max_length=200)
    metric = models.CharField(_("metric"), max_length=40, choices=METRIC_CHOICES)
    year = models.PositiveSmallIntegerField(_("year"))
    standard = models.CharField(_("standard"), max_length=20, choices=AssuranceStandard.choices)
    statement = models.TextField(_("statement"), max_length=1000)

    class Meta:
        verbose_name = _("attestation")
        verbose_name_plural = _("attestations")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.metric} {self.year}"


class Intensity(Timestamped):
    """An organisation's energy per 1,000 runs of a task: a rate that hides volumes. Encrypted
    like every figure; published as the rate or as a band only if the organisation says so."""

    organisation = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="energy_intensities",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    task = models.CharField(_("task"), max_length=30, choices=Task.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    value_token = models.TextField(_("encrypted value"), editable=False)
    method = models.CharField(_("method"), max_length=20, choices=Method.choices)
    scope = models.CharField(_("conditions of measurement"), max_length=500)
    disclosure = models.CharField(
        _("publication"), max_length=10, choices=Disclosure.choices, default=Disclosure.NONE
    )

    class Meta:
        verbose_name = _("energy intensity")
        verbose_name_plural = _("energy intensities")
        ordering = ["task", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "task", "year"], name="transparency_one_intensity"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.task} {self.year}"


class BandScale(Timestamped):
    """The thresholds of bands A–G for a task, in Wh per 1,000 runs, set by the workstream in
    advance: bands drawn from the organisations' own figures would reveal the extremes."""

    task = models.CharField(_("task"), max_length=30, choices=Task.choices, unique=True)
    #: Six increasing upper bounds: A up to the first, …, F up to the sixth, G above.
    thresholds = models.JSONField(_("upper bounds of bands A to F (Wh per 1,000 runs)"))
    basis = models.CharField(_("basis of the thresholds"), max_length=500)

    class Meta:
        verbose_name = _("band scale")
        verbose_name_plural = _("band scales")
        ordering = ["task"]

    def __str__(self) -> str:
        return self.get_task_display()

    def band(self, value: float) -> str:
        for letter, bound in zip(BANDS, self.thresholds, strict=False):
            if value <= bound:
                return letter
        return BANDS[-1]
