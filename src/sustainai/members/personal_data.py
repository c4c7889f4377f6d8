"""Personal data held by accounts and members: the account's personal fields, contact records."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q

from sustainai.members.models import Contact, MembershipApplication

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
    """Delete the person's contact records and unlink them from the applications they made."""
    deleted, _ = _contacts(user).delete()
    unlinked = MembershipApplication.objects.filter(applicant=user).update(applicant=None)
    return deleted + unlinked


def finish_erasure(user) -> dict[str, int]:
    """The account is anonymised last, once every source has found the person's records."""
    return {"account": anonymise_account(user)}


def anonymise_account(user) -> int:
    """Strip the account of personal fields; it can no longer sign in, and its API tokens (whose
    labels the person wrote) are deleted. Runs after every source."""
    user.api_tokens.all().delete()
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
