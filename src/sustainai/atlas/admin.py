"""The Atlas in the Django admin (coordinators): entries with their history, organisations, edits.

Moderation with e-mail notices and file imports have their own pages (``atlas:moderation``,
``atlas:import``), linked from here; the admin is for corrections by hand.
"""

from typing import Any

from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from sustainai.atlas.models import Actor, EditProposal, Initiative, InitiativeCountry, Topic
from sustainai.atlas.normalise import normalise_actor_name

# Web addresses typed without a scheme are taken as https (Django 6's default).
URL_HTTPS: dict[type[models.Field[Any, Any]], dict[str, Any]] = {
    models.URLField: {"assume_scheme": "https"}
}


class CountryInline(admin.TabularInline):
    model = InitiativeCountry
    extra = 1


@admin.register(Initiative)
class InitiativeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "type", "state", "scope", "start_year", "status", "imported_from"]
    list_filter = ["state", "type", "scope", "status", "is_demo", "topics"]
    search_fields = ["name", "summary", "website", "imported_from"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["topics", "lead_organisations", "partner_organisations"]
    autocomplete_fields = ["submitted_by", "merged_into"]
    readonly_fields = ["import_key", "is_demo", "created_at", "updated_at", "moderation_links"]
    inlines = [CountryInline]
    formfield_overrides = URL_HTTPS
    date_hierarchy = "created_at"
    list_select_related = True
    fieldsets = [
        (None, {"fields": ["name", "slug", "aliases", "summary", "description", "type", "topics"]}),
        (_("Who and where"), {"fields": ["lead_organisations", "partner_organisations", "scope",
                                         "regions", "start_year", "status", "website", "contact"]}),
        (_("Moderation and provenance"), {"fields": [
            "moderation_links", "state", "moderation_note", "published_at", "submitted_by",
            "imported_from", "import_key", "merged_into", "is_demo", "created_at", "updated_at",
        ]}),
    ]  # fmt: skip

    @admin.display(description=_("Moderation"))
    def moderation_links(self, obj):
        if obj.pk is None:
            return "—"
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("atlas:review", args=[obj.pk]),
            _("Review with e-mail notice"),
            reverse("atlas:import"),
            _("Import a file"),
        )


@admin.register(Actor)
class ActorAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "member", "website"]
    search_fields = ["name", "normalized_name"]
    list_filter = ["country"]
    autocomplete_fields = ["member"]
    formfield_overrides = URL_HTTPS

    def save_model(self, request, obj, form, change):
        obj.normalized_name = normalise_actor_name(obj.name)
        super().save_model(request, obj, form, change)


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]


@admin.register(EditProposal)
class EditProposalAdmin(admin.ModelAdmin):
    list_display = ["initiative", "proposed_by", "state", "created_at", "decided_at"]
    list_filter = ["state"]
    search_fields = ["initiative__name", "proposed_by__email"]
    readonly_fields = ["initiative", "proposed_by", "changes", "original", "comment", "state",
                       "decision_note", "decided_by", "created_at", "decided_at", "review_link"]  # fmt: skip
    list_select_related = ["initiative", "proposed_by"]

    @admin.display(description=_("Decide"))
    def review_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>', reverse("atlas:review_edit", args=[obj.pk]), _("Review the diff")
        )

    def has_add_permission(self, request):
        return False
