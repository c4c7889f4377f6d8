"""Saved scenarios belong to the workstream: its participants and the coordinators save them; the
space lists them; the saved address runs for anyone; the saver's link is personal data."""

import datetime
import io

import pytest
from django.utils import timezone

from sustainai.core.personal_data import erase_all, export_all
from sustainai.toolkits.foresight.apps import WORKSTREAM_SLUG
from sustainai.toolkits.foresight.demo import load as load_demo
from sustainai.toolkits.foresight.models import SavedScenario
from sustainai.toolkits.foresight.panels import report_section
from sustainai.toolkits.foresight.selectors import saved_scenarios
from tests.factories.workstreams import ParticipantFactory, WorkstreamFactory

QUERY = "preset=multi-agent&compare=iea-lift-off&calls_per_task=10%2C+20%2C+40&samples=100"


@pytest.fixture
def workstream(db):
    return WorkstreamFactory(slug=WORKSTREAM_SLUG, title="Agentic AI foresight")


@pytest.fixture
def participant_client(client, member_user, workstream):
    ParticipantFactory(workstream=workstream, organisation=member_user.organisation)
    client.force_login(member_user)
    return client


def test_a_participant_saves_a_scenario_and_the_space_lists_it(participant_client, workstream):
    page = participant_client.get("/foresight/?" + QUERY).content.decode()
    assert 'action="/foresight/save/"' in page
    response = participant_client.post("/foresight/save/", {"title": "Agents x20", "query": QUERY})
    assert response.status_code == 302
    assert response["Location"] == f"/workstreams/{WORKSTREAM_SLUG}/"
    scenario = SavedScenario.objects.get()
    assert (scenario.workstream, scenario.title, scenario.query) == (
        workstream,
        "Agents x20",
        QUERY,
    )
    space = participant_client.get(response["Location"]).content.decode()
    assert f'<a href="/foresight/?{QUERY.replace("&", "&amp;")}">Agents x20</a>' in space


def test_a_member_outside_the_workstream_may_not_save(client, member_user, workstream):
    client.force_login(member_user)
    assert 'action="/foresight/save/"' not in client.get("/foresight/?" + QUERY).content.decode()
    response = client.post("/foresight/save/", {"title": "x", "query": QUERY})
    assert response.status_code == 403
    assert not SavedScenario.objects.exists()


def test_an_invalid_scenario_is_not_saved_and_the_error_names_the_parameter(
    participant_client,
):
    response = participant_client.post(
        "/foresight/save/", {"title": "Bad", "query": "preset=iea-base&calls_per_task=9,4,2"}
    )
    assert response.status_code == 422
    assert response.content.decode() == "calls_per_task: low (9) is above high (2)"
    assert not SavedScenario.objects.exists()


def test_the_saved_address_runs_for_anyone(client, participant_client):
    participant_client.post("/foresight/save/", {"title": "Agents x20", "query": QUERY})
    client.logout()
    html = client.get("/foresight/?" + SavedScenario.objects.get().query).content.decode()
    assert "calls_per_task = 20 (10–40) calls — set in this scenario." in html


def test_saved_scenarios_list_in_one_query(workstream, member_user, django_assert_num_queries):
    for n in range(3):
        SavedScenario.objects.create(
            workstream=workstream, title=f"S{n}", query=QUERY, saved_by=member_user
        )
    with django_assert_num_queries(1):
        found = saved_scenarios(workstream)
        assert [s.title for s in found] == ["S2", "S1", "S0"]
        assert found[0].saved_by.email == "member@example.org"


def test_export_and_erasure_of_the_saver(workstream, member_user):
    SavedScenario.objects.create(
        workstream=workstream, title="Mine", query=QUERY, saved_by=member_user
    )
    exported = export_all(member_user)["sources"]["foresight"]
    assert exported["saved_scenarios"][0]["title"] == "Mine"
    assert exported["saved_scenarios"][0]["scenario"] == QUERY
    assert erase_all(member_user)["foresight"] == 1
    scenario = SavedScenario.objects.get()
    assert scenario.saved_by is None and scenario.title == "Mine"


def test_demo_scenarios_load_twice_without_duplicates(workstream):
    out = io.StringIO()
    load_demo(out)
    load_demo(out)
    assert SavedScenario.objects.filter(is_demo=True).count() == 3
    assert [s.query for s in saved_scenarios(workstream)][
        -1
    ] == "preset=multi-agent&compare=iea-lift-off"


def test_demo_without_the_workstream_saves_nothing(db):
    out = io.StringIO()
    load_demo(out)
    assert out.getvalue() == "  no agentic AI foresight workstream: no demo scenario"
    assert not SavedScenario.objects.exists()


def test_report_section_counts_real_scenarios_saved_in_the_period(workstream, member_user):
    load_demo(io.StringIO())
    today = timezone.localdate()
    assert report_section(today, today) is None  # demo scenarios are not reported
    SavedScenario.objects.create(workstream=workstream, title="Agents x20", query=QUERY)
    section = report_section(today, today)
    assert str(section.title) == "Agentic AI foresight"
    assert [(f.value, str(f.label)) for f in section.figures] == [(1, "scenario saved")]
    assert section.items == ["Agents x20"]
    yesterday = today - datetime.timedelta(days=1)
    assert report_section(yesterday, yesterday) is None
