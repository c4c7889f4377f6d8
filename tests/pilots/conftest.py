import pytest

from sustainai.toolkits.pilots.rules import WORKSTREAM_SLUG
from sustainai.workstreams.models import ParticipantRole
from tests.factories.accounts import MemberUserFactory
from tests.factories.members import OrganisationFactory
from tests.factories.workstreams import ParticipantFactory, WorkstreamFactory


@pytest.fixture
def showcase(db):
    return WorkstreamFactory(slug=WORKSTREAM_SLUG, title="AI Pilots Showcase")


@pytest.fixture
def lead_user(showcase):
    organisation = OrganisationFactory(name="Leading Org", slug="leading-org")
    ParticipantFactory(workstream=showcase, organisation=organisation, role=ParticipantRole.LEAD)
    return MemberUserFactory(email="pilot-lead@example.org", organisation=organisation)
