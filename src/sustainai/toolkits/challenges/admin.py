from django.contrib import admin

from sustainai.toolkits.challenges.models import Challenge, Submission, Team


@admin.register(Challenge)
class ChallengeAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "phase", "metric", "energy_budget_wh", "min_score")
    exclude = ("x_train", "y_train", "x_test")


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ("name", "challenge")


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ("pk", "team", "status", "score", "energy_wh")
    readonly_fields = ("source", "runs")
