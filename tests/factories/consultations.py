import datetime

import factory
from django.utils import timezone

from sustainai.consultations.models import Choice, Consultation, Question, QuestionKind


class ConsultationFactory(factory.django.DjangoModelFactory):
    """An open consultation (opened yesterday, closing in a week)."""

    class Meta:
        model = Consultation

    title = factory.Sequence(lambda n: f"Consultation {n}")
    slug = factory.Sequence(lambda n: f"consultation-{n}")
    introduction = "What should the coalition do next?"
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))


class QuestionFactory(factory.django.DjangoModelFactory):
    """A question; pass ``choices=["A", "B"]`` for a choice question."""

    class Meta:
        model = Question
        skip_postgeneration_save = True

    consultation = factory.SubFactory(ConsultationFactory)
    position = factory.Sequence(lambda n: n)
    text = factory.Sequence(lambda n: f"Question {n}?")
    kind = QuestionKind.TEXT

    @factory.post_generation
    def choices(obj, create, extracted, **kwargs):
        for position, label in enumerate(extracted or []):
            Choice.objects.create(question=obj, position=position, label=label)
