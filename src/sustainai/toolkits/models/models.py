"""Entries of the compressed-models library and the benchmark runs started from the web.

An entry is a model (a base or a compressed version of one) with its measurements and how they
were obtained. Members propose entries; the workstream's leads publish or reject them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sustainai.core.models import CreationTimestamped, DemoFlagged, Timestamped


class Method(models.TextChoices):
    BASE = "base", _("base model")
    DYNAMIC_INT8 = "dynamic-int8", _("dynamic int8")
    STATIC_INT8 = "static-int8", _("static int8")
    FP16 = "fp16", _("float16")
    PRUNING = "pruning", _("pruning")
    DISTILLATION = "distillation", _("distillation")


class Status(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    PUBLISHED = "published", _("published")
    REJECTED = "rejected", _("rejected")


class EnergyMethod(models.TextChoices):
    MEASURED = "measured", _("measured")
    ESTIMATED = "estimated", _("estimated")


class Entry(DemoFlagged, Timestamped):
    workstream = models.ForeignKey(
        "workstreams.Workstream",
        on_delete=models.CASCADE,
        related_name="model_entries",
        verbose_name=_("workstream"),
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=200)
    base = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="compressed",
        verbose_name=_("base model"),
    )
    base_name = models.CharField(_("base model (outside the library)"), max_length=200, blank=True)
    method = models.CharField(_("method"), max_length=20, choices=Method.choices)
    licence = models.CharField(_("licence"), max_length=100)
    task = models.CharField(_("task"), max_length=100)
    artefact = models.CharField(_("model file"), max_length=300, blank=True)
    size_mb = models.FloatField(_("size (MB)"), null=True, blank=True)
    params = models.BigIntegerField(_("parameters"), null=True, blank=True)
    dataset = models.CharField(_("dataset"), max_length=100)
    metric = models.CharField(_("metric"), max_length=50)
    quality = models.FloatField(_("quality"), null=True, blank=True)
    quality_base = models.FloatField(_("quality of the base model"), null=True, blank=True)
    latency_p50_ms = models.FloatField(_("latency p50 (ms)"), null=True, blank=True)
    latency_p95_ms = models.FloatField(_("latency p95 (ms)"), null=True, blank=True)
    energy_j_per_1k = models.FloatField(_("energy per 1,000 inferences (J)"), null=True, blank=True)
    energy_low = models.FloatField(_("energy, low (J)"), null=True, blank=True)
    energy_high = models.FloatField(_("energy, high (J)"), null=True, blank=True)
    energy_method = models.CharField(
        _("energy obtained by"), max_length=10, choices=EnergyMethod.choices, blank=True
    )
    hardware = models.CharField(_("hardware"), max_length=300, blank=True)
    software = models.JSONField(_("software versions"), default=dict, blank=True)
    seed = models.IntegerField(_("seed"), null=True, blank=True)
    command = models.CharField(_("command"), max_length=500, blank=True)
    training_co2_g = models.FloatField(
        _("training emissions from the model card (g CO2e)"), null=True, blank=True
    )
    source = models.CharField(_("source"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decision_reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ("task", "name", "pk")
        verbose_name = _("model entry")
        verbose_name_plural = _("model entries")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("model_library:entry", kwargs={"slug": self.slug})

    @property
    def base_label(self) -> str:
        return self.base.slug if self.base is not None else self.base_name


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class BenchmarkRun(CreationTimestamped):
    entry = models.ForeignKey(
        Entry, on_delete=models.CASCADE, related_name="runs", verbose_name=_("entry")
    )
    repeat = models.PositiveSmallIntegerField(_("repeat"), default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    progress = models.FloatField(_("progress"), default=0.0)
    step = models.CharField(_("step"), max_length=50, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name = _("benchmark run")
        verbose_name_plural = _("benchmark runs")
