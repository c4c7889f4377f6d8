"""Personal data held by accounts and members: the account's personal fields and sessions, contact
records, and mentions of the person in the organisations' history and the admin log."""

from __future__ import annotations

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.sessions.models import Session
from django.db.models import Q
from django.utils import timezone

from sustainai.core.personal_data import needles, scrubbed
from sustainai.members.models import Contact, MembershipApplication, Organisation

PERSONAL_FIELDS = (
    "accounts.User.email",
    "accounts.User.full_name",
    "accounts.User.first_name",
    "accounts.User.last_name",
    "members.Contact.user",
    "members.Contact.full_name",
    "members.Contact.email",
    "members.MembershipApplication.applicant",
    # Deleted with the account's anonymisation (``anonymise_account``).
    "accounts.ApiToken.user",
    "accounts.ApiToken.name",
    # Reasons that named people by address, and the admin log, which names what was changed
    # (an account by its address, a contact by its name): the person's mentions are replaced.
    "members.HistoricalOrganisation.history_change_reason",
    "admin.LogEntry.object_repr",
    "admin.LogEntry.change_message",
)


def _contacts(user):
    return Contact.objects.filter(Q(user=user) | Q(email__iexact=user.email)).select_related(
        "organisation"
    )


def _iso(value):
    return value.isoformat() if value is not None else None


def export_personal_data(user) -> dict:
    return {
        "account": {
            "email": user.email,
            "full_name": user.full_name,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "language": user.language,
            "organisation": user.organisation.name if user.organisation_id else None,
            "is_coordinator": user.is_staff,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
        },
        "contacts": [
            {
                "organisation": contact.organisation.name,
                "full_name": contact.full_name,
                "email": contact.email,
                "position": contact.position,
                "is_primary": contact.is_primary,
                "consent": {
                    "purpose": contact.consent_purpose,
                    "text_version": contact.consent_text_version,
                    "text": contact.consent_text,
                    "given_at": _iso(contact.consent_given_at),
                },
            }
            for contact in _contacts(user).order_by("organisation__name", "pk")
        ],
        "membership_applications": [
            {
                "organisation": application.organisation.name,
                "motivation": application.motivation,
                "submitted_at": _iso(application.submitted_at),
            }
            for application in MembershipApplication.objects.filter(applicant=user)
            .select_related("organisation")
            .order_by("pk")
        ],
    }


def erase_personal_data(user) -> int:
    """Delete the person's contact records, unlink them from the applications they made, and
    replace their mentions in the organisations' history and the admin log."""
    deleted, _ = _contacts(user).delete()
    unlinked = MembershipApplication.objects.filter(applicant=user).update(applicant=None)
    mentions = _scrub(Organisation.history.model, ["history_change_reason"], user)
    mentions += _scrub(LogEntry, ["object_repr", "change_message"], user)
    return deleted + unlinked + mentions


def _scrub(model, fields: list[str], user) -> int:
    """Replace the person's mentions in ``fields`` of every row that names them; a text search
    narrows, Python decides on whole words. Returns how many rows changed."""
    condition = Q()
    for needle in needles(user):
        for field in fields:
            condition |= Q(**{f"{field}__icontains": needle})
    changed = 0
    for row in model.objects.filter(condition):
        values = {field: scrubbed(getattr(row, field), user) for field in fields}
        if any(values[field] != getattr(row, field) for field in fields):
            model.objects.filter(pk=row.pk).update(**values)
            changed += 1
    return changed


def finish_erasure(user) -> dict[str, int]:
    """The account is anonymised last, once every source has found the person's records."""
    return {"account": anonymise_account(user)}


def anonymise_account(user) -> int:
    """Strip the account of personal fields; it can no longer sign in, and its API tokens (whose
    labels the person wrote) are deleted. Runs after every source."""
    user.api_tokens.all().delete()
    _end_sessions(user)
    get_user_model().objects.filter(pk=user.pk).update(
        email=f"erased-{user.pk}@erased.invalid",
        full_name="",
        first_name="",
        last_name="",
        language="",
        password="!erased",
        is_active=False,
        organisation=None,
    )
    user.refresh_from_db()
    return 1


def _end_sessions(user) -> None:
    """Delete the account's sessions from the database (the default session engine); sessions
    kept elsewhere end anyway, the new password failing their check on their next request."""
    if settings.SESSION_ENGINE != "django.contrib.sessions.backends.db":
        return
    user_id = str(user.pk)
    signed_in = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get(SESSION_KEY) == user_id
    ]
    Session.objects.filter(pk__in=signed_in).delete()
