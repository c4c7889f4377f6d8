"""Personal data in consultations: the contact name and e-mail on answers, and who wrote them.

Erasure keeps the organisation's answer (it belongs to the organisation and to the record of the
consultation) and removes the person from it.
"""

from __future__ import annotations

from django.db.models import Q

from sustainai.consultations.models import Answer

PERSONAL_FIELDS = (
    "consultations.Answer.contact_name",
    "consultations.Answer.contact_email",
    "consultations.Answer.created_by",
    "consultations.Answer.updated_by",
)


def _names_them(user) -> Q:
    """Answers whose contact is the person: by e-mail, or by their full name."""
    condition = Q(contact_email__iexact=user.email)
    if user.full_name.strip():
        condition |= Q(contact_name__iexact=user.full_name.strip())
    return condition


def _answers(user):
    return Answer.objects.filter(Q(created_by=user) | Q(updated_by=user) | _names_them(user))


def export_personal_data(user) -> dict:
    return {
        "answers": [
            {
                "consultation": answer.consultation.title,
                "organisation": answer.organisation.name,
                "contact_name": answer.contact_name,
                "contact_email": answer.contact_email,
                "created_by_you": answer.created_by_id == user.pk,
                "last_updated_by_you": answer.updated_by_id == user.pk,
                "updated_at": answer.updated_at.isoformat(),
            }
            for answer in _answers(user)
            .select_related("consultation", "organisation")
            .order_by("consultation__opens_at", "pk")
        ]
    }


def erase_personal_data(user) -> int:
    """Anonymise the answers; returns how many answers were touched."""
    touched = set(_answers(user).values_list("pk", flat=True))
    # Each personal part goes only where it is the person's: another person's contact details on
    # an answer the user merely edited stay.
    Answer.objects.filter(_names_them(user)).update(contact_name="", contact_email="")
    Answer.objects.filter(created_by=user).update(created_by=None)
    Answer.objects.filter(updated_by=user).update(updated_by=None)
    return len(touched)
