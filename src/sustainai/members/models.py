"""Member organisations of the coalition."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords


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


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=255, unique=True)
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    role = models.CharField(
        _("role"), max_length=20, choices=OrganisationRole.choices, default=OrganisationRole.MEMBER
    )
    country = CountryField(_("country"), blank=True)
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
    is_demo = models.BooleanField(_("demo data"), default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_approved(self) -> bool:
        return self.status == MembershipStatus.APPROVED
