from django.contrib import admin

from sustainai.workstreams.models import Deliverable, Event, Meeting, Participant, Workstream


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    autocomplete_fields = ["organisation"]
    readonly_fields = ["joined_at"]


@admin.register(Workstream)
class WorkstreamAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ParticipantInline]


admin.site.register(Meeting)
admin.site.register(Deliverable)
admin.site.register(Event)
