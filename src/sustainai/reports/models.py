"""The coalition's reports for international events, built from the platform's live data.

A report is drafted (event, period, languages, sections chosen), frozen at a date (every section's
figures, tables and charts computed then, in each of its languages, and stored with the data
version), reviewed section by section by the leads of each section's workstream (the coordinators
for the platform's own sections), and published.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sustainai.core.models import CreationTimestamped, DemoFlagged, Timestamped


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    FROZEN = "frozen", _("Frozen, in review")
    PUBLISHED = "published", _("Published")


class Report(DemoFlagged, Timestamped):
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    event = models.CharField(_("event"), max_length=200)
    place = models.CharField(_("place"), max_length=200)
    event_date = models.DateField(_("date of the event"))
    #: Language codes of ``settings.LANGUAGES`` the report is published in.
    languages = models.JSONField(_("languages"), default=list)
    previous = models.ForeignKey(
        "self",
        verbose_name=_("previous report"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="next_reports",
        help_text=_('Its date starts the period of "since the last event".'),
    )
    period_start = models.DateField(_("period from"))
    as_of = models.DateField(_("figures as of"))
    #: Keys of the sections chosen (``ReportSection.key``); empty: every section.
    sections = models.JSONField(_("sections"), default=list, blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=ReportState.choices, default=ReportState.DRAFT
    )
    #: ``{language: [section, ...]}``, each section as ``selectors.section_data`` writes it.
    snapshot = models.JSONField(_("snapshot"), default=dict, blank=True, editable=False)
    frozen_at = models.DateTimeField(_("frozen"), null=True, blank=True, editable=False)
    #: The freeze's timestamp, the hash of the applied migrations and the hash of the snapshot.
    data_version = models.JSONField(_("data version"), default=dict, blank=True, editable=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-event_date", "slug"]
        verbose_name = _("event report")
        verbose_name_plural = _("event reports")

    def __str__(self) -> str:
        return self.event

    def get_absolute_url(self) -> str:
        return reverse("reports:detail", args=[self.slug])

    @property
    def is_published(self) -> bool:
        return self.state == ReportState.PUBLISHED


class SectionApproval(models.Model):
    """A section of a frozen report approved by someone entitled to (``rules``)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="approvals")
    key = models.CharField(_("section"), max_length=100)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved"), auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "key"], name="one_approval_per_section")
        ]

    def __str__(self) -> str:
        return f"{self.report} · {self.key}"


class SectionComment(CreationTimestamped):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="comments")
    key = models.CharField(_("section"), max_length=100)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    text = models.TextField(_("comment"), max_length=4000)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.report} · {self.key}"
