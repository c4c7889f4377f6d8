"""The standards roadmap: standards with their dated status history and relations, the log of
every change, frozen editions and the common principles the workstream adopts (versioned)."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sustainai.core.models import CreationTimestamped, DemoFlagged, Timestamped


class Status(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    IN_DEVELOPMENT = "in-development", _("In development")
    PUBLISHED = "published", _("Published")
    REVISED = "revised", _("Revised")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Phase(models.TextChoices):
    HARDWARE_MANUFACTURING = "hardware-manufacturing", _("Hardware manufacturing")
    INCEPTION = "inception", _("Inception")
    DESIGN_DEVELOPMENT = "design-development", _("Design and development")
    VERIFICATION_VALIDATION = "verification-validation", _("Verification and validation")
    DEPLOYMENT = "deployment", _("Deployment")
    OPERATION_MONITORING = "operation-monitoring", _("Operation and monitoring")
    RE_EVALUATION = "re-evaluation", _("Re-evaluation")
    RETIREMENT = "retirement", _("Retirement")
    END_OF_LIFE = "end-of-life", _("End of life")


class Dimension(models.TextChoices):
    ENERGY = "energy", _("Energy")
    CARBON = "carbon", _("Carbon")
    WATER = "water", _("Water")
    MATERIALS = "materials", _("Materials and e-waste")
    MEASUREMENT = "measurement", _("Measurement")
    REPORTING = "reporting", _("Reporting")
    MANAGEMENT_SYSTEM = "management-system", _("Management system")
    PROCUREMENT = "procurement", _("Procurement")
    LABELLING = "labelling", _("Labelling")


class RelationType(models.TextChoices):
    BUILDS_ON = "builds-on", _("builds on")
    TWINNED_WITH = "twinned-with", _("twinned with")
    LIAISES_WITH = "liaises-with", _("liaises with")
    SUPERSEDES = "supersedes", _("supersedes")
    EQUIVALENT_TO = "equivalent-to", _("equivalent to")


class Standard(DemoFlagged, Timestamped):
    workstream = models.ForeignKey(
        "workstreams.Workstream",
        verbose_name=_("workstream"),
        on_delete=models.PROTECT,
        related_name="standards",
    )
    body = models.CharField(_("body"), max_length=200, db_index=True)
    identifier = models.CharField(_("identifier"), max_length=200, unique=True)
    title = models.CharField(_("title"), max_length=500)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, db_index=True)
    date = models.DateField(_("date"), null=True, blank=True)
    phases = models.JSONField(_("life-cycle phases"), default=list, blank=True)
    dimensions = models.JSONField(_("scope dimensions"), default=list, blank=True)
    url = models.URLField(_("URL"), max_length=500, blank=True)
    # Where the record's facts come from.
    source_title = models.CharField(_("source"), max_length=300, blank=True)
    source_url = models.URLField(_("source URL"), max_length=500, blank=True)
    source_date = models.DateField(_("source date"), null=True, blank=True)

    class Meta:
        ordering = ["identifier"]
        verbose_name = _("standard")
        verbose_name_plural = _("standards")

    def __str__(self) -> str:
        return self.identifier

    def get_absolute_url(self) -> str:
        return reverse("standards:detail", args=[self.pk])


class StatusEvent(models.Model):
    """One dated step of a standard's history (proposed, in development, published...)."""

    standard = models.ForeignKey(
        Standard, verbose_name=_("standard"), on_delete=models.CASCADE, related_name="events"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    date = models.DateField(_("date"), null=True, blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["standard", "date", "recorded_at", "pk"]
        verbose_name = _("status event")
        verbose_name_plural = _("status events")

    def __str__(self) -> str:
        return f"{self.standard_id}: {self.status} ({self.date})"


class Relation(DemoFlagged):
    source = models.ForeignKey(
        Standard, verbose_name=_("from"), on_delete=models.CASCADE, related_name="relations_out"
    )
    target = models.ForeignKey(
        Standard, verbose_name=_("to"), on_delete=models.CASCADE, related_name="relations_in"
    )
    type = models.CharField(_("type"), max_length=20, choices=RelationType.choices)

    class Meta:
        ordering = ["source", "type", "target"]
        verbose_name = _("relation")
        verbose_name_plural = _("relations")
        constraints = [
            models.UniqueConstraint(fields=["source", "target", "type"], name="one_relation"),
            models.CheckConstraint(
                condition=~models.Q(source=models.F("target")), name="no_self_relation"
            ),
        ]


class Change(models.Model):
    """One change of a standard, as the log shows it: which fields, from what to what."""

    standard = models.ForeignKey(
        Standard, verbose_name=_("standard"), on_delete=models.CASCADE, related_name="changes"
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    origin = models.CharField(_("origin"), max_length=50)  # "import", "edit", "demo"
    #: ``{field: [before, after]}``; ``before`` is ``None`` when the standard was created.
    fields = models.JSONField(_("fields"), default=dict)

    class Meta:
        ordering = ["standard", "-at", "-pk"]
        verbose_name = _("change")
        verbose_name_plural = _("changes")

    def __str__(self) -> str:
        return f"{self.standard_id}: {', '.join(self.fields)} ({self.origin})"


class Edition(DemoFlagged, CreationTimestamped):
    """The registry frozen under a name ("2026"): a snapshot of every standard and the
    principles' text at that moment."""

    workstream = models.ForeignKey(
        "workstreams.Workstream",
        verbose_name=_("workstream"),
        on_delete=models.PROTECT,
        related_name="roadmap_editions",
    )
    name = models.CharField(_("name"), max_length=100, unique=True)
    #: ``[{"identifier", "title", "body", "status", "date", "phases", "dimensions", "url"}]``
    standards = models.JSONField(_("standards"), default=list)
    principles = models.TextField(_("principles"), blank=True)
    published = models.BooleanField(_("published"), default=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("edition")
        verbose_name_plural = _("editions")

    def __str__(self) -> str:
        return self.name


class Principles(DemoFlagged, CreationTimestamped):
    """One version of the common principles the workstream adopts; the latest is current."""

    workstream = models.ForeignKey(
        "workstreams.Workstream",
        verbose_name=_("workstream"),
        on_delete=models.PROTECT,
        related_name="roadmap_principles",
    )
    text = models.TextField(_("text"), max_length=20000)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("principles")
        verbose_name_plural = _("principles")


class ProposalState(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class Proposal(DemoFlagged, CreationTimestamped):
    """A member's proposal of a new standard or a correction of one, moderated by the
    workstream's leads: accepted, it is applied to the registry (and logged); rejected, it stays
    with the moderator's reason."""

    workstream = models.ForeignKey(
        "workstreams.Workstream",
        verbose_name=_("workstream"),
        on_delete=models.PROTECT,
        related_name="standard_proposals",
    )
    standard = models.ForeignKey(
        Standard,
        verbose_name=_("standard"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="proposals",
    )
    #: ``{"identifier", "body", "title", "status", "date", "phases", "dimensions", "url"}``
    values = models.JSONField(_("proposed values"), default=dict)
    comment = models.TextField(_("comment"), max_length=2000, blank=True)
    proposed_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("proposed by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=ProposalState.choices,
        default=ProposalState.PENDING,
        db_index=True,
    )
    decided_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reason = models.TextField(_("reason"), max_length=2000, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")

    def __str__(self) -> str:
        return str(self.values.get("identifier", self.pk))
