"""Writes for consultations: an organisation's answer. Transactional; the deadline is enforced here."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sustainai.accounts.rules import is_member_user
from sustainai.atlas.services import submit_initiative
from sustainai.consultations.models import (
    Answer,
    AnswerItem,
    Consultation,
    ProposedInitiative,
    QuestionKind,
)


class AnswerError(Exception):
    """An answer that cannot be saved; ``field`` names the form field at fault, if any."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class ConsultationClosed(AnswerError):
    pass


@dataclass
class InitiativeProposal:
    name: str
    summary: str = ""
    website: str = ""


def question_field(question_id: int) -> str:
    return f"question_{question_id}"


def check_open(consultation: Consultation, now: datetime.datetime) -> None:
    if now < consultation.opens_at:
        raise ConsultationClosed(
            _("This consultation opens on %(when)s.")
            % {"when": timezone.localtime(consultation.opens_at).strftime("%Y-%m-%d %H:%M %Z")}
        )
    if now >= consultation.closes_at:
        raise ConsultationClosed(
            _("This consultation closed on %(when)s; answers can no longer be changed.")
            % {"when": timezone.localtime(consultation.closes_at).strftime("%Y-%m-%d %H:%M %Z")}
        )


@transaction.atomic
def save_answer(
    *,
    consultation: Consultation,
    user,
    responses: dict[int, str | list[int]],
    contact_name: str = "",
    contact_email: str = "",
    proposal: InitiativeProposal | None = None,
    now: datetime.datetime | None = None,
) -> tuple[Answer, bool]:
    """Create or update the user's organisation's answer; returns it and whether it was created.

    ``responses`` maps question ids to a text (text questions) or a list of choice ids. The time is
    checked when the answer is written, so a form opened before the deadline and sent after it is
    refused.
    """
    if not is_member_user(user):
        raise AnswerError(_("Only users of an approved member organisation can answer."))
    check_open(consultation, now or timezone.now())
    questions = list(consultation.questions.prefetch_related("choices"))
    cleaned: dict[int, tuple[str, list[int]]] = {}
    for question in questions:
        value = responses.get(question.pk)
        field = question_field(question.pk)
        if question.kind == QuestionKind.TEXT:
            text = (value or "").strip() if isinstance(value, str) else ""
            if question.required and not text:
                raise AnswerError(_("“%(q)s” needs an answer.") % {"q": question.text}, field)
            cleaned[question.pk] = (text, [])
            continue
        chosen = [int(v) for v in (value or [])] if isinstance(value, list) else []
        valid = {choice.pk for choice in question.choices.all()}
        if unknown := [v for v in chosen if v not in valid]:
            raise AnswerError(
                _("“%(q)s”: %(ids)s is not one of its choices.")
                % {"q": question.text, "ids": ", ".join(map(str, unknown))},
                field,
            )
        if question.kind == QuestionKind.SINGLE and len(chosen) > 1:
            raise AnswerError(_("“%(q)s” takes one choice only.") % {"q": question.text}, field)
        if question.required and not chosen:
            raise AnswerError(_("“%(q)s” needs an answer.") % {"q": question.text}, field)
        cleaned[question.pk] = ("", chosen)

    moment = timezone.now()
    answer, created = Answer.objects.get_or_create(
        consultation=consultation,
        organisation=user.organisation,
        defaults={"created_by": user, "submitted_at": moment},
    )
    # Lock the organisation's answer: two of its users saving at once write one after the other.
    answer = Answer.objects.select_for_update().get(pk=answer.pk)
    answer.contact_name = contact_name.strip()
    answer.contact_email = contact_email.strip().lower()
    answer.updated_by = user
    answer.updated_at = moment
    answer.save()
    for question_id, (text, chosen) in cleaned.items():
        item, _created = AnswerItem.objects.update_or_create(
            answer=answer, question_id=question_id, defaults={"text": text}
        )
        item.choices.set(chosen)
    if proposal is not None and proposal.name.strip():
        initiative = submit_initiative(
            submitted_by=user,
            name=proposal.name,
            summary=proposal.summary.strip(),
            website=proposal.website.strip(),
            description=_("Proposed by %(organisation)s in the consultation “%(consultation)s”.")
            % {"organisation": user.organisation.name, "consultation": consultation.title},
        )
        ProposedInitiative.objects.create(
            answer=answer, initiative=initiative, name=initiative.name
        )
    return answer, created
