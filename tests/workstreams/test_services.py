import pytest

from sustainai.workstreams import services
from sustainai.workstreams.models import ParticipantRole, WorkstreamStatus
from tests.factories.members import OrganisationFactory
from tests.factories.workstreams import ParticipantFactory, WorkstreamFactory

pytestmark = pytest.mark.django_db


def test_advance_goes_confirmed_active_completed_then_stops():
    workstream = WorkstreamFactory()
    assert services.advance(workstream).status == WorkstreamStatus.ACTIVE
    assert services.advance(workstream).status == WorkstreamStatus.COMPLETED
    with pytest.raises(services.WorkstreamError, match="has no next status"):
        services.advance(workstream)


def test_open_workstream_creates_it_with_its_participants():
    lead, contributor = OrganisationFactory(name="Lead"), OrganisationFactory(name="Contrib")
    workstream = services.open_workstream(
        slug="roadmap",
        title="Roadmap",
        participants=[
            services.ParticipantInput(lead.pk, ParticipantRole.LEAD, "We lead."),
            services.ParticipantInput(contributor.pk, ParticipantRole.CONTRIBUTOR),
        ],
    )
    assert (workstream.slug, workstream.title, workstream.status) == (
        "roadmap",
        "Roadmap",
        "confirmed",
    )
    assert list(
        workstream.participants.order_by("organisation__name").values_list(
            "organisation__name", "role", "motivation"
        )
    ) == [("Contrib", "contributor", ""), ("Lead", "lead", "We lead.")]


def test_joining_again_keeps_the_higher_role():
    workstream = WorkstreamFactory(slug="roadmap")
    participant = ParticipantFactory(workstream=workstream, role=ParticipantRole.OBSERVER)
    services.open_workstream(
        slug="roadmap",
        title="Ignored: the workstream exists",
        participants=[services.ParticipantInput(participant.organisation_id, "lead")],
    )
    services.open_workstream(
        slug="roadmap",
        title="Ignored",
        participants=[services.ParticipantInput(participant.organisation_id, "observer")],
    )
    participant.refresh_from_db()
    workstream.refresh_from_db()
    assert participant.role == ParticipantRole.LEAD
    assert workstream.title != "Ignored"
