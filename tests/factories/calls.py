import datetime

import factory
from django.utils import timezone

from sustainai.calls.models import Call, Choice, Expression, ProposedWorkstream
from sustainai.workstreams.models import ParticipantRole
from tests.factories.members import OrganisationFactory


class CallFactory(factory.django.DjangoModelFactory):
    """An open call (opened a week ago, closing in a week)."""

    class Meta:
        model = Call

    slug = factory.Sequence(lambda n: f"call-{n}")
    title = factory.Sequence(lambda n: f"Call {n}")
    introduction = "Tell us which workstreams your organisation would join."
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=7))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))


class ProposedWorkstreamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProposedWorkstream

    call = factory.SubFactory(CallFactory)
    slug = factory.Sequence(lambda n: f"workstream-{n}")
    title = factory.Sequence(lambda n: f"Workstream {n}")
    position = factory.Sequence(lambda n: n)
    context = "Why it matters."
    implementation = "How it is done."
    confirmation_threshold = 2


class ExpressionFactory(factory.django.DjangoModelFactory):
    """An expression of interest; pass ``workstreams=[ws, ...]`` to choose them (as contributor)."""

    class Meta:
        model = Expression
        skip_postgeneration_save = True

    call = factory.SubFactory(CallFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    contact_name = "Alex Contact"
    contact_email = factory.Sequence(lambda n: f"contact{n}@example.org")
    consent_at = factory.LazyFunction(timezone.now)
    created_at = factory.LazyFunction(timezone.now)
    updated_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def workstreams(obj, create, extracted, **kwargs):
        for workstream in extracted or []:
            Choice.objects.create(
                expression=obj,
                workstream=workstream,
                role=ParticipantRole.CONTRIBUTOR,
                motivation="Yes.",
            )
