"""Factories for the linkage app, and a small private one for Atlas initiatives (the Atlas's own
factories belong to the Atlas)."""

import factory
from django.utils.text import slugify

from sustainai.atlas.models import Actor, Initiative, InitiativeCountry, ModerationState
from sustainai.linkage.models import CandidatePair, Decision, PairDecision
from sustainai.linkage.normalise import organisation_key


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor
        django_get_or_create = ("normalized_name",)

    name = factory.Sequence(lambda n: f"Organisation {n}")
    normalized_name = factory.LazyAttribute(lambda o: organisation_key(o.name) or o.name.lower())


class LinkedInitiativeFactory(factory.django.DjangoModelFactory):
    """A published initiative; ``leads=[names]`` and ``countries=[codes]`` fill its relations."""

    class Meta:
        model = Initiative
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Initiative {n}")
    slug = factory.LazyAttributeSequence(lambda o, n: f"{slugify(o.name)[:300]}-{n}")
    state = ModerationState.PUBLISHED

    @factory.post_generation
    def leads(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.lead_organisations.add(*[ActorFactory(name=name) for name in extracted])

    @factory.post_generation
    def partners(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.partner_organisations.add(*[ActorFactory(name=name) for name in extracted])

    @factory.post_generation
    def countries(obj, create, extracted, **kwargs):
        if create and extracted:
            for code in extracted:
                InitiativeCountry.objects.create(initiative=obj, country=code)


class CandidatePairFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CandidatePair

    a = factory.SubFactory(LinkedInitiativeFactory)
    b = factory.SubFactory(LinkedInitiativeFactory)
    score = 0.9
    reasons = factory.LazyFunction(lambda: ["same_website", "shared_organisation"])


class PairDecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PairDecision

    a = factory.SubFactory(LinkedInitiativeFactory)
    b = factory.SubFactory(LinkedInitiativeFactory)
    decision = Decision.DISTINCT
