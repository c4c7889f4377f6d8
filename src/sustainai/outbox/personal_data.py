"""Personal data in the mail outbox: the mails addressed to the person, and those naming them.

The outbox keeps every mail for the record; erasure takes the person's address out of each mail's
recipients (and reply-to addresses), and a mail that was for them alone loses its body too (it may
name them). A mail for them alone that was still waiting is marked failed rather than sent to
nobody. Any other mail keeps its text with the person's address and names replaced
(``core.personal_data.scrubbed``: a mail to a new contact names the person who added them).
"""

from __future__ import annotations

from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from sustainai.core.personal_data import needles, scrubbed
from sustainai.outbox.models import MailState, OutboxMail

SOURCE_NAME = "outbox"
ERASED_BODY = "(Erased at the recipient's request.)"
SUBJECT_LENGTH = OutboxMail._meta.get_field("subject").max_length

PERSONAL_FIELDS = (
    "outbox.OutboxMail.to",
    "outbox.OutboxMail.reply_to",
    "outbox.OutboxMail.subject",
    "outbox.OutboxMail.body",
)


def _addressed(mail: OutboxMail, email: str) -> bool:
    return email in (address.lower() for address in mail.to)


def _mails(user) -> list[OutboxMail]:
    email = user.email.lower()
    # JSON lookups differ between SQLite and PostgreSQL; a text search narrows, Python decides.
    candidates = OutboxMail.objects.annotate(to_text=Cast("to", TextField())).filter(
        to_text__icontains=email
    )
    return [mail for mail in candidates.order_by("pk") if _addressed(mail, email)]


def _naming(user):
    """Mails that may hold the person's address or name anywhere (narrowed by a text search)."""
    condition = Q()
    for needle in needles(user):
        condition |= (
            Q(to_text__icontains=needle)
            | Q(reply_to_text__icontains=needle)
            | Q(subject__icontains=needle)
            | Q(body__icontains=needle)
        )
    return (
        OutboxMail.objects.annotate(
            to_text=Cast("to", TextField()), reply_to_text=Cast("reply_to", TextField())
        )
        .filter(condition)
        .order_by("pk")
    )


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
    """Returns how many mails were changed."""
    email = user.email.lower()
    changed = 0
    for mail in _naming(user):
        before = (mail.to, mail.reply_to, mail.subject, mail.body)
        for_them_alone = _addressed(mail, email) and all(a.lower() == email for a in mail.to)
        mail.to = [address for address in mail.to if address.lower() != email]
        mail.reply_to = [address for address in mail.reply_to if address.lower() != email]
        if for_them_alone:
            mail.body = ERASED_BODY
            if mail.state in (MailState.DRAFT, MailState.QUEUED):
                mail.state = MailState.FAILED
                mail.next_attempt_at = None
                mail.last_error = "The recipient erased their personal data."
        mail.subject = scrubbed(mail.subject, user)[:SUBJECT_LENGTH]
        mail.body = scrubbed(mail.body, user)
        if (mail.to, mail.reply_to, mail.subject, mail.body) == before:
            continue  # the text search matched a longer word or address only
        mail.updated_at = timezone.now()
        mail.save(
            update_fields=[
                *("to", "reply_to", "subject", "body"),
                *("state", "next_attempt_at", "last_error", "updated_at"),
            ]
        )
        changed += 1
    return changed
