from django.contrib import admin

from sustainai.calls import services
from sustainai.calls.models import Call, Choice, Expression, ProposedWorkstream


class WorkstreamInline(admin.StackedInline):
    model = ProposedWorkstream
    extra = 0
    fields = [
        "position",
        "slug",
        "title",
        "title_fr",
        "context",
        "implementation",
        "confirmation_threshold",
    ]


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ["title", "opens_at", "closes_at", "tallied_at"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["tallied_at"]
    inlines = [WorkstreamInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change or "closes_at" in form.changed_data:
            services.schedule_closing(obj)


@admin.register(ProposedWorkstream)
class ProposedWorkstreamAdmin(admin.ModelAdmin):
    list_display = ["title", "call", "status", "confirmation_threshold", "tallied_interest"]
    list_filter = ["call", "status"]
    readonly_fields = [
        "tallied_interest",
        "proposed_confirmation",
        "decided_at",
        "decided_by",
        "space",
    ]


class ChoiceInline(admin.TabularInline):
    model = Choice
    extra = 0


@admin.register(Expression)
class ExpressionAdmin(admin.ModelAdmin):
    list_display = ["organisation", "call", "contact_email", "updated_at"]
    list_filter = ["call"]
    search_fields = ["organisation__name", "contact_email", "contact_name"]
    readonly_fields = ["consent_at", "created_at", "updated_at", "submitted_by"]
    inlines = [ChoiceInline]
