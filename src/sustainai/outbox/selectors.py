"""Filtering the outbox for the coordinators' list and bulk actions."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from sustainai.outbox.models import MailState, OutboxMail

# Tags the list can filter on (set by the apps that draft mails, e.g. calls decisions).
TAG_FILTERS = ("call", "workstream", "decision")


def filtered(params) -> QuerySet[OutboxMail]:
    """Mails matching the filters in ``params`` (a QueryDict or dict): category, state, tags."""
    queryset = OutboxMail.objects.all()
    if params.get("category"):
        queryset = queryset.filter(category=params["category"])
    if params.get("state"):
        queryset = queryset.filter(state=params["state"])
    for tag in TAG_FILTERS:
        value = params.get(tag)
        if value:
            queryset = queryset.filter(**{f"tags__{tag}": value})
    return queryset


def categories() -> list[str]:
    return list(
        OutboxMail.objects.order_by("category").values_list("category", flat=True).distinct()
    )


def draft_count(user) -> int:
    """Drafts waiting for a coordinator's review."""
    return OutboxMail.objects.filter(state=MailState.DRAFT).count()


def recipient_languages(mail: OutboxMail) -> list[tuple[str, str]]:
    """Each recipient with the language of their account (their choice, or the one they last
    used), or "" when they have no account or none is known."""
    names = dict(settings.LANGUAGES)
    known = dict(
        get_user_model()
        .objects.filter(email__in=mail.to)
        .exclude(language="")
        .values_list("email", "language")
    )
    return [(address, str(names.get(known.get(address, ""), ""))) for address in mail.to]
