"""The calls' section of the coalition's event reports (``selectors.report_section``)."""

import datetime

import pytest
from django.utils import timezone, translation

from sustainai.calls.models import ProposalStatus
from sustainai.calls.selectors import report_section
from tests.factories.calls import CallFactory, ExpressionFactory, ProposedWorkstreamFactory
from tests.factories.members import OrganisationFactory

START, END = datetime.date(2025, 1, 1), datetime.date(2025, 3, 31)


def closing(year, month, day, hour=12, minute=0, **fields):
    closes_at = datetime.datetime(year, month, day, hour, minute, tzinfo=datetime.UTC)
    return CallFactory(
        opens_at=closes_at - datetime.timedelta(days=30), closes_at=closes_at, **fields
    )


def summary(section):
    return (
        str(section.title),
        [(figure.value, str(figure.label)) for figure in section.figures],
        list(section.items),
    )


@pytest.mark.django_db
def test_calls_closed_in_the_period_their_respondents_and_decisions():
    first = closing(2025, 1, 1, 0, 0, title="Winter call")
    last = closing(2025, 3, 31, 23, 59, title="Spring call")
    before = closing(2024, 12, 31, 23, 59, title="Earlier call")
    closing(2025, 4, 1, 0, 0, title="Later call")
    both, winter_only, spring_only = OrganisationFactory.create_batch(3)
    for call, organisations in ((first, [both, winter_only]), (last, [both, spring_only])):
        for organisation in organisations:
            ExpressionFactory(call=call, organisation=organisation)
    ExpressionFactory(call=before)
    for call, status in (
        (first, ProposalStatus.CONFIRMED),
        (first, ProposalStatus.NOT_CONFIRMED),
        (last, ProposalStatus.CONFIRMED),
        (last, ProposalStatus.CONFIRMED),
        (last, ProposalStatus.PROPOSED),
        (before, ProposalStatus.NOT_CONFIRMED),
    ):
        ProposedWorkstreamFactory(call=call, status=status)
    section = report_section(START, END)
    assert summary(section) == (
        "Calls for expressions of interest",
        [
            (2, "calls closed"),
            (3, "responding organisations"),
            (3, "workstreams confirmed"),
            (1, "workstreams not confirmed"),
        ],
        ["Winter call", "Spring call"],
    )
    assert section.order == 400
    (table,) = section.tables
    assert (table.key, [list(row) for row in table.rows]) == (
        "calls",
        [["Winter call", "2025-01-01"], ["Spring call", "2025-03-31"]],
    )


@pytest.mark.django_db
def test_a_call_still_open_at_the_end_of_the_period_has_not_closed():
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    CallFactory(closes_at=tomorrow)
    assert report_section(START, tomorrow.date()) is None


@pytest.mark.django_db
def test_no_call_closed_in_the_period_is_no_section():
    closing(2024, 6, 1)
    assert report_section(START, END) is None


@pytest.mark.django_db
def test_in_french():
    ProposedWorkstreamFactory(call=closing(2025, 2, 1, title="Winter call"))
    with translation.override("fr"):
        assert summary(report_section(START, END)) == (
            "Appels à manifestation d'intérêt",
            [
                (1, "appels clos"),
                (0, "organisations ayant répondu"),
                (0, "axes de travail confirmés"),
                (0, "axes de travail non confirmés"),
            ],
            ["Winter call"],
        )
