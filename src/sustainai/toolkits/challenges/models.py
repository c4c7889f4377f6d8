"""Challenges of the data-challenges workstream: phases, a dataset whose test labels stay on the
server (``HiddenLabels``, never given to the sandbox or any page), teams with invitations, and
submissions evaluated in the sandbox (``sustainai.sandbox``) by the task worker."""

from __future__ import annotations

import io
from typing import Any

import numpy as np
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from sustainai.core.models import CreationTimestamped, DemoFlagged


def to_npy(array: Any) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, np.asarray(array), allow_pickle=False)
    return buffer.getvalue()


def from_npy(data: bytes | memoryview) -> np.ndarray:
    return np.load(io.BytesIO(bytes(data)), allow_pickle=False)


class Phase(models.TextChoices):
    OPEN = "open", _("Open for submissions")
    EVALUATION = "evaluation", _("Final evaluation")
    CLOSED = "closed", _("Closed")


class Metric(models.TextChoices):
    ACCURACY = "accuracy", _("Accuracy")
    MACRO_F1 = "macro_f1", _("Macro-averaged F1")
    MAE = "mae", _("Mean absolute error")


class Challenge(DemoFlagged, CreationTimestamped):
    workstream = models.ForeignKey(
        "workstreams.Workstream",
        on_delete=models.CASCADE,
        related_name="challenges",
        verbose_name=_("workstream"),
    )
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"))
    rules = models.TextField(_("rules"))
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices, default=Phase.OPEN)
    metric = models.CharField(
        _("metric"), max_length=20, choices=Metric.choices, default=Metric.ACCURACY
    )
    energy_budget_wh = models.FloatField(
        _("energy budget (Wh per run)"), validators=[MinValueValidator(0)]
    )
    min_score = models.FloatField(_("minimum score"))
    daily_limit = models.PositiveSmallIntegerField(
        _("submissions per team per day"), default=5, validators=[MinValueValidator(1)]
    )
    repeats = models.PositiveSmallIntegerField(
        _("measured runs per submission"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    cpu_limit_s = models.PositiveIntegerField(_("CPU-time limit (s)"), default=60)
    wall_limit_s = models.PositiveIntegerField(_("wall-clock limit (s)"), default=120)
    memory_limit_mb = models.PositiveIntegerField(_("memory limit (MiB)"), default=2048)
    dataset_name = models.CharField(_("dataset"), max_length=200)
    dataset_source = models.URLField(_("dataset source"))
    x_train = models.BinaryField(_("training features"), editable=False)
    y_train = models.BinaryField(_("training labels"), editable=False)
    x_test = models.BinaryField(_("test features"), editable=False)
    classes = models.JSONField(
        _("classes"), null=True, blank=True, help_text=_("Empty for a regression.")
    )
    finalised_at = models.DateTimeField(_("final ranking re-run at"), null=True, blank=True)

    class Meta:
        ordering = ("title", "pk")
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")

    def __str__(self) -> str:
        return self.title


class HiddenLabels(models.Model):
    """The test labels: read only by the worker that scores a submission, never shown."""

    challenge = models.OneToOneField(
        Challenge, on_delete=models.CASCADE, related_name="hidden", verbose_name=_("challenge")
    )
    y_test = models.BinaryField(_("test labels"), editable=False)

    class Meta:
        verbose_name = _("hidden test labels")
        verbose_name_plural = _("hidden test labels")

    def __str__(self) -> str:
        return f"hidden labels of challenge {self.challenge_id}"


class Team(CreationTimestamped, DemoFlagged):
    challenge = models.ForeignKey(
        Challenge, on_delete=models.CASCADE, related_name="teams", verbose_name=_("challenge")
    )
    name = models.CharField(_("name"), max_length=100)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        ordering = ("name", "pk")
        constraints = [
            models.UniqueConstraint(fields=("challenge", "name"), name="challenges_team_unique")
        ]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self) -> str:
        return self.name


class TeamMember(CreationTimestamped):
    """A person in a team: a platform user, or an e-mail address invited and not yet accepted."""

    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="members", verbose_name=_("team")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="challenge_teams",
        verbose_name=_("user"),
    )
    email = models.EmailField(_("e-mail address invited"), blank=True)
    token = models.CharField(_("invitation token"), max_length=64, blank=True, db_index=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)

    class Meta:
        ordering = ("created_at", "pk")
        verbose_name = _("team member")
        verbose_name_plural = _("team members")

    def __str__(self) -> str:
        return self.email or f"user {self.user_id}"


class Status(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    SCORED = "scored", _("Scored")
    FAILED = "failed", _("Failed")
    TIMEOUT = "timeout", _("Timed out")
    KILLED = "killed", _("Killed")


FAILURES = (Status.FAILED, Status.TIMEOUT, Status.KILLED)


class Submission(DemoFlagged, CreationTimestamped):
    challenge = models.ForeignKey(
        Challenge, on_delete=models.CASCADE, related_name="submissions", verbose_name=_("challenge")
    )
    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="submissions", verbose_name=_("team")
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    label = models.CharField(_("label"), max_length=100, blank=True)
    filename = models.CharField(_("file name"), max_length=200)
    source = models.TextField(_("source"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    reason = models.TextField(_("reason"), blank=True)
    score = models.FloatField(_("score"), null=True, blank=True)
    energy_wh = models.FloatField(_("energy (Wh, mean of the runs)"), null=True, blank=True)
    energy_wh_min = models.FloatField(_("energy, lowest run (Wh)"), null=True, blank=True)
    energy_wh_max = models.FloatField(_("energy, highest run (Wh)"), null=True, blank=True)
    emissions_g = models.FloatField(_("emissions (gCO2e, mean)"), null=True, blank=True)
    wall_s = models.FloatField(_("duration (s, mean)"), null=True, blank=True)
    energy_method = models.CharField(_("how energy was obtained"), max_length=200, blank=True)
    runs = models.JSONField(_("runs"), default=list, blank=True)
    evaluated_at = models.DateTimeField(_("evaluated at"), null=True, blank=True)
    final_score = models.FloatField(_("final score"), null=True, blank=True)
    final_energy_wh = models.FloatField(_("final energy (Wh)"), null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")

    def __str__(self) -> str:
        return self.label or self.filename

    @property
    def failed(self) -> bool:
        return self.status in FAILURES
