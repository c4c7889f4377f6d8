"""The mail outbox: every e-mail the platform sends passes through here and is never lost.

A mail is a draft (waiting for a coordinator to review and send it), queued (to be delivered by the
worker, possibly after a back-off), sent, or failed (after its retries, or refused for good). Failed
mails stay here and can be sent again.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sustainai.core.models import Timestamped


class MailState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    QUEUED = "queued", _("Queued for sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class OutboxMail(Timestamped):
    to = models.JSONField(_("recipients"), default=list)
    reply_to = models.JSONField(_("reply to"), default=list, blank=True)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("body"))
    category = models.CharField(
        _("category"),
        max_length=64,
        db_index=True,
        help_text=_("What the mail is about, e.g. calls.decision or atlas.moderation."),
    )
    tags = models.JSONField(
        _("tags"),
        default=dict,
        blank=True,
        help_text=_("Filterable facts about the mail, e.g. the call, workstream and decision."),
    )
    # The language the mail was written in (the recipient's, ``core.languages.mail_language``);
    # empty for mails drafted before it was recorded.
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, blank=True, default=""
    )
    state = models.CharField(
        _("state"), max_length=10, choices=MailState.choices, default=MailState.DRAFT, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("delivery attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True, db_index=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("outbox mail")
        verbose_name_plural = _("outbox mails")

    def __str__(self) -> str:
        return f"{self.subject} → {', '.join(self.to)}"
