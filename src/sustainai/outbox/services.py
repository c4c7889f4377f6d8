"""Writing to and delivering from the outbox.

``draft_mail`` makes a draft for a coordinator to review; ``queue_mail`` sends at once through the
worker (transactional mails: welcome, moderation notices); ``send_drafts`` releases reviewed drafts.
The apps write their mails as templates, rendered in the recipient's language by ``render_mail``
(``draft_templated_mail`` and ``queue_templated_mail`` render and store in one call).
Delivery retries only errors that may pass (connection trouble, 4xx replies), with exponential
back-off; a permanent refusal (5xx) fails at once. Nothing is deleted.
"""

from __future__ import annotations

import datetime
import smtplib
import socket
from collections.abc import Iterable
from functools import partial
from typing import cast

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template import Context
from django.template.backends.django import Template as DjangoBackendTemplate
from django.template.loader import get_template
from django.utils import timezone, translation

from sustainai.outbox.models import MailState, OutboxMail

MAX_ATTEMPTS = 8
FIRST_BACKOFF = datetime.timedelta(minutes=1)
MAX_BACKOFF = datetime.timedelta(hours=6)


def backoff(attempts: int) -> datetime.timedelta:
    """Wait before attempt number ``attempts + 1``: 1, 2, 4, 8... minutes, at most 6 hours."""
    return min(FIRST_BACKOFF * (2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def draft_mail(
    *,
    to: Iterable[str],
    subject: str,
    body: str,
    category: str,
    tags: dict | None = None,
    reply_to: Iterable[str] = (),
    created_by=None,
    language: str = "",
) -> OutboxMail:
    return OutboxMail.objects.create(
        language=language,
        to=sorted({address.strip().lower() for address in to if address.strip()}),
        reply_to=list(reply_to),
        subject=subject,
        body=body,
        category=category,
        tags=tags or {},
        created_by=created_by,
    )


def queue_mail(**kwargs) -> OutboxMail:
    """Make a mail and hand it to the worker once the surrounding transaction commits."""
    mail = draft_mail(**kwargs)
    send_drafts([mail])
    mail.refresh_from_db()
    return mail


def render_mail(template: str, context: dict, *, language: str) -> tuple[str, str]:
    """The subject and body of the mail ``template``, rendered in ``language``.

    A mail is two plain-text templates: ``<template>_subject.txt`` and ``<template>.txt``, e.g.
    ``members/emails/welcome_subject.txt`` and ``members/emails/welcome.txt`` for
    ``"members/emails/welcome"``. They are rendered with ``context`` alone (no request, no context
    processors) and without HTML escaping. The subject is made one line (its lines joined by a
    space: a header cannot hold a line break); the body loses the blank lines and spaces at its
    ends, so that its template may end with a newline and open with ``{% load i18n %}``.
    ``language`` is the recipient's (``core.languages.mail_language``), whoever sends.
    """
    with translation.override(language):
        subject = _render_text(f"{template}_subject.txt", context)
        body = _render_text(f"{template}.txt", context)
    subject = " ".join(line.strip() for line in subject.splitlines() if line.strip())
    return subject, body.strip()


def _render_text(name: str, context: dict) -> str:
    # The Django engine's own template, to render with autoescaping off (plain text, not HTML).
    template = cast(DjangoBackendTemplate, get_template(name)).template
    return template.render(Context(context, autoescape=False))


def draft_templated_mail(template: str, context: dict, *, language: str, **fields) -> OutboxMail:
    """``draft_mail`` with the subject and body of ``render_mail(template, context, ...)``."""
    subject, body = render_mail(template, context, language=language)
    return draft_mail(subject=subject, body=body, language=language, **fields)


def queue_templated_mail(template: str, context: dict, *, language: str, **fields) -> OutboxMail:
    """``queue_mail`` with the subject and body of ``render_mail(template, context, ...)``."""
    subject, body = render_mail(template, context, language=language)
    return queue_mail(subject=subject, body=body, language=language, **fields)


def send_drafts(mails: Iterable[OutboxMail]) -> int:
    """Queue drafts (and failed mails, to try them again); returns how many were queued."""
    ids = [mail.pk for mail in mails]
    now = timezone.now()
    with transaction.atomic():
        queued = list(
            OutboxMail.objects.select_for_update()
            .filter(pk__in=ids, state__in=[MailState.DRAFT, MailState.FAILED])
            .values_list("pk", flat=True)
        )
        OutboxMail.objects.filter(pk__in=queued).update(
            state=MailState.QUEUED, next_attempt_at=now, last_error="", updated_at=now
        )
        for pk in queued:
            transaction.on_commit(partial(_enqueue, pk))
    return len(queued)


def _enqueue(pk: int, run_after: datetime.datetime | None = None) -> None:
    from sustainai.outbox.tasks import deliver_mail_task

    task = deliver_mail_task
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return  # a backend that cannot defer leaves retries to the periodic sweep
        task = task.using(run_after=run_after)
    task.enqueue(pk)


def is_retryable(error: Exception) -> bool:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _ in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    return isinstance(
        error,
        (
            smtplib.SMTPServerDisconnected,
            smtplib.SMTPConnectError,
            socket.timeout,
            ConnectionError,
            OSError,
        ),
    )


def deliver(pk: int, *, now: datetime.datetime | None = None) -> OutboxMail:
    """Try to send one queued mail, now; record the outcome and schedule a retry if it may pass."""
    now = now or timezone.now()
    with transaction.atomic():
        mail = OutboxMail.objects.select_for_update().get(pk=pk)
        if mail.state != MailState.QUEUED:
            return mail  # sent meanwhile, or put back to draft: nothing to do
        message = EmailMessage(
            subject=mail.subject,
            body=mail.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=mail.to,
            reply_to=mail.reply_to or None,
        )
        mail.attempts += 1
        try:
            message.send(fail_silently=False)
        except Exception as error:  # noqa: BLE001 - every failure is recorded, none is lost
            mail.last_error = f"{type(error).__name__}: {error}"[:2000]
            if is_retryable(error) and mail.attempts < MAX_ATTEMPTS:
                mail.next_attempt_at = now + backoff(mail.attempts)
                retry_at = mail.next_attempt_at
                transaction.on_commit(lambda: _enqueue(pk, run_after=retry_at))
            else:
                mail.state = MailState.FAILED
                mail.next_attempt_at = None
        else:
            mail.state = MailState.SENT
            mail.sent_at = now
            mail.next_attempt_at = None
            mail.last_error = ""
        mail.save()
        return mail


def deliver_due(*, now: datetime.datetime | None = None) -> int:
    """The periodic sweep: deliver every queued mail whose time has come (lost tasks included)."""
    now = now or timezone.now()
    due = list(
        OutboxMail.objects.filter(state=MailState.QUEUED, next_attempt_at__lte=now)
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)
    )
    for pk in due:
        deliver(pk, now=now)
    return len(due)


class NotEditable(Exception):
    pass


def update_draft(mail: OutboxMail, *, to: Iterable[str], subject: str, body: str) -> OutboxMail:
    """Edit a draft (or a failed mail, to correct it before retrying); queued or sent mails are final."""
    with transaction.atomic():
        locked = OutboxMail.objects.select_for_update().get(pk=mail.pk)
        if locked.state not in (MailState.DRAFT, MailState.FAILED):
            raise NotEditable(locked.get_state_display())
        locked.to = sorted({address.strip().lower() for address in to if address.strip()})
        locked.subject = subject
        locked.body = body
        locked.save(update_fields=["to", "subject", "body", "updated_at"])
    return locked
