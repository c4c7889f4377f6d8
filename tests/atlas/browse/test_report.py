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
        [
            (4, "initiatives published"),
            (3, "countries named"),
            (5, "initiatives in the Atlas"),
            (3, "countries on the map"),
        ],
        ["Tool: 2", "Dataset: 1", "Standard: 1"],
    )
    assert section.order == 100
    # The Atlas as it stood at the end: published by then (the one of 2024 too), still published.
    tables = {table.key: [list(row) for row in table.rows] for table in section.tables}
    assert tables["by-type"] == [["Tool", 3], ["Dataset", 1], ["Standard", 1]]
    assert tables["by-year"] == [[2023, 5]]
    assert tables["by-country"] == [["FR", "France", 2], ["DE", "Germany", 1], ["KE", "Kenya", 1]]
    assert [row[1:] for row in tables["new"]] == [
        ["Tool", "2025-01-01"],
        ["Standard", "2025-02-01"],
        ["Dataset", "2025-02-02"],
        ["Tool", "2025-03-31"],
    ]
    charts = {chart.key: chart for chart in section.charts}
    assert str(charts["map"].alt) == (
        "A world map of 3 countries shaded by their initiatives; most: France (2), Germany (1), "
        "Kenya (1)."
    )
    assert charts["map"].svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert "<title>France: 2</title>" in charts["map"].svg
    assert str(charts["types"].alt) == "Tool: 3; Dataset: 1; Standard: 1"


@pytest.mark.django_db
def test_regions_count_international_scope_and_each_region_named_once():
    InitiativeFactory(published_at=at(2025, 2, 1), scope="international", regions=["EU", "EU"])
    InitiativeFactory(published_at=at(2025, 2, 1), regions=["EU", "AFRICA"], start_year=None)
    section = report_section(START, END)
    tables = {table.key: [list(row) for row in table.rows] for table in section.tables}
    assert tables["by-region"] == [["European Union", 2], ["Africa", 1], ["International", 1]]
    assert tables["by-year"] == [[2023, 1], ["not given", 1]]


@pytest.mark.django_db
def test_the_period_is_read_in_the_current_time_zone():
    InitiativeFactory(published_at=at(2024, 12, 31, 23, 30))
    with timezone.override("Europe/Paris"):
        assert summary(report_section(START, END))[1][0] == (1, "initiatives published")
    assert summary(report_section(START, END))[1][0] == (0, "initiatives published")


@pytest.mark.django_db
def test_nothing_published_by_the_end_is_no_section():
    InitiativeFactory(published_at=at(2025, 4, 1))
    assert report_section(START, END) is None
    InitiativeFactory(published_at=at(2024, 6, 1))
    section = report_section(START, END)
    assert summary(section)[1] == [
        (0, "initiatives published"),
        (0, "countries named"),
        (1, "initiatives in the Atlas"),
        (0, "countries on the map"),
    ]
    assert {table.key: list(table.rows) for table in section.tables}["new"] == []


@pytest.mark.django_db
def test_in_french():
    InitiativeFactory(type=InitiativeType.TOOL, published_at=at(2025, 2, 1), countries=["FR"])
    with translation.override("fr"):
        assert summary(report_section(START, END)) == (
            "Atlas des initiatives",
            [
                (1, "initiatives publiées"),
                (1, "pays cités"),
                (1, "initiatives dans l’Atlas"),
                (1, "pays sur la carte"),
            ],
            ["Outil : 1"],
        )
