"""The personal data this app holds about a person: the contact of expressions of interest.

The members app's registry calls these two functions for a person's export and erasure requests.
An expression's contact is that person when its e-mail address is the user's.
"""

from __future__ import annotations

from django.db import transaction

from sustainai.calls.models import Expression

ERASED_NAME = "(erased)"
ERASED_EMAIL_DOMAIN = "erased.invalid"


def _expressions_of(user):
    return Expression.objects.filter(contact_email__iexact=user.email).select_related(
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
                "consent_at": expression.consent_at.isoformat(),
                "submitted_at": expression.created_at.isoformat(),
                "updated_at": expression.updated_at.isoformat(),
            }
            for expression in _expressions_of(user).order_by("created_at", "pk")
        ]
    }


def erase_personal_data(user) -> int:
    """Replace the person's name and e-mail in the expressions they are the contact of.

    The expressions themselves stay (they are the organisation's, and the tallies rely on them);
    only the person is removed. Returns how many expressions were changed.
    """
    with transaction.atomic():
        erased = 0
        for expression in _expressions_of(user).select_for_update():
            expression.contact_name = ERASED_NAME
            expression.contact_email = f"expression-{expression.pk}@{ERASED_EMAIL_DOMAIN}"
            expression.save(update_fields=["contact_name", "contact_email"])
            erased += 1
    return erased
