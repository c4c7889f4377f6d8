from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from sustainai.members.models import Contact, MembershipApplication, Organisation


# Contacts are added on the organisation's page (``members:add_contact``), which records the
# person's consent and tells them by e-mail (``services.add_contact``); the admin edits and deletes.
class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    fields = [
        "full_name",
        "email",
        "position",
        "is_primary",
        "user",
        "consent_text_version",
        "consent_given_at",
    ]
    raw_id_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "role", "country", "status", "joined_on", "public_profile"]
    list_filter = ["kind", "role", "status", "public_profile"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ContactInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = [
        "full_name",
        "email",
        "organisation",
        "consent_text_version",
        "consent_given_at",
    ]
    search_fields = ["full_name", "email", "organisation__name"]
    raw_id_fields = ["user", "organisation"]
    readonly_fields = [
        "consent_purpose",
        "consent_text_version",
        "consent_text",
        "consent_given_at",
    ]

    def has_add_permission(self, request):
        return False


@admin.register(MembershipApplication)
class MembershipApplicationAdmin(admin.ModelAdmin):
    list_display = ["organisation", "applicant", "submitted_at", "decided_at", "decided_by"]
    raw_id_fields = ["organisation", "applicant", "decided_by"]
    readonly_fields = ["submitted_at"]
