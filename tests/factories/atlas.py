import factory

from sustainai.atlas.models import (
    Actor,
    EditProposal,
    Initiative,
    InitiativeCountry,
    InitiativeType,
    ModerationState,
    Topic,
)


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor
        django_get_or_create = ["normalized_name"]

    name = factory.Sequence(lambda n: f"Actor {n}")
    normalized_name = factory.LazyAttribute(lambda o: o.name.lower())


class InitiativeFactory(factory.django.DjangoModelFactory):
    """A published initiative; pass ``countries=["FR", ...]``, ``topics=["energy", ...]``,
    ``leads=[actor, ...]`` to set its relations."""

    class Meta:
        model = Initiative
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Initiative {n}")
    slug = factory.Sequence(lambda n: f"initiative-{n}")
    summary = "An initiative on sustainable AI."
    type = InitiativeType.TOOL
    state = ModerationState.PUBLISHED
    start_year = 2023

    @factory.post_generation
    def countries(obj, create, extracted, **kwargs):
        for code in extracted or []:
            InitiativeCountry.objects.create(initiative=obj, country=code)

    @factory.post_generation
    def topics(obj, create, extracted, **kwargs):
        if extracted:
            obj.topics.set(Topic.objects.filter(slug__in=extracted))

    @factory.post_generation
    def leads(obj, create, extracted, **kwargs):
        if extracted:
            obj.lead_organisations.set(extracted)


class SubmittedInitiativeFactory(InitiativeFactory):
    """An initiative a member submitted, awaiting moderation."""

    state = ModerationState.SUBMITTED
    submitted_by = factory.SubFactory("tests.factories.accounts.MemberUserFactory")


class EditProposalFactory(factory.django.DjangoModelFactory):
    """A pending proposal to rename a published initiative."""

    class Meta:
        model = EditProposal

    initiative = factory.SubFactory(InitiativeFactory)
    proposed_by = factory.SubFactory("tests.factories.accounts.MemberUserFactory")
    changes = factory.LazyAttribute(lambda o: {"name": f"{o.initiative.name} (renamed)"})
    original = factory.LazyAttribute(lambda o: {"name": o.initiative.name})
    comment = "The name changed last year."
