"""Personal data in the mail outbox: the mails addressed to the person.

The outbox keeps every mail for the record; erasure takes the person's address out of each mail's
recipients, and a mail that was for them alone loses its body too (it may name them). A mail for
them alone that was still waiting is marked failed rather than sent to nobody.
"""

from __future__ import annotations

from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils import timezone

from sustainai.outbox.models import MailState, OutboxMail

SOURCE_NAME = "outbox"
ERASED_BODY = "(Erased at the recipient's request.)"


def _mails(user) -> list[OutboxMail]:
    email = user.email.lower()
    # JSON lookups differ between SQLite and PostgreSQL; a text search narrows, Python decides.
    candidates = OutboxMail.objects.annotate(to_text=Cast("to", TextField())).filter(
        to_text__icontains=email
    )
    return [mail for mail in candidates.order_by("pk") if email in (a.lower() for a in mail.to)]


def export_personal_data(user) -> dict:
    return {
        "mails": [
            {
                "subject": mail.subject,
                "category": mail.category,
                "state": mail.state,
                "created_at": mail.created_at.isoformat(),
                "sent_at": mail.sent_at.isoformat() if mail.sent_at else None,
            }
            for mail in _mails(user)
        ]
    }


def erase_personal_data(user) -> int:
    email = user.email.lower()
    mails = _mails(user)
    for mail in mails:
        mail.to = [address for address in mail.to if address.lower() != email]
        if not mail.to:
            mail.body = ERASED_BODY
            if mail.state in (MailState.DRAFT, MailState.QUEUED):
                mail.state = MailState.FAILED
                mail.next_attempt_at = None
                mail.last_error = "The recipient erased their personal data."
        mail.updated_at = timezone.now()
        mail.save(
            update_fields=["to", "body", "state", "next_attempt_at", "last_error", "updated_at"]
        )
    return len(mails)
