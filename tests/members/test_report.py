"""The members' section of the coalition's event reports (``selectors.report_section``)."""

import datetime

import pytest

from sustainai.members.models import MembershipStatus
from sustainai.members.selectors import report_section
from tests.factories.members import OrganisationFactory

START, END = datetime.date(2025, 1, 1), datetime.date(2025, 6, 30)


@pytest.mark.django_db
def test_members_by_kind_country_and_year_as_of_the_end():
    OrganisationFactory(kind="research", country="DE", joined_on=datetime.date(2024, 3, 1))
    OrganisationFactory(kind="company", country="FR", joined_on=datetime.date(2025, 1, 1))
    OrganisationFactory(kind="company", country="FR", joined_on=datetime.date(2025, 6, 30))
    OrganisationFactory(kind="ngo", country="", joined_on=datetime.date(2025, 2, 1))
    # Joined after the end, still applying, rejected: not counted.
    OrganisationFactory(kind="ngo", joined_on=datetime.date(2025, 7, 1))
    OrganisationFactory(status=MembershipStatus.APPLIED, joined_on=None)
    OrganisationFactory(status=MembershipStatus.REJECTED, joined_on=datetime.date(2025, 2, 1))
    section = report_section(START, END)
    assert str(section.title) == "Members"
    assert [(f.key, f.value, str(f.label)) for f in section.figures] == [
        ("total", 4, "member organisations"),
        ("new", 3, "organisations joined in the period"),
        ("countries", 2, "countries"),
    ]
    assert list(section.items) == ["Company: 2", "NGO or association: 1", "Research centre: 1"]
    tables = {table.key: [list(row) for row in table.rows] for table in section.tables}
    assert tables["by-kind"] == [
        ["Company", 2, 2],
        ["Start-up", 0, 0],
        ["Investor", 0, 0],
        ["Research centre", 1, 0],
        ["NGO or association", 1, 1],
        ["International organisation", 0, 0],
        ["Government", 0, 0],
    ]
    assert tables["by-country"] == [["FR", "France", 2], ["DE", "Germany", 1], ["", "not given", 1]]
    assert tables["by-year"] == [[2024, 0, 0, 0, 1, 0, 0, 0, 1], [2025, 2, 0, 0, 1, 1, 0, 0, 4]]
    (chart,) = section.charts
    assert str(chart.alt) == "2024: 1; 2025: 4"
    assert chart.svg.startswith("<svg")


@pytest.mark.django_db
def test_no_member_by_the_end_is_no_section():
    OrganisationFactory(joined_on=datetime.date(2025, 7, 1))
    assert report_section(START, END) is None
