import datetime
import smtplib

import pytest
from django.core import mail
from django.utils import timezone

from sustainai.outbox.models import MailState, OutboxMail
from sustainai.outbox.services import (
    MAX_ATTEMPTS,
    backoff,
    deliver,
    deliver_due,
    draft_mail,
    queue_mail,
    send_drafts,
)
from tests.outbox.flaky_backend import FlakyBackend

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def flaky(settings):
    settings.EMAIL_BACKEND = "tests.outbox.flaky_backend.FlakyBackend"
    FlakyBackend.failures = 0
    FlakyBackend.error = smtplib.SMTPServerDisconnected("connection lost")
    yield FlakyBackend
    FlakyBackend.failures = 0


def test_queue_mail_sends_it_once_committed():
    sent = queue_mail(to=["A@Example.org"], subject="Hello", body="Body", category="test")
    assert sent.state == MailState.SENT
    assert sent.attempts == 1
    assert [m.to for m in mail.outbox] == [["a@example.org"]]


def test_draft_waits_until_a_coordinator_sends_it():
    draft = draft_mail(to=["a@example.org"], subject="Hi", body="B", category="test")
    assert mail.outbox == []
    assert send_drafts([draft]) == 1
    draft.refresh_from_db()
    assert draft.state == MailState.SENT
    assert len(mail.outbox) == 1
    # Sending again does nothing: a sent mail is never sent twice.
    assert send_drafts([draft]) == 0
    assert len(mail.outbox) == 1


def test_backoff_doubles_up_to_six_hours():
    assert [backoff(n).total_seconds() for n in (1, 2, 3, 4)] == [60, 120, 240, 480]
    assert backoff(20) == datetime.timedelta(hours=6)


def test_temporary_failure_is_retried_with_backoff_and_then_sent(flaky):
    flaky.failures = 2
    queued = queue_mail(to=["a@example.org"], subject="S", body="B", category="test")
    assert queued.state == MailState.QUEUED
    assert queued.attempts == 1
    assert queued.last_error == "SMTPServerDisconnected: connection lost"
    first_retry = queued.next_attempt_at
    # Not due yet: the sweep leaves it alone.
    assert deliver_due(now=first_retry - datetime.timedelta(seconds=1)) == 0
    assert deliver_due(now=first_retry) == 1
    queued.refresh_from_db()
    assert queued.attempts == 2
    assert queued.next_attempt_at == first_retry + datetime.timedelta(minutes=2)
    assert deliver_due(now=queued.next_attempt_at) == 1
    queued.refresh_from_db()
    assert queued.state == MailState.SENT
    assert queued.attempts == 3
    assert len(mail.outbox) == 1


def test_permanent_refusal_fails_at_once_and_is_kept(flaky):
    flaky.failures = 1
    flaky.error = smtplib.SMTPRecipientsRefused({"a@example.org": (550, b"no such user")})
    failed = queue_mail(to=["a@example.org"], subject="S", body="B", category="test")
    assert failed.state == MailState.FAILED
    assert failed.attempts == 1
    assert "550" in failed.last_error
    # Failed mails stay in the outbox and can be sent again.
    assert send_drafts([failed]) == 1
    failed.refresh_from_db()
    assert failed.state == MailState.SENT


def test_gives_up_after_max_attempts_without_losing_the_mail(flaky):
    flaky.failures = 100
    mail_ = queue_mail(to=["a@example.org"], subject="S", body="B", category="test")
    now = timezone.now()
    while mail_.state == MailState.QUEUED:
        now = mail_.next_attempt_at
        deliver(mail_.pk, now=now)
        mail_.refresh_from_db()
    assert mail_.state == MailState.FAILED
    assert mail_.attempts == MAX_ATTEMPTS
    assert OutboxMail.objects.count() == 1
