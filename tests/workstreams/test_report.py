"""The workstreams' section of the coalition's event reports (``selectors.report_section``)."""

import datetime

import pytest
from django.utils import timezone, translation

from sustainai.workstreams.models import DeliverableStatus, EventKind
from sustainai.workstreams.selectors import report_section
from tests.factories.workstreams import MeetingFactory, WorkstreamFactory

START, END = datetime.date(2025, 1, 1), datetime.date(2025, 3, 31)


def at(year, month, day, hour=12, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=datetime.UTC)


def meeting(workstream, starts_at):
    return MeetingFactory(
        workstream=workstream, starts_at=starts_at, ends_at=starts_at + datetime.timedelta(hours=1)
    )


def deliverable(workstream, due_on, status=DeliverableStatus.DELIVERED):
    return workstream.deliverables.create(title="Guide", due_on=due_on, status=status)


def event(workstream, name, starts_on, ends_on=None):
    return workstream.events.create(
        name=name, kind=EventKind.CONFERENCE, starts_on=starts_on, ends_on=ends_on
    )


def summary(section):
    return (
        str(section.title),
        [(figure.value, str(figure.label)) for figure in section.figures],
        list(section.items),
    )


@pytest.mark.django_db
def test_meetings_deliverables_and_events_of_the_period():
    measuring, procuring, training, idle = WorkstreamFactory.create_batch(4)
    # Meetings: the first and last minutes of the period count; before, after, and not yet held
    # do not.
    meeting(measuring, at(2025, 1, 1, 0, 0))
    meeting(measuring, at(2025, 3, 31, 23, 0))
    meeting(idle, at(2024, 12, 31, 22, 0))
    meeting(idle, at(2025, 4, 1, 0, 0))
    # Deliverables delivered and due in the period; one due then but not delivered, one
    # delivered but due later, one with no date.
    deliverable(procuring, datetime.date(2025, 1, 1))
    deliverable(procuring, datetime.date(2025, 3, 31))
    deliverable(idle, datetime.date(2025, 2, 1), status=DeliverableStatus.IN_PROGRESS)
    deliverable(idle, datetime.date(2025, 4, 1))
    deliverable(idle, None)
    # Events overlapping the period, named once each, in date order.
    event(training, "COP29", datetime.date(2024, 12, 20), datetime.date(2025, 1, 1))
    event(training, "AI Action Summit", datetime.date(2025, 2, 10), datetime.date(2025, 2, 11))
    event(measuring, "AI Action Summit", datetime.date(2025, 2, 10), datetime.date(2025, 2, 11))
    event(training, "Green AI Day", datetime.date(2025, 3, 31))
    event(idle, "Autumn forum", datetime.date(2024, 10, 1), datetime.date(2024, 12, 31))
    event(idle, "Spring forum", datetime.date(2025, 4, 1))
    section = report_section(START, END)
    assert summary(section) == (
        "Workstreams",
        [
            (3, "workstreams active"),
            (2, "meetings held"),
            (2, "deliverables delivered"),
            (3, "events where results are presented"),
        ],
        ["COP29", "AI Action Summit", "Green AI Day"],
    )
    assert section.order == 450


@pytest.mark.django_db
def test_a_meeting_not_yet_held_does_not_count():
    soon = timezone.now() + datetime.timedelta(hours=1)
    meeting(WorkstreamFactory(), soon)
    assert report_section(START, soon.date()) is None


@pytest.mark.django_db
def test_nothing_in_the_period_is_no_section():
    workstream = WorkstreamFactory()
    meeting(workstream, at(2024, 6, 1))
    deliverable(workstream, datetime.date(2024, 6, 1))
    assert report_section(START, END) is None


@pytest.mark.django_db
def test_in_french():
    event(WorkstreamFactory(), "COP30", datetime.date(2025, 3, 1))
    with translation.override("fr"):
        assert summary(report_section(START, END)) == (
            "Axes de travail",
            [
                (1, "axes de travail actifs"),
                (0, "réunions tenues"),
                (0, "livrables remis"),
                (1, "événements où les résultats sont présentés"),
            ],
            ["COP30"],
        )
