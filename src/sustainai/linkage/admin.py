from django.contrib import admin

from sustainai.linkage.models import CandidatePair, InitiativeRelation, PairDecision


@admin.register(CandidatePair)
class CandidatePairAdmin(admin.ModelAdmin):
    list_display = ("a", "b", "score", "computed_at")
    raw_id_fields = ("a", "b")


@admin.register(PairDecision)
class PairDecisionAdmin(admin.ModelAdmin):
    """The decision log: read it here; decide and undo in the review queue (undo needs the
    snapshot a merge stored)."""

    list_display = ("a", "decision", "b", "decided_by", "decided_at", "undone_at")
    list_filter = ("decision",)
    readonly_fields = [f.name for f in PairDecision._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(InitiativeRelation)
class InitiativeRelationAdmin(admin.ModelAdmin):
    list_display = ("source", "kind", "target", "created_at")
    raw_id_fields = ("source", "target")
