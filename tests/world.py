"""One small world with a user of each role and one object of each kind a URL needs.

Built with the factories (``tests/factories``) and the apps' own services; the ``world`` fixture
(``tests/conftest.py``) builds it once per test module. The role matrix
(``tests/core/test_role_matrix.py``) fills every URL's arguments from it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.tokens import default_token_generator
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from sustainai.accounts.models import User
from sustainai.accounts.tokens import create_token
from sustainai.atlas.models import EditProposal, Initiative
from sustainai.calls.models import Call, Choice, Expression, ProposalStatus, ProposedWorkstream
from sustainai.consultations.models import Consultation, QuestionKind
from sustainai.linkage.models import CandidatePair, PairDecision
from sustainai.members.models import Contact, MembershipApplication, Organisation
from sustainai.members.services import withdrawal_token
from sustainai.outbox.models import OutboxMail
from sustainai.outbox.services import draft_mail
from sustainai.reports import services as reports
from sustainai.reports.models import Report
from sustainai.toolkits.challenges import services as challenges
from sustainai.toolkits.challenges.models import Challenge, Team, TeamMember
from sustainai.toolkits.models.models import BenchmarkRun
from sustainai.toolkits.models.models import Entry as ModelEntry
from sustainai.toolkits.models.models import Status as EntryStatus
from sustainai.toolkits.pilots import services as pilots
from sustainai.toolkits.pilots.models import Collection as PilotCollection
from sustainai.toolkits.pilots.models import Pilot
from sustainai.toolkits.procurement import services as procurement
from sustainai.toolkits.procurement.models import Criterion, TenderPack
from sustainai.toolkits.standards.models import Edition, Proposal, Standard
from sustainai.toolkits.transparency import services as transparency
from sustainai.toolkits.transparency.models import AggregateTable, Submission
from sustainai.workstreams.models import Meeting, ParticipantRole, Workstream
from tests.factories.accounts import CoordinatorFactory, MemberUserFactory, UserFactory
from tests.factories.atlas import EditProposalFactory, InitiativeFactory, SubmittedInitiativeFactory
from tests.factories.calls import CallFactory, ExpressionFactory, ProposedWorkstreamFactory
from tests.factories.consultations import ConsultationFactory, QuestionFactory
from tests.factories.linkage import (
    CandidatePairFactory,
    LinkedInitiativeFactory,
    PairDecisionFactory,
)
from tests.factories.members import ApplicationFactory, ContactFactory, OrganisationFactory
from tests.factories.workstreams import MeetingFactory, ParticipantFactory, WorkstreamFactory

# The roles, in the order of the matrix's columns. ``lead`` is a user of a member organisation
# that leads a confirmed workstream; ``member`` one of another member organisation, which only
# joined that workstream through its expression of interest.
ROLES = ("anonymous", "member", "lead", "coordinator")

CONFIDENTIAL_FIGURE = {
    "metric": "electricity_kwh",
    "year": 2024,
    "value": "1250",
    "unit": "MWh",
    "region": "europe",
    "sector": "cloud",
    "model_class": "mixed",
    "method": "measured",
    "evidence": "self-declared",
    "scope": "Two data centres, all AI services, calendar year.",
}
INTENSITY = {
    "task": "text-generation",
    "year": 2024,
    "value": "42",
    "method": "measured",
    "scope": "One H100 server, batch 16, AI Energy Score's text-generation set.",
    "disclosure": "band",
}


@dataclass
class World:
    member_organisation: Organisation
    member: User
    lead_organisation: Organisation
    lead: User
    coordinator: User
    api_tokens: dict[str, str]  # role → bearer token
    # Atlas and duplicates
    initiative: Initiative  # published
    pending_initiative: Initiative  # submitted by ``member``, awaiting moderation
    edit_proposal: EditProposal
    candidate_pair: CandidatePair
    pair_decision: PairDecision
    # Consultations
    consultation: Consultation
    # Calls and workstreams
    open_call: Call
    open_workstream: ProposedWorkstream
    closed_call: Call  # closed and tallied
    proposed_workstream: ProposedWorkstream  # of the closed call, awaiting a decision
    confirmed_proposal: ProposedWorkstream  # of the closed call, opened ``confirmed_workstream``
    confirmed_workstream: Workstream  # led by ``lead_organisation``, joined by the member's
    unjoined_workstream: Workstream  # of no organisation of ours
    meeting: Meeting
    expression: Expression  # the member organisation's, in the closed call
    # Members and outbox
    contact: Contact  # of the member organisation
    lead_contact: Contact  # of the lead organisation
    application: MembershipApplication
    withdrawal_token: str
    outbox_mail: OutboxMail
    # uidb64 and token of a user who never signs in here: signing in would spoil the token
    password_reset: dict[str, str]
    # Standards roadmap: its workstream led by ``lead_organisation``; one standard, one edition
    standard: Standard
    edition: Edition
    standard_proposal: Proposal  # the member's, pending
    # Compressed-models library: its workstream led by ``lead_organisation``; a published entry
    # (no model file), the member's proposed entry, and a benchmark run of the published one
    model_entry: ModelEntry
    model_proposal: ModelEntry
    model_run: BenchmarkRun

    # Procurement toolkit: its workstream led by ``lead_organisation``; the member's pending
    # criterion, and the member's tender pack with one evaluation
    pending_criterion: Criterion
    tender_pack: TenderPack
    # AI pilots showcase: its workstream led by ``lead_organisation``
    pilot: Pilot  # published, with a KPI, a country and an evidence link
    pending_pilot: Pilot  # submitted by ``member``
    pilot_collection: PilotCollection
    # A challenge of the data-challenges workstream (led by ``lead_organisation``); the member
    # is in its team "Blue", which invited an address not yet accepted.
    challenge: Challenge
    team: Team
    team_invitation: str

    confidential_figure: Submission  # the member organisation's
    aggregate_table: AggregateTable  # published
    # Event reports: one frozen (in review), one published
    frozen_report: Report
    published_report: Report

    def user(self, role: str) -> User | None:
        return None if role == "anonymous" else getattr(self, role)


def build_world() -> World:
    now = timezone.now().replace(microsecond=0)
    member_organisation = OrganisationFactory(name="Member Org", slug="member-org")
    member = MemberUserFactory(email="member@example.org", organisation=member_organisation)
    lead_organisation = OrganisationFactory(name="Lead Org", slug="lead-org")
    lead = MemberUserFactory(email="lead@example.org", organisation=lead_organisation)
    coordinator = CoordinatorFactory(email="coordinator@example.org")
    api_tokens = {
        role: create_token(user, name="role matrix")[1]
        for role, user in (("member", member), ("lead", lead), ("coordinator", coordinator))
    }

    initiative = InitiativeFactory(name="Green Inference", slug="green-inference")
    pending_initiative = SubmittedInitiativeFactory(
        name="Pending Initiative", slug="pending-initiative", submitted_by=member
    )
    edit_proposal = EditProposalFactory(initiative=initiative, proposed_by=member)
    candidate_pair = CandidatePairFactory(
        a=LinkedInitiativeFactory(name="CodeCarbon"),
        b=LinkedInitiativeFactory(name="Code Carbon tracker"),
    )
    pair_decision = PairDecisionFactory(decided_by=coordinator)

    consultation = ConsultationFactory(slug="priorities")
    QuestionFactory(consultation=consultation, kind=QuestionKind.TEXT, text="What next?")

    open_call = CallFactory(slug="open-call")
    open_workstream = ProposedWorkstreamFactory(call=open_call, slug="measurement")
    closed_call = CallFactory(
        slug="closed-call",
        opens_at=now - datetime.timedelta(days=30),
        closes_at=now - datetime.timedelta(days=2),
        tallied_at=now - datetime.timedelta(days=1),
    )
    tallied = {"tallied_interest": 1, "proposed_confirmation": False}
    proposed_workstream = ProposedWorkstreamFactory(call=closed_call, slug="standards", **tallied)
    confirmed_workstream = WorkstreamFactory(slug="benchmarks")
    ParticipantFactory(
        workstream=confirmed_workstream, organisation=lead_organisation, role=ParticipantRole.LEAD
    )
    ParticipantFactory(workstream=confirmed_workstream, organisation=member_organisation)
    confirmed_proposal = ProposedWorkstreamFactory(
        call=closed_call,
        slug="benchmarks",
        status=ProposalStatus.CONFIRMED,
        decided_at=now - datetime.timedelta(hours=12),
        decided_by=coordinator,
        space=confirmed_workstream,
        **tallied,
    )
    unjoined_workstream = WorkstreamFactory(slug="water")
    meeting = MeetingFactory(workstream=confirmed_workstream)
    expression = ExpressionFactory(
        call=closed_call,
        organisation=member_organisation,
        created_at=now - datetime.timedelta(days=10),
        updated_at=now - datetime.timedelta(days=10),
        consent_at=now - datetime.timedelta(days=10),
    )
    Choice.objects.create(
        expression=expression, workstream=confirmed_proposal, role=ParticipantRole.CONTRIBUTOR
    )
    Choice.objects.create(
        expression=expression, workstream=proposed_workstream, role=ParticipantRole.LEAD
    )

    contact = ContactFactory(organisation=member_organisation, is_primary=True)
    ContactFactory(organisation=member_organisation)
    lead_contact = ContactFactory(organisation=lead_organisation, is_primary=True)
    application = ApplicationFactory()
    outbox_mail = draft_mail(
        to=["someone@example.org"], subject="Welcome", body="Hello.", category="members.welcome"
    )
    forgetful = UserFactory(email="forgetful@example.org")
    password_reset = {
        "uidb64": urlsafe_base64_encode(force_bytes(forgetful.pk)),
        "token": default_token_generator.make_token(forgetful),
    }

    confidential_figure = transparency.submit(member_organisation, member, CONFIDENTIAL_FIGURE)
    aggregate_table = AggregateTable(
        title="Electricity by region", metric="electricity_kwh", year=2024, by_first="region"
    )
    transparency.save_table(aggregate_table, coordinator)
    transparency.set_published(aggregate_table, True, coordinator)
    # The lead's user audits the member organisation's figures, at its request.
    transparency.grant_auditor(member_organisation, lead, member)
    roadmap = WorkstreamFactory(slug="standardization-roadmap")
    ParticipantFactory(
        workstream=roadmap, organisation=lead_organisation, role=ParticipantRole.LEAD
    )
    ParticipantFactory(workstream=roadmap, organisation=member_organisation)
    standard = Standard.objects.create(
        workstream=roadmap,
        body="ITU-T SG5",
        identifier="ITU-T L.1801",
        title="AI footprint",
        status="published",
        phases=["deployment"],
        dimensions=["energy"],
    )
    edition = Edition.objects.create(workstream=roadmap, name="2026", published=True)
    standard_proposal = Proposal.objects.create(
        workstream=roadmap, values={"identifier": "IEEE P7100"}, proposed_by=member
    )
    buying = WorkstreamFactory(slug="public-procurement-toolkit")
    ParticipantFactory(workstream=buying, organisation=lead_organisation, role=ParticipantRole.LEAD)
    ParticipantFactory(workstream=buying, organisation=member_organisation)
    procurement.load_library()
    pending_criterion = procurement.propose_criterion(
        member,
        {
            "code": "X-01",
            "title": "Idle power of on-premises servers",
            "wording": "The supplier states the idle power of the servers it installs.",
            "kind": "specification",
            "level": "comprehensive",
            "area": "hardware",
            "evidence": "Data sheets.",
            "metric": "Idle power",
            "unit": "W",
            "source_title": "UNEP U4E guidelines (2025)",
            "source_url": "https://united4efficiency.org/",
        },
    )
    tender_pack = procurement.build_pack(
        member,
        {
            "title": "Case-file summaries",
            "use_case": "Summarise incoming case files.",
            "functional_unit": "1,000 document summaries",
            "volume": 500,
            "level": "core",
            "environmental_weight": 0.2,
            "quality_weight": 0.3,
        },
    )
    procurement.save_evaluation(
        tender_pack,
        [
            {
                "name": "A",
                "price": 100,
                "energy_wh_per_unit": 2,
                "evidence": "verified",
                "scores": {"quality": 0.5},
            },
            {
                "name": "B",
                "price": 80,
                "energy_wh_per_unit": 4,
                "evidence": "measured",
                "scores": {"quality": 1},
            },
        ],
        member,
    )

    showcase = WorkstreamFactory(slug="ai-pilots-showcase")
    ParticipantFactory(
        workstream=showcase, organisation=lead_organisation, role=ParticipantRole.LEAD
    )
    pilot_values = {
        "title": "Grid forecasting",
        "summary": "Solar nowcasting.",
        "lead_organisation": lead_organisation,
        "problem": "Reserve plants.",
        "sector": "energy",
        "sdgs": [7],
        "domain": "climate_mitigation",
        "status": "pilot",
        "trl": 6,
        "measured_kgco2e": 10.0,
    }
    pilot_kpi = {
        "name": "Reserve avoided",
        "unit": "MW",
        "period_months": 12,
        "result": 5.0,
        "method": "measured",
        "avoided_kgco2e": 100.0,
    }
    pilot = pilots.submit(
        pilot_values,
        [pilot_kpi],
        member,
        countries=["FR"],
        evidence=[("Report", "https://example.org/report")],
    )
    pilots.moderate(pilot, True, lead)
    pilot.refresh_from_db()
    pending_pilot = pilots.submit(
        {**pilot_values, "title": "Pending pilot"}, [pilot_kpi], member, countries=["DE"]
    )
    pilot_collection = pilots.save_collection(
        PilotCollection(title="COP showcase", event="COP"), [pilot], lead
    )
    challenges_workstream = WorkstreamFactory(slug="data-challenges-hackathons")
    ParticipantFactory(
        workstream=challenges_workstream, organisation=lead_organisation, role=ParticipantRole.LEAD
    )
    challenge = challenges.create_challenge(
        workstream=challenges_workstream,
        slug="blobs",
        title="Blobs",
        x_train=[[0.0], [1.0]],
        y_train=[0, 1],
        x_test=[[0.5]],
        y_test=[1],
        summary="Two blobs.",
        rules="One file.",
        energy_budget_wh=1.0,
        min_score=0.5,
        dataset_name="Blobs",
        dataset_source="https://example.org/",
    )
    team = challenges.form_team(challenge, "Blue", member)
    team_invitation = TeamMember.objects.create(
        team=team, email="guest@example.org", token="invitation-token"
    ).token
    library = WorkstreamFactory(slug="compressed-models-library")
    ParticipantFactory(
        workstream=library, organisation=lead_organisation, role=ParticipantRole.LEAD
    )
    ParticipantFactory(workstream=library, organisation=member_organisation)
    model_fields = {
        "workstream": library,
        "method": "base",
        "licence": "BSD-3-Clause",
        "task": "image-classification",
        "dataset": "digits",
        "metric": "accuracy",
    }
    model_entry = ModelEntry.objects.create(
        slug="mlp-digits", name="MLP, digits", status=EntryStatus.PUBLISHED, **model_fields
    )
    model_proposal = ModelEntry.objects.create(
        slug="proposed-model", name="Proposed model", proposed_by=member, **model_fields
    )
    model_run = BenchmarkRun.objects.create(entry=model_entry, requested_by=lead)

    frozen_report = reports.freeze(
        reports.create_report(
            coordinator,
            event="Next COP",
            place="Belém",
            event_date=datetime.date(2025, 11, 10),
            languages=["en", "fr"],
            period_start=datetime.date(2024, 1, 1),
            as_of=timezone.localdate(),
            sections=[],
        )
    )
    published_report = reports.freeze(
        reports.create_report(
            coordinator,
            event="AI Action Summit",
            place="Paris",
            event_date=datetime.date(2025, 2, 10),
            languages=["en", "fr"],
            period_start=datetime.date(2024, 1, 1),
            as_of=timezone.localdate(),
            sections=["members"],
        )
    )
    reports.comment(frozen_report, "members", lead, "Add last year's members?")
    reports.approve(published_report, "members", coordinator)
    published_report = reports.publish(published_report)

    return World(
        challenge=challenge,
        team=team,
        team_invitation=team_invitation,
        member_organisation=member_organisation,
        member=member,
        lead_organisation=lead_organisation,
        lead=lead,
        coordinator=coordinator,
        api_tokens=api_tokens,
        initiative=initiative,
        pending_initiative=pending_initiative,
        edit_proposal=edit_proposal,
        candidate_pair=candidate_pair,
        pair_decision=pair_decision,
        consultation=consultation,
        open_call=open_call,
        open_workstream=open_workstream,
        closed_call=closed_call,
        proposed_workstream=proposed_workstream,
        confirmed_proposal=confirmed_proposal,
        confirmed_workstream=confirmed_workstream,
        unjoined_workstream=unjoined_workstream,
        meeting=meeting,
        expression=expression,
        contact=contact,
        lead_contact=lead_contact,
        application=application,
        withdrawal_token=withdrawal_token(contact),
        outbox_mail=outbox_mail,
        password_reset=password_reset,
        confidential_figure=confidential_figure,
        aggregate_table=aggregate_table,
        standard=standard,
        edition=edition,
        standard_proposal=standard_proposal,
        pending_criterion=pending_criterion,
        tender_pack=tender_pack,
        pilot=pilot,
        pending_pilot=pending_pilot,
        pilot_collection=pilot_collection,
        model_entry=model_entry,
        model_proposal=model_proposal,
        model_run=model_run,
        frozen_report=frozen_report,
        published_report=published_report,
    )
