"""The Atlas's section of the coalition's event reports (``selectors.report_section``)."""

import datetime

import pytest
from django.utils import timezone, translation

from sustainai.atlas.models import InitiativeType, ModerationState
from sustainai.atlas.selectors import report_section
from tests.factories.atlas import InitiativeFactory

START, END = datetime.date(2025, 1, 1), datetime.date(2025, 3, 31)


def at(year, month, day, hour=12, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=datetime.UTC)


def summary(section):
    return (
        str(section.title),
        [(figure.value, str(figure.label)) for figure in section.figures],
        list(section.items),
    )


@pytest.mark.django_db
def test_initiatives_published_in_the_period_by_type_and_their_countries():
    # First and last minutes of the period, then outside it.
    InitiativeFactory(type=InitiativeType.TOOL, published_at=at(2025, 1, 1, 0, 0), countries=["FR"])
    InitiativeFactory(type=InitiativeType.TOOL, published_at=at(2025, 3, 31, 23, 59), countries=[])
    InitiativeFactory(
        type=InitiativeType.STANDARD, published_at=at(2025, 2, 1), countries=["FR", "DE"]
    )
    InitiativeFactory(type=InitiativeType.DATASET, published_at=at(2025, 2, 2), countries=["KE"])
    InitiativeFactory(type=InitiativeType.TOOL, published_at=at(2024, 12, 31, 23, 59))
    InitiativeFactory(type=InitiativeType.TOOL, published_at=at(2025, 4, 1, 0, 0))
    InitiativeFactory(type=InitiativeType.TOOL, published_at=None, countries=["IT"])
    # Published in the period, then merged into another: no longer in the Atlas.
    InitiativeFactory(
        type=InitiativeType.POLICY,
        published_at=at(2025, 2, 3),
        state=ModerationState.MERGED,
        countries=["ES"],
    )
    section = report_section(START, END)
    assert summary(section) == (
        "Atlas of initiatives",
        [(4, "initiatives published"), (3, "countries named")],
        ["Tool: 2", "Dataset: 1", "Standard: 1"],
    )
    assert section.order == 100


@pytest.mark.django_db
def test_the_period_is_read_in_the_current_time_zone():
    InitiativeFactory(published_at=at(2024, 12, 31, 23, 30))
    with timezone.override("Europe/Paris"):
        assert summary(report_section(START, END))[1] == [
            (1, "initiatives published"),
            (0, "countries named"),
        ]
    assert report_section(START, END) is None


@pytest.mark.django_db
def test_nothing_published_in_the_period_is_no_section():
    InitiativeFactory(published_at=at(2024, 6, 1))
    assert report_section(START, END) is None


@pytest.mark.django_db
def test_in_french():
    InitiativeFactory(type=InitiativeType.TOOL, published_at=at(2025, 2, 1), countries=["FR"])
    with translation.override("fr"):
        assert summary(report_section(START, END)) == (
            "Atlas des initiatives",
            [(1, "initiatives publiées"), (1, "pays cités")],
            ["Outil : 1"],
        )
