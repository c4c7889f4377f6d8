"""The spaces of calls' workstreams move to the workstreams app (``workstreams`` 0002, ``calls``
0003): rows written in the old schema, migrated forward, read in the new one."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from sustainai.calls.models import Choice, ProposedWorkstream
from sustainai.workstreams.models import Workstream

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("calls", "0002_expression_language"), ("workstreams", None)]
UTC = datetime.UTC


def at(year: int, month: int, day: int, hour: int = 0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, tzinfo=UTC)


def migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()  # the applied migrations changed
    return executor


def latest(executor: MigrationExecutor) -> list[tuple[str, str]]:
    return executor.loader.graph.leaf_nodes()


@pytest.fixture
def old_apps():
    """The models as they were before the move; the database is left at the latest migrations."""
    executor = migrate(BEFORE)
    others = [node for node in latest(executor) if node[0] not in ("calls", "workstreams")]
    yield executor.loader.project_state([*others, BEFORE[0]]).apps
    migrate(latest(executor))


def build_old_state(old_apps) -> None:
    """Two calls. In the first, "energy" is active (leads Aurora and Delta; Aurora also chose it as
    contributor), "water" completed, "soil" not confirmed, "air" still proposed. In the second,
    "energy" is confirmed again (Cobalt, an observer in the first call, now contributes), and
    "heat" confirmed."""
    Organisation = old_apps.get_model("members", "Organisation")
    Call = old_apps.get_model("calls", "Call")
    Workstream = old_apps.get_model("calls", "Workstream")
    Expression = old_apps.get_model("calls", "Expression")
    Choice = old_apps.get_model("calls", "Choice")
    Meeting = old_apps.get_model("calls", "Meeting")
    Deliverable = old_apps.get_model("calls", "Deliverable")
    Event = old_apps.get_model("calls", "Event")

    aurora, borealis, cobalt, delta, elm = (
        Organisation.objects.create(name=name, slug=name.lower(), kind="company")
        for name in ("Aurora", "Borealis", "Cobalt", "Delta", "Elm")
    )
    first = Call.objects.create(
        slug="call-2024", title="2024", opens_at=at(2023, 11, 1), closes_at=at(2024, 1, 1)
    )
    second = Call.objects.create(
        slug="call-2025", title="2025", opens_at=at(2024, 11, 1), closes_at=at(2025, 1, 1)
    )

    def proposal(call, slug, status, position, decided_at=None):
        return Workstream.objects.create(
            call=call,
            slug=slug,
            title=f"{slug.title()} ({call.title})",
            context=f"Why {slug}.",
            implementation=f"How {slug}.",
            position=position,
            status=status,
            decided_at=decided_at,
        )

    energy = proposal(first, "energy", "active", 0, decided_at=at(2024, 1, 10))
    water = proposal(first, "water", "completed", 1, decided_at=at(2024, 1, 11))
    soil = proposal(first, "soil", "not_confirmed", 2, decided_at=at(2024, 1, 12))
    proposal(first, "air", "proposed", 3)
    energy_again = proposal(second, "energy", "confirmed", 0, decided_at=at(2025, 1, 10))
    proposal(second, "heat", "confirmed", 1, decided_at=at(2025, 1, 11))
    energy.leads.set([aurora, delta])
    water.leads.set([borealis])

    def expression(call, organisation, choices):
        made = Expression.objects.create(
            call=call,
            organisation=organisation,
            contact_name="Someone",
            contact_email=f"someone@{organisation.slug}.example.org",
            consent_at=call.opens_at,
            created_at=call.opens_at,
            updated_at=call.opens_at,
        )
        for workstream, role, motivation in choices:
            Choice.objects.create(
                expression=made, workstream=workstream, role=role, motivation=motivation
            )

    expression(first, aurora, [(energy, "contributor", "Aurora measures.")])
    expression(
        first,
        borealis,
        [(energy, "contributor", "Borealis computes."), (water, "contributor", "Cooling.")],
    )
    expression(first, cobalt, [(energy, "observer", "Cobalt listens."), (soil, "lead", "")])
    expression(second, cobalt, [(energy_again, "contributor", "Cobalt joins.")])
    expression(second, elm, [(energy_again, "contributor", "Elm too.")])
    expression(second, borealis, [(energy_again, "observer", "")])

    kick_off = Meeting.objects.create(
        workstream=energy,
        title="Kick-off",
        starts_at=at(2024, 2, 1, 9),
        ends_at=at(2024, 2, 1, 11),
        place="Paris",
        link="https://meet.example.org/energy",
        agenda="Scope.",
        minutes="Agreed.",
    )
    kick_off.attendees.set([aurora, borealis])
    again = Meeting.objects.create(
        workstream=energy_again,
        title="Second year",
        starts_at=at(2025, 2, 1, 9),
        ends_at=at(2025, 2, 1, 10),
    )
    again.attendees.set([elm])
    Deliverable.objects.create(
        workstream=energy,
        title="Measurement guide",
        description="How to measure.",
        due_on=datetime.date(2024, 6, 30),
        status="in_progress",
        url="https://example.org/guide",
    )
    Deliverable.objects.create(workstream=water, title="Cooling report", status="delivered")
    Event.objects.create(
        workstream=energy,
        name="AI Action Summit",
        kind="summit",
        starts_on=datetime.date(2025, 2, 10),
        ends_on=datetime.date(2025, 2, 11),
        location="Paris",
        url="https://example.org/summit",
        presentation="The guide.",
    )


def test_spaces_of_calls_become_workstreams(old_apps):
    build_old_state(old_apps)
    migrate(latest(MigrationExecutor(connection)))

    assert list(
        Workstream.objects.order_by("slug").values_list(
            "slug", "title", "context", "implementation", "status", "created_at"
        )
    ) == [
        ("energy", "Energy (2024)", "Why energy.", "How energy.", "active", at(2024, 1, 10)),
        ("heat", "Heat (2025)", "Why heat.", "How heat.", "confirmed", at(2025, 1, 11)),
        ("water", "Water (2024)", "Why water.", "How water.", "completed", at(2024, 1, 11)),
    ]
    energy, heat, water = Workstream.objects.order_by("slug")

    assert list(
        ProposedWorkstream.objects.order_by("call__slug", "position").values_list(
            "call__slug", "slug", "status", "space__slug"
        )
    ) == [
        ("call-2024", "energy", "confirmed", "energy"),
        ("call-2024", "water", "confirmed", "water"),
        ("call-2024", "soil", "not_confirmed", None),
        ("call-2024", "air", "proposed", None),
        ("call-2025", "energy", "confirmed", "energy"),
        ("call-2025", "heat", "confirmed", "heat"),
    ]
    # The expressions' choices stay with the renamed proposals.
    assert Choice.objects.count() == 8

    def participants(workstream):
        return list(
            workstream.participants.order_by("organisation__name").values_list(
                "organisation__name", "role", "motivation"
            )
        )

    assert participants(energy) == [
        ("Aurora", "lead", "Aurora measures."),  # a lead that also chose to contribute
        ("Borealis", "contributor", "Borealis computes."),  # observer later: keeps contributing
        ("Cobalt", "contributor", "Cobalt joins."),  # observer, then contributor
        ("Delta", "lead", ""),  # a lead with no expression
        ("Elm", "contributor", "Elm too."),
    ]
    assert participants(water) == [("Borealis", "lead", "Cooling.")]
    assert participants(heat) == []

    assert [
        (
            meeting.title,
            meeting.starts_at,
            meeting.ends_at,
            meeting.place,
            meeting.link,
            meeting.agenda,
            meeting.minutes,
            sorted(meeting.attendees.values_list("name", flat=True)),
        )
        for meeting in energy.meetings.order_by("starts_at")
    ] == [
        (
            "Kick-off",
            at(2024, 2, 1, 9),
            at(2024, 2, 1, 11),
            "Paris",
            "https://meet.example.org/energy",
            "Scope.",
            "Agreed.",
            ["Aurora", "Borealis"],
        ),
        ("Second year", at(2025, 2, 1, 9), at(2025, 2, 1, 10), "", "", "", "", ["Elm"]),
    ]
    assert list(
        energy.deliverables.values_list("title", "description", "due_on", "status", "url")
    ) == [
        (
            "Measurement guide",
            "How to measure.",
            datetime.date(2024, 6, 30),
            "in_progress",
            "https://example.org/guide",
        )
    ]
    assert list(water.deliverables.values_list("title", "status")) == [
        ("Cooling report", "delivered")
    ]
    assert list(
        energy.events.values_list(
            "name", "kind", "starts_on", "ends_on", "location", "url", "presentation"
        )
    ) == [
        (
            "AI Action Summit",
            "summit",
            datetime.date(2025, 2, 10),
            datetime.date(2025, 2, 11),
            "Paris",
            "https://example.org/summit",
            "The guide.",
        )
    ]
    assert not water.meetings.exists() and not heat.events.exists()

    tables = set(connection.introspection.table_names())
    assert {"calls_meeting", "calls_deliverable", "calls_event", "calls_workstream_leads"} & (
        tables
    ) == set()
    assert "calls_proposedworkstream" in tables


def test_rolling_back_the_calls_keeps_the_workstreams(old_apps):
    build_old_state(old_apps)
    migrate(latest(MigrationExecutor(connection)))
    migrate([("calls", "0002_expression_language")])
    assert sorted(Workstream.objects.values_list("slug", flat=True)) == ["energy", "heat", "water"]
    # The old tables are back, empty; the proposals keep their confirmation.
    OldMeeting = (
        MigrationExecutor(connection)
        .loader.project_state([("calls", "0002_expression_language")])
        .apps.get_model("calls", "Meeting")
    )
    assert OldMeeting.objects.count() == 0
