from django.contrib import admin

from sustainai.outbox.models import OutboxMail


@admin.register(OutboxMail)
class OutboxMailAdmin(admin.ModelAdmin):
    list_display = ["subject", "category", "state", "attempts", "created_at", "sent_at"]
    list_filter = ["state", "category"]
    search_fields = ["subject", "body"]
    readonly_fields = ["attempts", "last_error", "sent_at", "next_attempt_at"]
