"""The public procurement toolkit: the criteria library (moderated by the workstream's leads),
the tender packs buyers build from it, and the evaluations of the bids they receive."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from sustainai.core.models import CreationTimestamped, DemoFlagged, Timestamped


class Kind(models.TextChoices):
    SELECTION = "selection", _("Selection criterion")
    SPECIFICATION = "specification", _("Technical specification")
    AWARD = "award", _("Award criterion")
    CLAUSE = "clause", _("Contract clause")


class Level(models.TextChoices):
    CORE = "core", _("Core")
    COMPREHENSIVE = "comprehensive", _("Comprehensive")


class Area(models.TextChoices):
    NEED = "need", _("Need and frugality")
    MODEL = "model", _("Model")
    HOSTING = "hosting", _("Hosting")
    HARDWARE = "hardware", _("Hardware")
    ORGANISATION = "organisation", _("Organisation")


class CriterionStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting moderation")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")


# What whoever writes a criterion fills in (a member's proposal, a lead's correction, the
# shipped library), in the form's order.
CRITERION_FIELDS = (
    "code",
    "title",
    "wording",
    "kind",
    "level",
    "area",
    "evidence",
    "metric",
    "unit",
    "source_title",
    "source_url",
)


class Criterion(DemoFlagged, Timestamped):
    workstream = models.ForeignKey(
        "workstreams.Workstream",
        verbose_name=_("workstream"),
        on_delete=models.PROTECT,
        related_name="procurement_criteria",
    )
    code = models.CharField(_("code"), max_length=20, unique=True)
    title = models.CharField(_("title"), max_length=200)
    wording = models.TextField(_("wording"), max_length=2000)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, db_index=True)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, db_index=True)
    area = models.CharField(_("area"), max_length=20, choices=Area.choices, db_index=True)
    evidence = models.TextField(_("evidence asked"), max_length=1000)
    metric = models.CharField(_("metric"), max_length=200, blank=True)
    unit = models.CharField(_("unit"), max_length=100, blank=True)
    source_title = models.CharField(_("source"), max_length=300)
    source_url = models.URLField(_("source URL"), max_length=500)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=CriterionStatus.choices,
        default=CriterionStatus.PENDING,
        db_index=True,
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("procurement criterion")
        verbose_name_plural = _("procurement criteria")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class TenderPack(DemoFlagged, CreationTimestamped):
    """A buyer's description of a purchase and the criteria selected for it."""

    workstream = models.ForeignKey(
        "workstreams.Workstream",
        verbose_name=_("workstream"),
        on_delete=models.PROTECT,
        related_name="tender_packs",
    )
    title = models.CharField(_("title"), max_length=200)
    use_case = models.TextField(_("use case"), max_length=2000)
    functional_unit = models.CharField(_("functional unit"), max_length=100)
    volume = models.PositiveIntegerField(
        _("expected volume (functional units)"), validators=[MinValueValidator(1)]
    )
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    environmental_weight = models.FloatField(
        _("environmental weight"), validators=[MinValueValidator(0.1), MaxValueValidator(0.3)]
    )
    quality_weight = models.FloatField(
        _("quality weight"), validators=[MinValueValidator(0), MaxValueValidator(0.6)]
    )
    factor_verified = models.FloatField(_("factor for verified figures"), default=1.0)
    factor_measured = models.FloatField(_("factor for measured figures"), default=0.8)
    factor_modelled = models.FloatField(_("factor for modelled figures"), default=0.5)
    criteria = models.ManyToManyField(Criterion, verbose_name=_("criteria"), related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("built by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("tender pack")
        verbose_name_plural = _("tender packs")

    def __str__(self) -> str:
        return self.title

    @property
    def price_weight(self) -> float:
        return round(1 - self.environmental_weight - self.quality_weight, 6)

    @property
    def weights(self) -> dict[str, float]:
        return {
            "price": self.price_weight,
            "energy": self.environmental_weight,
            "quality": self.quality_weight,
        }

    @property
    def factors(self) -> dict[str, float]:
        return {
            "verified": self.factor_verified,
            "measured": self.factor_measured,
            "modelled": self.factor_modelled,
        }


class Evaluation(CreationTimestamped):
    """The bids of a tender as evaluated, with their ranking: saved whole or not at all."""

    pack = models.ForeignKey(
        TenderPack, verbose_name=_("tender pack"), on_delete=models.CASCADE, related_name="+"
    )
    bids = models.JSONField(_("bids"))
    result = models.JSONField(_("result"))
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("evaluated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("bid evaluation")
        verbose_name_plural = _("bid evaluations")

    def __str__(self) -> str:
        return f"{self.pack_id} ({self.created_at:%Y-%m-%d})"
