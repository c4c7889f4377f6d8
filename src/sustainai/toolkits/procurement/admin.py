from django.contrib import admin

from sustainai.toolkits.procurement.models import Criterion, TenderPack


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "kind", "level", "area", "status", "is_demo")
    list_filter = ("kind", "level", "area", "status")
    search_fields = ("code", "title", "wording")
    raw_id_fields = ("proposed_by", "decided_by")


@admin.register(TenderPack)
class TenderPackAdmin(admin.ModelAdmin):
    list_display = ("title", "level", "environmental_weight", "created_by", "created_at")
    raw_id_fields = ("created_by",)
    filter_horizontal = ("criteria",)
