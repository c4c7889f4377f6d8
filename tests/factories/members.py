import datetime

import factory

from sustainai.members import consent
from sustainai.members.models import (
    Contact,
    MembershipApplication,
    MembershipStatus,
    Organisation,
    OrganisationKind,
)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    kind = OrganisationKind.COMPANY
    country = "FR"
    status = MembershipStatus.APPROVED
    joined_on = datetime.date(2025, 3, 1)
    public_profile = True


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    organisation = factory.SubFactory(OrganisationFactory)
    full_name = factory.Sequence(lambda n: f"Contact Person {n}")
    email = factory.Sequence(lambda n: f"contact{n}@example.org")
    position = "Sustainability lead"
    consent_purpose = consent.MEMBERSHIP_CONTACT
    consent_text_version = consent.MEMBERSHIP_CONTACT_VERSION
    consent_text = factory.LazyFunction(lambda: str(consent.MEMBERSHIP_CONTACT_TEXT))
    consent_given_at = factory.LazyFunction(
        lambda: datetime.datetime(2025, 3, 1, 9, 0, tzinfo=datetime.UTC)
    )


class PendingOrganisationFactory(OrganisationFactory):
    status = MembershipStatus.APPLIED
    joined_on = None


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A pending application, with the organisation's primary contact."""

    class Meta:
        model = MembershipApplication
        skip_postgeneration_save = True

    organisation = factory.SubFactory(PendingOrganisationFactory)
    motivation = "We measure the footprint of our models."

    @factory.post_generation
    def contact(obj, create, extracted, **kwargs):
        if create:
            ContactFactory(organisation=obj.organisation, is_primary=True, **kwargs)
