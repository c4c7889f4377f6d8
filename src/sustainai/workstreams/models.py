"""Workstreams of the coalition and their spaces: participants, meetings, deliverables, events.

A workstream is opened when a call's proposal is confirmed (``calls``), or by coordinators in the
admin; its space is where its participants work, and where its toolkit shows its panel. Times are
stored in UTC.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from sustainai.core.models import CreationTimestamped, DemoFlagged, FrenchTitled


class WorkstreamStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")


class Workstream(DemoFlagged, CreationTimestamped, FrenchTitled):
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=255)
    context = models.TextField(_("context"), blank=True)
    implementation = models.TextField(_("implementation"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=WorkstreamStatus.choices,
        default=WorkstreamStatus.CONFIRMED,
        db_index=True,
    )
    # Created when it opens: the same field, labelled as coordinators know it.
    created_at = models.DateTimeField(_("opened at"), auto_now_add=True)

    class Meta:
        ordering = ["title", "slug"]
        verbose_name = _("workstream")
        verbose_name_plural = _("workstreams")


class ParticipantRole(models.TextChoices):
    LEAD = "lead", _("Lead")
    CONTRIBUTOR = "contributor", _("Contributor")
    OBSERVER = "observer", _("Observer")


class Participant(models.Model):
    """An organisation taking part in a workstream, in a role (leads are participants too)."""

    workstream = models.ForeignKey(
        Workstream,
        verbose_name=_("workstream"),
        on_delete=models.CASCADE,
        related_name="participants",
    )
    organisation = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="workstream_participations",
    )
    role = models.CharField(_("role"), max_length=20, choices=ParticipantRole.choices)
    motivation = models.TextField(_("motivation"), max_length=2000, blank=True)
    joined_at = models.DateTimeField(_("joined at"), auto_now_add=True)

    class Meta:
        ordering = ["workstream", "organisation__name"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["workstream", "organisation"], name="one_participation_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"

    @property
    def is_lead(self) -> bool:
        return self.role == ParticipantRole.LEAD


class Meeting(models.Model):
    workstream = models.ForeignKey(
        Workstream, verbose_name=_("workstream"), on_delete=models.CASCADE, related_name="meetings"
    )
    title = models.CharField(_("title"), max_length=255)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=255, blank=True)
    link = models.URLField(_("online link"), blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    attendees = models.ManyToManyField(
        "members.Organisation",
        verbose_name=_("attending organisations"),
        blank=True,
        related_name="attended_meetings",
    )

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="workstream_meeting_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return self.title


class DeliverableStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DELIVERED = "delivered", _("Delivered")


class Deliverable(models.Model):
    workstream = models.ForeignKey(
        Workstream,
        verbose_name=_("workstream"),
        on_delete=models.CASCADE,
        related_name="deliverables",
    )
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=DeliverableStatus.choices,
        default=DeliverableStatus.PLANNED,
    )
    url = models.URLField(_("link"), blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("deliverable")
        verbose_name_plural = _("deliverables")

    def __str__(self) -> str:
        return self.title


class EventKind(models.TextChoices):
    SUMMIT = "summit", _("AI summit")
    COP = "cop", _("COP (UN climate conference)")
    CONFERENCE = "conference", _("Conference")
    OTHER = "other", _("Other")


class Event(models.Model):
    """An event where the workstream presents its results."""

    workstream = models.ForeignKey(
        Workstream, verbose_name=_("workstream"), on_delete=models.CASCADE, related_name="events"
    )
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    location = models.CharField(_("location"), max_length=255, blank=True)
    url = models.URLField(_("website"), blank=True)
    presentation = models.TextField(_("what is presented"), blank=True)

    class Meta:
        ordering = ["starts_on", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self) -> str:
        return self.name
