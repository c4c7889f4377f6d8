"""Saved scenarios belong to the workstream: its participants and the coordinators save them; the
space lists them; the saved address runs for anyone; the saver's link is personal data."""

import pytest

from sustainai.core.personal_data import erase_all, export_all
from sustainai.toolkits.foresight.apps import WORKSTREAM_SLUG
from sustainai.toolkits.foresight.models import SavedScenario
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
