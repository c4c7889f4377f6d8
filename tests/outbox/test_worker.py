"""The real path: a mail queued on the database task backend is delivered by the worker command."""

import pytest
from django.core import mail
from django.core.management import call_command

from sustainai.outbox.models import MailState
from sustainai.outbox.services import queue_mail

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def database_tasks(settings):
    # django-tasks rebuilds its backends when the setting changes.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_queued_mail_waits_for_the_worker_then_is_sent(database_tasks):
    queued = queue_mail(to=["a@example.org"], subject="S", body="B", category="test")
    assert queued.state == MailState.QUEUED
    assert mail.outbox == []
    call_command("db_worker", "--batch", "--no-startup-delay")
    queued.refresh_from_db()
    assert queued.state == MailState.SENT
    assert len(mail.outbox) == 1
