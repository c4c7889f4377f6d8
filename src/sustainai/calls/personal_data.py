"""The personal data this app holds about a person: the expressions of interest they submitted or
are the contact of.

The members app's registry calls these two functions for a person's export and erasure requests.
An expression's contact is that person when its e-mail address is the user's.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q

from sustainai.calls.models import Expression

ERASED_NAME = "(erased)"
ERASED_EMAIL_DOMAIN = "erased.invalid"

PERSONAL_FIELDS = (
    "calls.Expression.contact_name",
    "calls.Expression.contact_email",
    "calls.Expression.submitted_by",
)


def _contact_is_them(user) -> Q:
    return Q(contact_email__iexact=user.email)


def _expressions_of(user):
    return Expression.objects.filter(_contact_is_them(user) | Q(submitted_by=user)).select_related(
        "call", "organisation"
    )


def export_personal_data(user) -> dict:
    return {
        "expressions_of_interest": [
            {
                "call": expression.call.slug,
                "organisation": expression.organisation.name,
                "contact_name": expression.contact_name,
                "contact_email": expression.contact_email,
                "submitted_by_you": expression.submitted_by_id == user.pk,
                "consent_at": expression.consent_at.isoformat(),
                "submitted_at": expression.created_at.isoformat(),
                "updated_at": expression.updated_at.isoformat(),
            }
            for expression in _expressions_of(user).order_by("created_at", "pk")
        ]
    }


def erase_personal_data(user) -> int:
    """Replace the person's name and e-mail in the expressions they are the contact of, and unlink
    them from those they submitted.

    The expressions themselves stay (they are the organisation's, and the tallies rely on them);
    only the person is removed. Another person's contact details on an expression the user
    submitted stay. Returns how many expressions were changed.
    """
    with transaction.atomic():
        erased = 0
        for expression in _expressions_of(user).select_for_update():
            if expression.submitted_by_id == user.pk:
                expression.submitted_by = None
            if expression.contact_email.lower() == user.email.lower():
                expression.contact_name = ERASED_NAME
                expression.contact_email = f"expression-{expression.pk}@{ERASED_EMAIL_DOMAIN}"
            expression.save(update_fields=["submitted_by", "contact_name", "contact_email"])
            erased += 1
    return erased
