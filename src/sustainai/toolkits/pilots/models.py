"""The AI pilots showcase: pilots with their KPIs, evidence, footprint and net effect, and
collections of pilots for events (docs/pilots.md).

Thin models: vocabulary, fields and relations. Validation, the net effect and moderation live in
``services.py``; the arithmetic in the Django-free ``sustainai.net_effect``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from sustainai.core.models import CreationTimestamped, DemoFlagged, Timestamped

TRL_MIN, TRL_MAX = 1, 9
SDG_MIN, SDG_MAX = 1, 17


class Sector(models.TextChoices):
    """Broad sectors, after ISIC Rev. 4 sections and COFOG divisions."""

    ENERGY = "energy", _("Energy")
    AGRICULTURE = "agriculture", _("Agriculture, forestry and fishing")
    BUILDINGS = "buildings", _("Buildings")
    TRANSPORT = "transport", _("Transport")
    INDUSTRY = "industry", _("Manufacturing and industry")
    WATER = "water", _("Water and waste")
    ENVIRONMENT = "environment", _("Environmental protection")
    DISASTER = "disaster", _("Disaster risk and public order")
    DIGITAL = "digital", _("Information and communication")


class Domain(models.TextChoices):
    CLIMATE_MITIGATION = "climate_mitigation", _("Climate change mitigation")
    CLIMATE_ADAPTATION = "climate_adaptation", _("Climate change adaptation")
    BIODIVERSITY = "biodiversity", _("Biodiversity and ecosystems")
    WATER = "water", _("Water")
    POLLUTION = "pollution", _("Pollution")
    CIRCULARITY = "circularity", _("Circular economy")


class PilotStatus(models.TextChoices):
    """After the EU Public Sector Tech Watch's status."""

    PLANNED = "planned", _("Planned")
    PILOT = "pilot", _("Pilot")
    IMPLEMENTED = "implemented", _("Implemented")
    STOPPED = "stopped", _("Stopped")


class Openness(models.TextChoices):
    OPEN = "open", _("Open (code and data)")
    PARTLY = "partly", _("Partly open")
    CLOSED = "closed", _("Closed")


class Method(models.TextChoices):
    MEASURED = "measured", _("Measured")
    MODELLED = "modelled", _("Modelled")


class State(models.TextChoices):
    SUBMITTED = "submitted", _("Awaiting moderation")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")


class Tier(models.TextChoices):
    PUBLIC = "public", _("Public")
    COALITION = "coalition", _("Coalition only")


#: Parts of a pilot that may be shown to the coalition only (the rest is always public).
DISCLOSABLE = {
    "partners": _("Partners"),
    "data_sources": _("Data sources"),
    "technique": _("Technique"),
    "kpis": _("KPIs and net effect"),
    "footprint": _("AI footprint and net effect"),
    "evidence": _("Evidence links"),
}


class Pilot(DemoFlagged, Timestamped):
    workstream = models.ForeignKey(
        "workstreams.Workstream",
        on_delete=models.CASCADE,
        related_name="pilots",
        verbose_name=_("workstream"),
    )
    slug = models.SlugField(_("address"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=1000)
    lead_organisation = models.ForeignKey(
        "members.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pilots",
        verbose_name=_("lead organisation (member)"),
    )
    lead_organisation_label = models.CharField(
        _("lead organisation (not a member)"), max_length=200, blank=True
    )
    partners = models.TextField(_("partners"), max_length=1000, blank=True)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    problem = models.TextField(_("problem"), max_length=2000)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    sdgs = models.JSONField(_("SDGs"), default=list, blank=True)
    # ",7,13,": the SDGs as text, so that a facet filter is one portable lookup (services set it).
    sdg_index = models.CharField(max_length=60, blank=True, editable=False)
    domain = models.CharField(_("environmental domain"), max_length=30, choices=Domain.choices)
    technique = models.TextField(_("technique"), max_length=1000, blank=True)
    data_sources = models.TextField(_("data sources"), max_length=1000, blank=True)
    openness = models.CharField(
        _("openness"), max_length=10, choices=Openness.choices, default=Openness.CLOSED
    )
    licence = models.CharField(_("licences"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=PilotStatus.choices)
    trl = models.PositiveSmallIntegerField(
        _("technology readiness level"),
        validators=[MinValueValidator(TRL_MIN), MaxValueValidator(TRL_MAX)],
    )
    # The AI's own footprint: footprint-engine specs and/or a measured figure per period.
    training_spec = models.JSONField(
        _("training (footprint engine fields)"), default=dict, blank=True
    )
    inference_spec = models.JSONField(
        _("inference (footprint engine fields)"), default=dict, blank=True
    )
    inference_months = models.PositiveSmallIntegerField(_("months of inference"), default=12)
    service_years = models.FloatField(_("years in service (training spread over)"), default=1)
    measured_kgco2e = models.FloatField(_("measured footprint (kg CO2e)"), null=True, blank=True)
    measured_low = models.FloatField(_("measured footprint, low"), null=True, blank=True)
    measured_high = models.FloatField(_("measured footprint, high"), null=True, blank=True)
    measured_months = models.PositiveSmallIntegerField(
        _("months the measured footprint covers"), default=12
    )
    # The net effect per year, computed by services.save_pilot (never typed in).
    benefit_value = models.FloatField(default=0, editable=False)
    benefit_low = models.FloatField(default=0, editable=False)
    benefit_high = models.FloatField(default=0, editable=False)
    footprint_value = models.FloatField(default=0, editable=False)
    footprint_low = models.FloatField(default=0, editable=False)
    footprint_high = models.FloatField(default=0, editable=False)
    net_value = models.FloatField(default=0, editable=False)
    net_low = models.FloatField(default=0, editable=False)
    net_high = models.FloatField(default=0, editable=False)
    net_sign = models.CharField(max_length=10, default="uncertain", editable=False)
    rebound_note = models.TextField(_("rebound effects"), max_length=2000, blank=True)
    assumptions = models.TextField(_("assumptions"), max_length=2000, blank=True)
    coalition_only = models.JSONField(_("shown to the coalition only"), default=list, blank=True)
    last_verified = models.DateField(_("last verified"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.SUBMITTED
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("moderated by"),
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    moderation_note = models.TextField(_("moderation note"), max_length=2000, blank=True)

    class Meta:
        ordering = ("title", "pk")
        verbose_name = _("pilot")
        verbose_name_plural = _("pilots")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(trl__gte=TRL_MIN, trl__lte=TRL_MAX), name="pilot_trl_1_9"
            )
        ]
        indexes = [models.Index(fields=["state", "sector"], name="pilot_state_sector")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("pilots:detail", kwargs={"slug": self.slug})

    @property
    def lead_display(self) -> str:
        if self.lead_organisation is not None:
            return self.lead_organisation.name
        return self.lead_organisation_label

    def is_public(self, part: str) -> bool:
        return part not in (self.coalition_only or [])


class PilotCountry(models.Model):
    """One country a pilot runs in (one row each, for facets and the map)."""

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="country_links")
    country = CountryField(_("country"))

    class Meta:
        ordering = ("country",)
        constraints = [
            models.UniqueConstraint(fields=["pilot", "country"], name="unique_pilot_country")
        ]
        indexes = [models.Index(fields=["country", "pilot"], name="pilot_country_pilot")]

    def __str__(self) -> str:
        return f"{self.pilot_id}:{self.country}"


class KPI(models.Model):
    """One impact indicator: baseline and result in a unit over a period, and the emissions it
    avoided (kg CO2e over that period, with a range) when it has a carbon effect."""

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="kpis")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("indicator"), max_length=200)
    baseline = models.FloatField(_("baseline"), null=True, blank=True)
    result = models.FloatField(_("result"), null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=50)
    period_months = models.PositiveSmallIntegerField(_("period (months)"))
    method = models.CharField(_("method"), max_length=10, choices=Method.choices, blank=True)
    avoided_kgco2e = models.FloatField(_("avoided emissions (kg CO2e)"), null=True, blank=True)
    avoided_low = models.FloatField(_("avoided emissions, low"), null=True, blank=True)
    avoided_high = models.FloatField(_("avoided emissions, high"), null=True, blank=True)
    #: The avoided emissions rest on assumptions (stated on the pilot), not on the source.
    avoided_assumed = models.BooleanField(_("avoided emissions assumed"), default=False)
    verified = models.BooleanField(_("verified"), default=False)
    verifier = models.CharField(_("verified by (organisation)"), max_length=200, blank=True)

    class Meta:
        ordering = ("position", "pk")
        verbose_name = _("KPI")
        verbose_name_plural = _("KPIs")

    def __str__(self) -> str:
        return self.name


class EvidenceLink(models.Model):
    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="evidence")
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("address"), max_length=500)

    class Meta:
        ordering = ("pk",)

    def __str__(self) -> str:
        return self.title


class Collection(DemoFlagged, CreationTimestamped):
    """Pilots a lead assembles for an event (a COP, a summit), exported as a brochure."""

    workstream = models.ForeignKey(
        "workstreams.Workstream",
        on_delete=models.CASCADE,
        related_name="pilot_collections",
        verbose_name=_("workstream"),
    )
    slug = models.SlugField(_("address"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=200)
    event = models.CharField(_("event"), max_length=200)
    event_date = models.DateField(_("event date"), null=True, blank=True)
    introduction = models.TextField(_("introduction"), max_length=2000, blank=True)
    pilots = models.ManyToManyField(Pilot, related_name="collections", verbose_name=_("pilots"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name = _("collection")
        verbose_name_plural = _("collections")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("pilots:collection", kwargs={"slug": self.slug})


class Revision(models.Model):
    """One edit of a pilot: which of its fields changed, from what to what, by whom and when, so
    that a moderator reviewing an edited pilot sees what changed and not only the new figures.

    ``changes`` holds ``{"field", "before", "after"}`` items with the raw values (choice codes,
    ISO dates, numbers; lists for countries, evidence and KPIs), written out in the reader's
    language when shown (``selectors.revision_lines``).
    """

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="revisions")
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("edited by"),
    )
    edited_at = models.DateTimeField(_("edited at"))
    #: The pilot's state before the edit (an edit by its submitter sends it back to moderation).
    state_before = models.CharField(_("state before"), max_length=12, choices=State.choices)
    changes = models.JSONField(_("changes"), default=list)
    #: Set when a moderator records a decision on the pilot after this edit.
    reviewed = models.BooleanField(_("reviewed"), default=False)

    class Meta:
        ordering = ("-edited_at", "-pk")
        verbose_name = _("pilot revision")
        verbose_name_plural = _("pilot revisions")

    def __str__(self) -> str:
        return f"{self.pilot} ({self.edited_at:%Y-%m-%d %H:%M})"
