from django.contrib import admin

from sustainai.consultations.models import Answer, Choice, Consultation, Question


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 1
    show_change_link = True


class ChoiceInline(admin.TabularInline):
    model = Choice
    extra = 3


@admin.register(Consultation)
class ConsultationAdmin(admin.ModelAdmin):
    list_display = ["title", "opens_at", "closes_at"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [QuestionInline]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "consultation", "kind", "position"]
    list_filter = ["consultation", "kind"]
    inlines = [ChoiceInline]


@admin.register(Answer)
class AnswerAdmin(admin.ModelAdmin):
    list_display = ["organisation", "consultation", "updated_at"]
    list_filter = ["consultation"]
    raw_id_fields = ["organisation", "created_by", "updated_by"]
