"""Member organisations of the coalition."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import Country, CountryField
from simple_history.models import HistoricalRecords

from sustainai.core.languages import language_field
from sustainai.core.models import CreationTimestamped, DemoFlagged, RecordedConsent

if TYPE_CHECKING:
    from sustainai.accounts.models import User


class OrganisationKind(models.TextChoices):
    COMPANY = "company", _("Company")
    STARTUP = "startup", _("Start-up")
    INVESTOR = "investor", _("Investor")
    RESEARCH = "research", _("Research centre")
    NGO = "ngo", _("NGO or association")
    INTERNATIONAL = "international", _("International organisation")
    GOVERNMENT = "government", _("Government")


class OrganisationRole(models.TextChoices):
    MEMBER = "member", _("Member")
    SUPPORTER = "supporter", _("Supporter")


class MembershipStatus(models.TextChoices):
    APPLIED = "applied", _("Application pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class Organisation(DemoFlagged, CreationTimestamped):
    name = models.CharField(_("name"), max_length=255, unique=True)
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    role = models.CharField(
        _("role"), max_length=20, choices=OrganisationRole.choices, default=OrganisationRole.MEMBER
    )
    # A Country (its code, name and flag) once read: the stubs give CountryField a plain str.
    country: models.CharField[str, Country] = CountryField(_("country"), blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("membership status"),
        max_length=20,
        choices=MembershipStatus.choices,
        default=MembershipStatus.APPLIED,
        db_index=True,
    )
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    public_profile = models.BooleanField(_("listed in the public member directory"), default=False)
    history = HistoricalRecords()
    if TYPE_CHECKING:
        # Set on the instance before a save; django-simple-history reads them for that save.
        _change_reason: str
        _history_user: User | None

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_approved(self) -> bool:
        return self.status == MembershipStatus.APPROVED


class Contact(DemoFlagged, CreationTimestamped, RecordedConsent):
    """A person at a member organisation, with the consent they gave recorded.

    Contacts are never public. ``user`` links the person's account when they have one; erasing their
    personal data deletes the contact (the consent proof goes with the data it covered).
    """

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contacts",
    )
    full_name = models.CharField(_("full name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    position = models.CharField(_("position"), max_length=200, blank=True)
    is_primary = models.BooleanField(_("primary contact"), default=False)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["organisation__name", "full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "email"], name="members_contact_unique_email"
            )
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.organisation})"


class MembershipApplication(models.Model):
    """An organisation's application to join; a coordinator approves or rejects it."""

    organisation = models.OneToOneField(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="application",
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="membership_applications",
    )
    motivation = models.TextField(_("why the organisation wants to join"), blank=True)
    # The applicant's: the welcome or rejection is written in it (``core.languages``).
    language = language_field()
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True, db_index=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    rejection_reason = models.TextField(_("reason for the rejection"), blank=True)

    class Meta:
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")
        ordering = ["-submitted_at", "-id"]

    def __str__(self) -> str:
        return str(self.organisation)
