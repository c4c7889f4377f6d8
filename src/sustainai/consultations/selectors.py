"""Reads for consultations: lists by role, an organisation's answer, the results per question."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Count, Prefetch, QuerySet

from sustainai.consultations.models import (
    Answer,
    AnswerItem,
    Choice,
    Consultation,
    Question,
    QuestionKind,
)

if TYPE_CHECKING:
    from sustainai.core.charts import BarChart


def consultations_with_counts() -> QuerySet[Consultation]:
    return Consultation.objects.annotate(answer_count=Count("answers")).order_by("-opens_at")


def consultations_for_member(organisation) -> list[Consultation]:
    """Every consultation, each with ``own_answer``: the organisation's answer or ``None``."""
    consultations = list(Consultation.objects.order_by("-opens_at"))
    answers = {
        a.consultation_id: a
        for a in Answer.objects.filter(organisation=organisation, consultation__in=consultations)
    }
    for consultation in consultations:
        consultation.own_answer = answers.get(consultation.pk)
    return consultations


def questions(consultation: Consultation) -> list[Question]:
    return list(consultation.questions.prefetch_related("choices"))


def answer_of(consultation: Consultation, organisation) -> Answer | None:
    if organisation is None:
        return None
    return (
        Answer.objects.filter(consultation=consultation, organisation=organisation)
        .select_related("organisation", "updated_by")
        .prefetch_related("items__choices", "proposed_initiatives")
        .first()
    )


def answer_values(answer: Answer | None) -> dict[int, str | list[int]]:
    """The answer as ``{question id: text or [choice ids]}`` (a form's initial data)."""
    if answer is None:
        return {}
    values: dict[int, str | list[int]] = {}
    for item in answer.items.all():
        chosen = [choice.pk for choice in item.choices.all()]
        values[item.question_id] = chosen if chosen else item.text
    return values


@dataclass
class QuestionResult:
    question: Question
    choices: list[tuple[str, int]] = field(default_factory=list)
    texts: list[tuple[str, str]] = field(default_factory=list)  # (organisation, text)
    answered: int = 0
    chart: BarChart | None = None  # drawn by the results view


def results(consultation: Consultation) -> tuple[int, list[QuestionResult]]:
    """How many organisations answered, and per question the counts per choice or the texts."""
    total = consultation.answers.count()
    question_list = list(
        consultation.questions.prefetch_related(
            Prefetch(
                "choices",
                queryset=Choice.objects.annotate(votes=Count("answer_items")).order_by(
                    "position", "pk"
                ),
            )
        )
    )
    chose = dict(
        AnswerItem.objects.filter(question__consultation=consultation, choices__isnull=False)
        .values("question_id")
        .annotate(n=Count("pk", distinct=True))
        .values_list("question_id", "n")
    )
    texts = (
        AnswerItem.objects.filter(
            question__consultation=consultation, question__kind=QuestionKind.TEXT
        )
        .exclude(text="")
        .select_related("answer__organisation")
        .order_by("answer__organisation__name")
    )
    texts_by_question: dict[int, list[tuple[str, str]]] = {}
    for item in texts:
        texts_by_question.setdefault(item.question_id, []).append(
            (item.answer.organisation.name, item.text)
        )
    out = []
    for question in question_list:
        result = QuestionResult(question)
        if question.kind == QuestionKind.TEXT:
            result.texts = texts_by_question.get(question.pk, [])
            result.answered = len(result.texts)
        else:
            # ``votes`` comes from the Prefetch above, which django-stubs does not follow.
            result.choices = [
                (choice.label, choice.votes)  # type: ignore[attr-defined]
                for choice in question.choices.all()
            ]
            result.answered = chose.get(question.pk, 0)
        out.append(result)
    return total, out


def answers_for_export(consultation: Consultation) -> QuerySet[Answer]:
    return (
        consultation.answers.select_related("organisation")
        .prefetch_related("items__choices", "proposed_initiatives")
        .order_by("organisation__name")
    )
