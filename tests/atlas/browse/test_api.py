"""The public API of the Atlas."""

import pytest

from sustainai.atlas.models import ModerationState
from tests.factories.atlas import InitiativeFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/initiatives"


def test_api_lists_published_initiatives_with_a_count(client):
    initiative = InitiativeFactory(name="Alpha", slug="alpha", countries=["FR"], type="tool")
    InitiativeFactory(name="Hidden", state=ModerationState.SUBMITTED)

    response = client.get(URL)

    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1
    item = data["items"][0]
    assert {k: item[k] for k in ("id", "name", "type", "countries", "url", "score")} == {
        "id": initiative.pk,
        "name": "Alpha",
        "type": "tool",
        "countries": ["FR"],
        "url": "http://testserver/atlas/i/alpha/",
        "score": None,
    }


def test_api_ranks_by_relevance_when_searching(client):
    InitiativeFactory(name="Beta", summary="", description="water use of data centres")
    InitiativeFactory(name="Water use", summary="")

    data = client.get(URL, {"q": "water"}).json()

    assert [item["name"] for item in data["items"]] == ["Water use", "Beta"]
    assert data["items"][0]["score"] > data["items"][1]["score"] > 0


def test_api_filters_combine(client):
    InitiativeFactory(name="A", type="tool", topics=["energy"], countries=["FR"], status="active")
    InitiativeFactory(name="B", type="tool", topics=["energy"], countries=["DE"])
    InitiativeFactory(name="C", type="report", topics=["energy"], countries=["FR"])

    data = client.get(
        URL, {"type": "tool", "topic": "energy", "country": "fr", "status": "active"}
    ).json()

    assert [item["name"] for item in data["items"]] == ["A"]


def test_api_paginates_with_limit_and_offset(client):
    for name in ["A", "B", "C", "D"]:
        InitiativeFactory(name=name)

    data = client.get(URL, {"limit": 2, "offset": 1}).json()

    assert data["count"] == 4
    assert [item["name"] for item in data["items"]] == ["B", "C"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"type": "spaceship"}, "Input should be"),
        ({"country": "XX"}, "unknown country 'XX' (a name or an ISO 3166 code)"),
        ({"topic": "nope"}, "unknown topic 'nope'"),
        ({"limit": 1000}, "less than or equal to 100"),
    ],
)
def test_api_rejects_invalid_parameters(client, params, message):
    response = client.get(URL, params)

    assert response.status_code == 422
    assert message in response.text


def test_api_returns_one_published_initiative(client):
    initiative = InitiativeFactory(name="Alpha", description="Long text.", aliases=["A1"])

    data = client.get(f"{URL}/{initiative.pk}").json()

    assert data["name"] == "Alpha"
    assert data["description"] == "Long text."
    assert data["aliases"] == ["A1"]


def test_api_hides_unpublished_initiatives(client):
    initiative = InitiativeFactory(state=ModerationState.SUBMITTED)

    assert client.get(f"{URL}/{initiative.pk}").status_code == 404


def test_api_list_query_count_does_not_grow(client, django_assert_num_queries):
    InitiativeFactory(countries=["FR"], topics=["energy"])
    # the count (up to the directory's limit: exact here), the page's ids, its initiatives with
    # their countries, topics and organisations
    with django_assert_num_queries(3):
        client.get(URL)
    InitiativeFactory(countries=["FR"], topics=["energy"])
    InitiativeFactory(countries=["DE"], topics=["water"])
    with django_assert_num_queries(3):
        client.get(URL)
