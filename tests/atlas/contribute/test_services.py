import pytest
from django.core import mail

from sustainai.atlas import services
from sustainai.atlas.models import (
    Actor,
    EditProposal,
    Initiative,
    ModerationState,
    ProposalState,
)
from sustainai.outbox.models import MailState, OutboxMail
from tests.factories.atlas import (
    ActorFactory,
    EditProposalFactory,
    InitiativeFactory,
    SubmittedInitiativeFactory,
)

pytestmark = pytest.mark.django_db

VALUES = {
    "name": "Frugal Models Observatory",
    "aliases": ["FMO", "Observatoire des modèles frugaux"],
    "summary": "Tracks the energy of open models.",
    "description": "A yearly survey.",
    "type": "observatory",
    "topics": ["energy", "frugal-ai"],
    "lead_organisations": ["Inria", "CNRS"],
    "partner_organisations": ["Hugging Face"],
    "countries": ["FR", "DE"],
    "scope": "international",
    "regions": ["EU"],
    "start_year": 2024,
    "status": "active",
    "website": "https://fmo.example.org",
    "contact": "fmo@example.org",
}


def test_submit_initiative_stores_every_value_and_one_history_record(member_user):
    initiative = services.submit_initiative(submitted_by=member_user, **VALUES)
    initiative.refresh_from_db()
    assert initiative.state == ModerationState.SUBMITTED
    assert initiative.slug == "frugal-models-observatory"
    assert services.initiative_values(initiative) == {
        **VALUES,
        "countries": ["DE", "FR"],
        "lead_organisations": ["CNRS", "Inria"],
    }
    history = list(initiative.history.all())
    assert [(h.history_type, h.history_change_reason) for h in history] == [("+", "Submitted")]
    # The one record holds the relations too.
    assert sorted(row.actor.name for row in history[0].lead_organisations.all()) == [
        "CNRS",
        "Inria",
    ]


def test_submit_initiative_reuses_actors_by_normalised_name(member_user):
    existing = ActorFactory(name="Inria", normalized_name="inria")
    initiative = services.submit_initiative(
        submitted_by=member_user, name="X", lead_organisations=["INRIA ", "Inría"]
    )
    assert list(initiative.lead_organisations.all()) == [existing]
    assert Actor.objects.count() == 1


def test_submit_initiative_keeps_the_old_signature(member_user):
    initiative = services.submit_initiative(
        submitted_by=member_user, name="  Plain  ", summary="S", website="https://a.example.org"
    )
    assert (initiative.name, initiative.type, initiative.state) == ("Plain", "other", "submitted")


def test_publish_sets_published_at_records_history_and_tells_the_submitter(
    coordinator, django_capture_on_commit_callbacks
):
    initiative = SubmittedInitiativeFactory(name="Green Models")
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_initiative(initiative, by=coordinator, note="Welcome!")
    initiative.refresh_from_db()
    assert initiative.state == ModerationState.PUBLISHED
    assert initiative.published_at is not None
    # Named by account number, never by address (erasure would have to find it there).
    assert (
        initiative.history.first().history_change_reason == f"Published by user #{coordinator.pk}"
    )
    assert initiative.history.first().history_user == coordinator
    sent = OutboxMail.objects.get()
    assert sent.to == [initiative.submitted_by.email]
    assert sent.category == "atlas.moderation"
    assert sent.tags == {"initiative": initiative.pk, "decision": "published"}
    assert sent.state == MailState.SENT
    assert mail.outbox[0].subject == "Your initiative “Green Models” is published in the Atlas"
    assert "Welcome!" in mail.outbox[0].body
    assert f"http://127.0.0.1:8000/atlas/i/{initiative.slug}/" in mail.outbox[0].body


def test_request_changes_requires_a_note_and_sends_the_entry_back(coordinator):
    initiative = SubmittedInitiativeFactory()
    with pytest.raises(services.ModerationError):
        services.request_changes(initiative, by=coordinator, note="  ")
    services.request_changes(initiative, by=coordinator, note="Add the website.")
    initiative.refresh_from_db()
    assert initiative.state == ModerationState.CHANGES_REQUESTED
    assert initiative.moderation_note == "Add the website."
    body = OutboxMail.objects.get().body
    assert "Add the website." in body
    assert f"/atlas/mine/{initiative.pk}/edit/" in body


def test_resubmission_goes_back_to_the_queue(coordinator):
    initiative = SubmittedInitiativeFactory(name="Draft")
    services.request_changes(initiative, by=coordinator, note="Add the website.")
    values = services.initiative_values(initiative) | {"website": "https://draft.example.org"}
    services.resubmit_initiative(initiative, by=initiative.submitted_by, values=values)
    initiative.refresh_from_db()
    assert (initiative.state, initiative.website) == ("submitted", "https://draft.example.org")
    assert initiative.history.first().history_change_reason == "Resubmitted"


def test_reject_requires_a_reason_and_tells_the_submitter(coordinator):
    initiative = SubmittedInitiativeFactory(name="Off topic")
    with pytest.raises(services.ModerationError):
        services.reject_initiative(initiative, by=coordinator, reason="")
    assert OutboxMail.objects.count() == 0
    services.reject_initiative(initiative, by=coordinator, reason="Not about AI.")
    initiative.refresh_from_db()
    assert (initiative.state, initiative.moderation_note) == ("rejected", "Not about AI.")
    sent = OutboxMail.objects.get()
    assert sent.subject == "Your initiative “Off topic” was not accepted in the Atlas"
    assert "Not about AI." in sent.body


def test_a_decided_entry_cannot_be_decided_again(coordinator):
    initiative = SubmittedInitiativeFactory()
    services.reject_initiative(initiative, by=coordinator, reason="No.")
    with pytest.raises(services.ModerationError):
        services.publish_initiative(initiative, by=coordinator)
    initiative.refresh_from_db()
    assert initiative.state == ModerationState.REJECTED
    assert initiative.published_at is None


def test_propose_edit_keeps_only_the_changed_fields(member_user):
    initiative = InitiativeFactory(name="Old name", countries=["FR"], website="https://o.org")
    values = services.initiative_values(initiative) | {
        "name": "New name",
        "countries": ["FR", "BE"],
    }
    proposal = services.propose_edit(initiative, by=member_user, values=values, comment="Renamed")
    assert proposal.changes == {"name": "New name", "countries": ["FR", "BE"]}
    assert proposal.original == {"name": "Old name", "countries": ["FR"]}
    assert proposal.state == ProposalState.PENDING


def test_propose_edit_without_change_is_refused(member_user):
    initiative = InitiativeFactory()
    with pytest.raises(services.NothingChanged):
        services.propose_edit(
            initiative, by=member_user, values=services.initiative_values(initiative)
        )
    assert EditProposal.objects.count() == 0


def test_propose_edit_of_an_unpublished_entry_is_refused(member_user):
    initiative = SubmittedInitiativeFactory()
    with pytest.raises(services.ModerationError):
        services.propose_edit(initiative, by=member_user, values={"name": "Other"})


def test_accepted_proposal_is_applied_with_the_reason_in_the_history(coordinator):
    initiative = InitiativeFactory(name="Old name")
    proposal = EditProposalFactory(
        initiative=initiative,
        changes={"name": "New name", "lead_organisations": ["Mila"], "topics": ["water"]},
        original={"name": "Old name", "lead_organisations": [], "topics": []},
    )
    services.accept_proposal(proposal, by=coordinator)
    initiative.refresh_from_db()
    proposal.refresh_from_db()
    assert initiative.name == "New name"
    assert [a.name for a in initiative.lead_organisations.all()] == ["Mila"]
    assert [t.slug for t in initiative.topics.all()] == ["water"]
    assert (proposal.state, proposal.decided_by) == (ProposalState.ACCEPTED, coordinator)
    last = initiative.history.first()
    assert last.history_change_reason == (
        f"Edit #{proposal.pk} proposed by user #{proposal.proposed_by_id}, accepted by "
        f"user #{coordinator.pk}"
    )
    assert last.name == "New name"
    assert initiative.history.count() == 2  # its creation, then one record for the whole edit
    sent = OutboxMail.objects.get()
    assert sent.to == [proposal.proposed_by.email]
    assert sent.subject == "Your proposed edit of “New name” was accepted"


def test_rejected_proposal_changes_nothing_and_tells_why(coordinator):
    proposal = EditProposalFactory()
    with pytest.raises(services.ModerationError):
        services.reject_proposal(proposal, by=coordinator, reason=" ")
    services.reject_proposal(proposal, by=coordinator, reason="The old name is right.")
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.REJECTED
    assert Initiative.objects.get().name == proposal.original["name"]
    assert "The old name is right." in OutboxMail.objects.get().body
    with pytest.raises(services.ModerationError):
        services.accept_proposal(proposal, by=coordinator)
