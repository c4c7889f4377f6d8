"""The Atlas: international and collaborative initiatives on sustainable AI.

Thin models: vocabulary, fields and relations. Moderation, import, search and linkage live in
``services``/``selectors`` modules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from sustainai.core.models import CreationTimestamped, DemoFlagged, Timestamped

if TYPE_CHECKING:
    from sustainai.accounts.models import User


class InitiativeType(models.TextChoices):
    STANDARD = "standard", _("Standard")
    TOOL = "tool", _("Tool")
    OBSERVATORY = "observatory", _("Observatory")
    COALITION = "coalition", _("Coalition")
    RESEARCH = "research", _("Research programme")
    CHALLENGE = "challenge", _("Challenge")
    DATASET = "dataset", _("Dataset")
    GUIDELINE = "guideline", _("Guideline")
    POLICY = "policy", _("Policy")
    CERTIFICATION = "certification", _("Certification")
    REPORT = "report", _("Report")
    EVENT = "event", _("Event")
    OTHER = "other", _("Other")


class InitiativeStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")


class ModerationState(models.TextChoices):
    SUBMITTED = "submitted", _("Awaiting moderation")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")
    MERGED = "merged", _("Merged into another initiative")


class Scope(models.TextChoices):
    """How far an initiative reaches, beside the countries it names."""

    NATIONAL = "national", _("National")
    REGIONAL = "regional", _("Regional")
    INTERNATIONAL = "international", _("International")


class Region(models.TextChoices):
    """Groupings of countries that initiatives name instead of (or beside) countries."""

    EU = "EU", _("European Union")
    EUROPE = "EUROPE", _("Europe")
    AFRICA = "AFRICA", _("Africa")
    ASIA_PACIFIC = "ASIA_PACIFIC", _("Asia and Pacific")
    LATIN_AMERICA = "LATIN_AMERICA", _("Latin America and the Caribbean")
    NORTH_AMERICA = "NORTH_AMERICA", _("North America")
    MIDDLE_EAST = "MIDDLE_EAST", _("Middle East")
    OECD = "OECD", _("OECD countries")
    G7 = "G7", _("G7")
    G20 = "G20", _("G20")


class Topic(models.Model):
    """Controlled vocabulary of topics (seeded by a data migration)."""

    slug = models.SlugField(_("slug"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return str(_(self.name))


class Actor(models.Model):
    """An organisation named as lead or partner of initiatives (coalition member or not)."""

    name = models.CharField(_("name"), max_length=255)
    normalized_name = models.CharField(max_length=255, unique=True, editable=False)
    website = models.URLField(_("website"), blank=True)
    country = CountryField(_("country"), blank=True)
    member = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("coalition member"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actors",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation (Atlas)")
        verbose_name_plural = _("organisations (Atlas)")

    def __str__(self) -> str:
        return self.name


_PUBLISHED = models.Q(state=ModerationState.PUBLISHED)
_SUBMITTED = models.Q(state=ModerationState.SUBMITTED)
_CHANGES_REQUESTED = models.Q(state=ModerationState.CHANGES_REQUESTED)


class Initiative(DemoFlagged, Timestamped):
    name = models.CharField(_("name"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=320, unique=True)
    aliases = models.JSONField(
        _("aliases"),
        default=list,
        blank=True,
        help_text=_("Other names: acronyms, translations, former or provisional names."),
    )
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True)
    type = models.CharField(
        _("type"),
        max_length=20,
        choices=InitiativeType.choices,
        default=InitiativeType.OTHER,
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="initiatives"
    )
    lead_organisations = models.ManyToManyField(
        Actor, verbose_name=_("lead organisations"), blank=True, related_name="leads"
    )
    partner_organisations = models.ManyToManyField(
        Actor, verbose_name=_("partner organisations"), blank=True, related_name="partnerships"
    )
    scope = models.CharField(
        _("scope"), max_length=20, choices=Scope.choices, default=Scope.NATIONAL
    )
    regions = models.JSONField(
        _("regions"), default=list, blank=True, help_text=_("Codes from the Region vocabulary.")
    )
    start_year = models.PositiveSmallIntegerField(_("start year"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=InitiativeStatus.choices,
        default=InitiativeStatus.ACTIVE,
    )
    website = models.URLField(_("website"), max_length=500, blank=True)
    contact = models.CharField(_("contact"), max_length=255, blank=True)

    # Moderation and provenance.
    state = models.CharField(
        _("moderation state"),
        max_length=20,
        choices=ModerationState.choices,
        default=ModerationState.SUBMITTED,
    )
    moderation_note = models.TextField(_("note from the coordinators"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submitted_initiatives",
    )
    imported_from = models.CharField(_("imported from"), max_length=255, blank=True)
    import_key = models.CharField(
        max_length=64,
        blank=True,
        editable=False,
        help_text="Fingerprint of the imported row, so that re-importing a file changes nothing.",
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_from",
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    # The history is read per initiative (its ``id``) by date: no index on the copied fields, so
    # that an import writing a hundred thousand history rows maintains three indexes, not twelve.
    history = HistoricalRecords(
        m2m_fields=[topics, lead_organisations, partner_organisations],
        no_db_index=["slug", "state", "import_key", "created_at", "submitted_by", "merged_into"],
    )
    if TYPE_CHECKING:
        # Set on the instance before a save; django-simple-history reads them for that save.
        _change_reason: str
        _history_user: User | None
        skip_history_when_saving: bool

    class Meta:
        ordering = ["name"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        # The public directory reads published initiatives only: partial indexes, each ending with
        # the name so that a page in name order is read from the index. ``atlas_pub_facets``
        # answers "is this initiative published, and of this type, status, year, scope?" from the
        # index alone when a topic or country filter has found the initiatives (no table read).
        # ``import_key`` is indexed here rather than with ``db_index``, which on PostgreSQL adds a
        # second index for LIKE queries that nothing runs. ``state`` has no index of its own: on
        # SQLite, a search joining thousands of matches to their initiatives looked each up in it
        # (``state = ? AND rowid = ?``) before reading the row anyway, at twice the cost of the
        # row alone. The moderation queues have partial indexes in their order instead.
        indexes = [
            models.Index(fields=["import_key"], name="atlas_initiative_import_key"),
            models.Index(
                fields=["created_at", "id"], condition=_SUBMITTED, name="atlas_queue_submitted"
            ),
            models.Index(
                fields=["updated_at", "id"],
                condition=_CHANGES_REQUESTED,
                name="atlas_queue_changes",
            ),
            models.Index(fields=["name", "id"], condition=_PUBLISHED, name="atlas_pub_name"),
            models.Index(fields=["type", "name"], condition=_PUBLISHED, name="atlas_pub_type"),
            models.Index(fields=["status", "name"], condition=_PUBLISHED, name="atlas_pub_status"),
            models.Index(
                fields=["start_year", "name"], condition=_PUBLISHED, name="atlas_pub_year"
            ),
            models.Index(fields=["scope", "name"], condition=_PUBLISHED, name="atlas_pub_scope"),
            models.Index(
                fields=[
                    *("id", "type", "status", "start_year", "scope", "name"),
                    *("published_at", "created_at"),
                ],
                condition=_PUBLISHED,
                name="atlas_pub_facets",
            ),
            # Regions: an index per backend, created by migration 0006_directory_indexes.
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("atlas:detail", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.state == ModerationState.PUBLISHED


class InitiativeCountry(models.Model):
    """One country an initiative is run from or covers (one row each, for facets and the map)."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="country_links"
    )
    country = CountryField(_("country"))

    class Meta:
        # By country, then initiative: a country filter reads its initiatives from the index.
        indexes = [models.Index(fields=["country", "initiative"], name="atlas_country_initiative")]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "country"], name="unique_initiative_country"
            )
        ]
        ordering = ["country"]

    def __str__(self) -> str:
        return f"{self.initiative_id}:{self.country}"


class ProposalState(models.TextChoices):
    PENDING = "pending", _("Awaiting moderation")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class EditProposal(CreationTimestamped):
    """Changes a member proposes to a published initiative, applied when a coordinator accepts them.

    ``changes`` maps each changed field to its proposed value in the form's plain form (strings,
    lists of names, codes or topic slugs); ``original`` keeps the values it replaces, so that the
    coordinator sees the difference even if the initiative changed meanwhile.
    """

    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="edit_proposals",
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="atlas_edit_proposals",
    )
    changes = models.JSONField(_("proposed changes"), default=dict)
    original = models.JSONField(_("values replaced"), default=dict)
    comment = models.TextField(_("why these changes"), blank=True)
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=ProposalState.choices,
        default=ProposalState.PENDING,
        db_index=True,
    )
    decision_note = models.TextField(_("note from the coordinators"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Created when proposed: the same field, labelled so, and indexed for the queue.
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True, db_index=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("proposed edit")
        verbose_name_plural = _("proposed edits")

    def __str__(self) -> str:
        return f"{self.initiative} ({self.get_state_display()})"


# Full-text search documents (see ``sustainai.atlas.search.fulltext``). Each backend has its own
# table, created by migration 0004_search on that backend only, so both models are unmanaged. Kept
# in a table apart from ``Initiative`` so that the history tables of simple_history never copy
# search vectors.
class SearchDocument(models.Model):
    """PostgreSQL: the weighted ``tsvector`` of a published or unpublished initiative, its head
    (name, aliases, summary and organisations) and its names (name and aliases): the groups of
    the relevance order; each has a GIN index."""

    initiative = models.OneToOneField(
        Initiative,
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="search_document",
    )
    document = SearchVectorField()
    head = SearchVectorField()
    names = SearchVectorField()

    class Meta:
        managed = False
        db_table = "atlas_initiative_search"

    def __str__(self) -> str:
        return f"search document of {self.initiative_id}"


class FtsDocument(models.Model):
    """SQLite: a row of the FTS5 virtual table; its rowid is the initiative's id."""

    initiative = models.OneToOneField(
        Initiative,
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_column="rowid",
        related_name="fts_document",
    )
    # FTS5's hidden column named after the table: the left-hand side of ``MATCH``.
    match = models.TextField(db_column="atlas_initiative_fts")
    # FTS5's hidden ``rank`` column: bm25 with the column weights configured by the migration.
    rank = models.FloatField(db_column="rank")

    class Meta:
        managed = False
        db_table = "atlas_initiative_fts"

    def __str__(self) -> str:
        return f"FTS5 row of {self.initiative_id}"


class FtsHead(models.Model):
    """SQLite: a row of the FTS5 table of heads (name, aliases, summary and organisation names):
    the first two groups of the relevance order are found and ranked there, among doclists a
    fraction of the whole documents' size (as PostgreSQL's ``names`` and ``head`` vectors)."""

    initiative = models.OneToOneField(
        Initiative,
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_column="rowid",
        related_name="fts_head",
    )
    match = models.TextField(db_column="atlas_initiative_fts_head")
    rank = models.FloatField(db_column="rank")

    class Meta:
        managed = False
        db_table = "atlas_initiative_fts_head"

    def __str__(self) -> str:
        return f"FTS5 head of {self.initiative_id}"
