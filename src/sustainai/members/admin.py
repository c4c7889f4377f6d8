from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sustainai.members.models import Organisation


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "role", "country", "status", "joined_on", "public_profile"]
    list_filter = ["kind", "role", "status", "public_profile"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
