"""A person present in every table that may hold them: the fixtures ``person`` (applied for
their organisation and answered a consultation) and ``person_everywhere`` (in every field a
personal-data source covers, and in the places that erasure must clean beyond them: history change
reasons, a contact that names them among other words, mails to others, their sessions, the admin
log). Registered for the whole suite by ``tests/conftest.py``.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from sustainai.accounts.tokens import create_token
from sustainai.atlas.models import Initiative
from sustainai.atlas.services import accept_proposal
from sustainai.consultations.models import Answer
from sustainai.members.models import Contact, Organisation
from sustainai.members.services import ApplicationData, apply_for_membership
from sustainai.outbox.services import draft_mail
from sustainai.reports.models import Report, SectionApproval, SectionComment
from sustainai.toolkits.challenges import services as challenges
from sustainai.toolkits.challenges.models import Submission as ChallengeSubmission
from sustainai.toolkits.challenges.models import TeamMember
from sustainai.toolkits.foresight.models import SavedScenario
from sustainai.toolkits.models.models import BenchmarkRun
from sustainai.toolkits.pilots.models import Collection as PilotCollection
from sustainai.toolkits.pilots.models import Pilot
from sustainai.toolkits.pilots.models import Revision as PilotRevision
from sustainai.toolkits.procurement.models import Criterion, Evaluation, TenderPack
from sustainai.toolkits.standards.models import Proposal
from sustainai.toolkits.transparency import services as transparency
from sustainai.toolkits.transparency.models import AggregateTable
from tests.factories.accounts import CoordinatorFactory
from tests.factories.atlas import EditProposalFactory, SubmittedInitiativeFactory
from tests.factories.calls import ExpressionFactory
from tests.factories.consultations import ConsultationFactory
from tests.factories.members import OrganisationFactory
from tests.factories.model_library import EntryFactory
from tests.factories.workstreams import WorkstreamFactory
from tests.world import CONFIDENTIAL_FIGURE, INTENSITY

EMAIL = "rita@helios.example.org"
# The person's address, full name, first and last names, as whole words.
PERSON = re.compile(r"(?<!\w)(rita@helios\.example\.org|rita sousa|rita|sousa)(?!\w)", re.I)


@pytest.fixture
def person(db):
    """Someone who applied for their organisation and answered a consultation for it."""
    application = apply_for_membership(
        ApplicationData(
            name="Helios Compute",
            kind="startup",
            country="PT",
            website="",
            description="Green scheduling.",
            public_profile=True,
            motivation="Procurement.",
            contact_name="Rita Sousa",
            contact_email=EMAIL,
            contact_position="CEO",
        )
    )
    user = application.applicant
    organisation = application.organisation
    consultation = ConsultationFactory(title="Priorities 2025")
    Answer.objects.create(
        consultation=consultation,
        organisation=organisation,
        contact_name="Rita Sousa",
        contact_email=EMAIL,
        created_by=user,
        updated_by=user,
    )
    return user


@pytest.fixture
def person_everywhere(person, client):
    """The person in every field a source covers (``PERSONAL_FIELDS``), and others beside."""
    person.first_name, person.last_name = "Rita", "Sousa"
    person.save(update_fields=["first_name", "last_name"])
    SubmittedInitiativeFactory(submitted_by=person, contact=EMAIL)
    EditProposalFactory(
        proposed_by=person,
        changes={"contact": EMAIL},
        original={"contact": "Rita Sousa"},
        comment="Rita Sousa runs it.",
    )
    draft_mail(
        to=[EMAIL],
        subject="Your application, Rita Sousa",
        body="Dear Rita Sousa,",
        category="members.welcome",
    )
    draft_mail(
        to=["team@helios.example.org"],
        reply_to=[EMAIL],
        subject="Rita Sousa added you",
        body=f"Rita Sousa ({EMAIL}) added you as a contact.",
        category="members.contact_added",
    )
    ExpressionFactory(
        organisation=person.organisation,
        submitted_by=person,
        contact_name="Rita Sousa",
        contact_email=EMAIL,
    )
    create_token(person, name="Rita's laptop")
    # Confidential figures: one they reported, one of another organisation they read as an
    # appointed reader, a reader they appointed, and a table they defined.
    transparency.submit(person.organisation, person, CONFIDENTIAL_FIGURE)
    other = transparency.submit(OrganisationFactory(), None, CONFIDENTIAL_FIGURE)
    transparency.grant_reader(person, None)
    transparency.grant_reader(CoordinatorFactory(email="reader@example.org"), person)
    transparency.read_value(other, person)
    transparency.report_intensity(person.organisation, person, INTENSITY)
    transparency.grant_auditor(other.organisation, person, None)
    transparency.grant_auditor(
        person.organisation, CoordinatorFactory(email="v@example.org"), person
    )
    transparency.attest(
        other.organisation,
        person,
        {
            "metric": "electricity_kwh",
            "year": 2024,
            "standard": "iso-14064-3",
            "verifier": "Verifier Ltd",
            "statement": "Reasonable assurance on the 2024 electricity figure.",
        },
    )
    transparency.save_table(
        AggregateTable(title="By region", metric="electricity_kwh", year=2024, by_first="region"),
        person,
    )
    SavedScenario.objects.create(
        workstream=WorkstreamFactory(), title="Agents", query="preset=iea-base", saved_by=person
    )
    Proposal.objects.create(
        workstream=WorkstreamFactory(slug="standardization-roadmap"),
        values={"identifier": "IEEE P7100"},
        comment="Rita Sousa saw it at the plenary.",
        proposed_by=person,
        decided_by=person,
        reason="Checked by Rita Sousa.",
    )
    procurement = WorkstreamFactory(slug="public-procurement-toolkit")
    Criterion.objects.create(
        workstream=procurement,
        code="T-01",
        title="Test",
        wording="Words.",
        kind="award",
        level="core",
        area="model",
        evidence="A report.",
        source_title="A source",
        source_url="https://example.org/",
        proposed_by=person,
        decided_by=person,
    )
    pack = TenderPack.objects.create(
        workstream=procurement,
        title="Summaries",
        use_case="Summarise case files.",
        functional_unit="1,000 summaries",
        volume=10,
        level="core",
        environmental_weight=0.2,
        quality_weight=0.3,
        created_by=person,
    )
    Evaluation.objects.create(pack=pack, bids=[], result={}, evaluated_by=person)
    pilots = WorkstreamFactory(slug="ai-pilots-showcase")
    helios_pilot = Pilot.objects.create(
        workstream=pilots,
        slug="helios-pilot",
        title="Helios scheduling",
        summary="Green scheduling.",
        problem="Idle servers.",
        sector="digital",
        domain="climate_mitigation",
        status="pilot",
        trl=5,
        submitted_by=person,
        moderated_by=person,
        moderation_note="Sources checked by Rita Sousa.",
    )
    PilotCollection.objects.create(
        workstream=pilots, slug="cop-collection", title="COP", event="COP", created_by=person
    )
    PilotRevision.objects.create(
        pilot=helios_pilot,
        edited_by=person,
        edited_at=timezone.now(),
        state_before="published",
        changes=[{"field": "trl", "before": 4, "after": 5}],
    )

    # A challenge team they formed, an invitation to their address, a submission of theirs.
    challenge = challenges.create_challenge(
        workstream=WorkstreamFactory(),
        slug="erasure-challenge",
        title="Blobs",
        x_train=[[0.0], [1.0]],
        y_train=[0, 1],
        x_test=[[0.5]],
        y_test=[1],
        summary="",
        rules="",
        energy_budget_wh=1.0,
        min_score=0.5,
        dataset_name="Blobs",
        dataset_source="https://example.org/",
    )
    team = challenges.form_team(challenge, "Helios", person)
    TeamMember.objects.create(team=challenges.form_team(challenge, "Other"), email=EMAIL, token="t")
    ChallengeSubmission.objects.create(
        challenge=challenge, team=team, submitted_by=person, filename="p.py", source="x = 1"
    )
    model_entry = EntryFactory(proposed_by=person, decided_by=person)
    BenchmarkRun.objects.create(entry=model_entry, requested_by=person)
    report = Report.objects.create(
        slug="ai-action-summit-2025",
        event="AI Action Summit",
        place="Paris",
        event_date="2025-02-10",
        languages=["en"],
        period_start="2024-01-01",
        as_of="2025-02-01",
        created_by=person,
    )
    SectionApproval.objects.create(report=report, key="atlas", approved_by=person)
    SectionComment.objects.create(report=report, key="atlas", author=person, text="Add the map.")

    # Beyond the covered fields. Histories: an accepted proposal of theirs, and change reasons
    # written before reasons named people by account number.
    coordinator = CoordinatorFactory(email="coordinator@example.org")
    accepted = EditProposalFactory(proposed_by=person)
    accept_proposal(accepted, by=coordinator)
    Initiative.history.filter(pk=accepted.initiative.history.latest().pk).update(
        history_change_reason=f"Edit #{accepted.pk} proposed by {EMAIL}, accepted by coordinator"
    )
    Organisation.history.filter(id=person.organisation_id).update(
        history_change_reason=f"Profile edited by {EMAIL}: name"
    )
    # A contact that names them among other words, in the initiative and its history.
    SubmittedInitiativeFactory(contact="Rita Sousa (CEO, Helios)")
    # A mail to others that names them by their first and last names.
    draft_mail(
        to=["board@example.org"],
        subject="New member: Helios Compute",
        body="Sousa Rita applied; write to Rita Sousa.",
        category="members.application",
    )
    # Their signed-in session, and the admin log of a coordinator's changes to their records.
    client.force_login(person)
    for record in (person, Contact.objects.get(email=EMAIL)):
        LogEntry.objects.create(
            user=coordinator,
            content_type=ContentType.objects.get_for_model(record),
            object_id=str(record.pk),
            object_repr=str(record)[:200],
            action_flag=CHANGE,
            change_message=f"Changed the e-mail address to {EMAIL} for Rita Sousa.",
        )
    return person
