"""Calls for expressions of interest, the workstreams they propose, and the interest expressed.

A proposal confirmed after the tally opens a workstream (``workstreams``) and links to its space.
Times are stored in UTC; a call is open from ``opens_at`` (included) to ``closes_at`` (excluded).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sustainai.core.languages import language_field
from sustainai.core.models import CreationTimestamped, DemoFlagged, FrenchTitled
from sustainai.workstreams.models import ParticipantRole


class Call(DemoFlagged, CreationTimestamped, FrenchTitled):
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=255)
    introduction = models.TextField(_("introduction"), blank=True)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"), db_index=True)
    tallied_at = models.DateTimeField(
        _("tallied at"),
        null=True,
        blank=True,
        help_text=_("When interest was counted after the deadline; empty until then."),
    )

    class Meta:
        ordering = ["-closes_at", "slug"]
        verbose_name = _("call for expressions of interest")
        verbose_name_plural = _("calls for expressions of interest")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="call_closes_after_it_opens",
            )
        ]

    def is_open_at(self, moment) -> bool:
        return self.opens_at <= moment < self.closes_at

    @property
    def is_open(self) -> bool:
        return self.is_open_at(timezone.now())

    @property
    def has_closed(self) -> bool:
        return timezone.now() >= self.closes_at


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    CONFIRMED = "confirmed", _("Confirmed")
    NOT_CONFIRMED = "not_confirmed", _("Not confirmed")


class ProposedWorkstream(FrenchTitled):
    """A workstream a call proposes; interest is counted per proposal at the deadline."""

    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="workstreams"
    )
    slug = models.SlugField(_("slug"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=255)
    context = models.TextField(_("context"), blank=True)
    implementation = models.TextField(_("implementation"), blank=True)
    confirmation_threshold = models.PositiveSmallIntegerField(
        _("confirmation threshold"),
        default=3,
        help_text=_("Minimum number of interested organisations for the workstream to go ahead."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ProposalStatus.choices,
        default=ProposalStatus.PROPOSED,
        db_index=True,
    )
    # Written by the tally at closing.
    tallied_interest = models.PositiveIntegerField(
        _("interested organisations at closing"), null=True
    )
    proposed_confirmation = models.BooleanField(
        _("confirmation proposed"),
        null=True,
        help_text=_("Whether the tally reached the threshold; the coordinator decides."),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Set when the proposal is confirmed: the workstream it opened (or joined).
    space = models.ForeignKey(
        "workstreams.Workstream",
        verbose_name=_("workstream space"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
    )

    class Meta:
        ordering = ["call", "position", "slug"]
        verbose_name = _("proposed workstream")
        verbose_name_plural = _("proposed workstreams")
        constraints = [
            models.UniqueConstraint(fields=["call", "slug"], name="workstream_slug_unique_per_call")
        ]

    @property
    def current_status(self) -> str:
        """The proposal's status, or its workstream's once it has one (active, completed)."""
        return self.space.status if self.space is not None else self.status

    @property
    def current_status_display(self) -> str:
        if self.space is not None:
            return self.space.get_status_display()
        return self.get_status_display()


class Expression(DemoFlagged):
    """One organisation's expression of interest in a call (one per organisation and call)."""

    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="expressions"
    )
    organisation = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="expressions",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    contact_name = models.CharField(_("contact name"), max_length=200)
    contact_email = models.EmailField(_("contact e-mail"))
    # The submitter's: the decision on each workstream is written in it (``core.languages``).
    language = language_field()
    consent_at = models.DateTimeField(
        _("consent given at"),
        help_text=_("When the contact agreed to be contacted about this call."),
    )
    # Set by ``services.submit_expression`` to the moment it checked the deadline against.
    created_at = models.DateTimeField(_("submitted at"))
    updated_at = models.DateTimeField(_("last changed at"))

    class Meta:
        ordering = ["call", "organisation__name"]
        verbose_name = _("expression of interest")
        verbose_name_plural = _("expressions of interest")
        constraints = [
            models.UniqueConstraint(
                fields=["call", "organisation"], name="one_expression_per_organisation_and_call"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.call}"


class Choice(models.Model):
    """A workstream chosen in an expression of interest, with the role the organisation offers."""

    expression = models.ForeignKey(
        Expression, verbose_name=_("expression"), on_delete=models.CASCADE, related_name="choices"
    )
    workstream = models.ForeignKey(
        ProposedWorkstream,
        verbose_name=_("workstream"),
        on_delete=models.CASCADE,
        related_name="choices",
    )
    role = models.CharField(_("role"), max_length=20, choices=ParticipantRole.choices)
    motivation = models.TextField(_("motivation"), max_length=2000, blank=True)

    class Meta:
        ordering = ["workstream__position", "workstream__slug"]
        verbose_name = _("workstream choice")
        verbose_name_plural = _("workstream choices")
        constraints = [
            models.UniqueConstraint(
                fields=["expression", "workstream"], name="one_choice_per_workstream"
            )
        ]

    def __str__(self) -> str:
        return f"{self.workstream}: {self.get_role_display()}"
