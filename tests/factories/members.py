import datetime

import factory

from sustainai.members.models import MembershipStatus, Organisation, OrganisationKind


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
