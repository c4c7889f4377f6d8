import datetime

import factory
from django.utils import timezone

from sustainai.workstreams.models import Meeting, Participant, ParticipantRole, Workstream
from tests.factories.members import OrganisationFactory


class WorkstreamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workstream

    slug = factory.Sequence(lambda n: f"workstream-{n}")
    title = factory.Sequence(lambda n: f"Workstream {n}")
    context = "Why it matters."
    implementation = "How it is done."


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    workstream = factory.SubFactory(WorkstreamFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = ParticipantRole.CONTRIBUTOR
    motivation = "Yes."


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    workstream = factory.SubFactory(WorkstreamFactory)
    title = factory.Sequence(lambda n: f"Meeting {n}")
    starts_at = factory.LazyFunction(
        lambda: timezone.now().replace(microsecond=0) + datetime.timedelta(days=10)
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    place = "Paris"
    agenda = "1. Welcome"
