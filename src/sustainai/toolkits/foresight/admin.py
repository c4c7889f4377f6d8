from django.contrib import admin

from sustainai.toolkits.foresight.models import SavedScenario


@admin.register(SavedScenario)
class SavedScenarioAdmin(admin.ModelAdmin):
    list_display = ("title", "workstream", "saved_by", "created_at", "is_demo")
    list_filter = ("workstream", "is_demo")
    search_fields = ("title",)
    raw_id_fields = ("saved_by",)
