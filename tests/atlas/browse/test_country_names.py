"""Country names in any language in the search box, the API's country filter and the
directory's query string."""

import pytest
from django.urls import reverse

from sustainai.atlas.selectors import Filters, directory, place_of_query
from tests.factories.atlas import InitiativeFactory

pytestmark = pytest.mark.django_db
API = "/api/v1/initiatives"


@pytest.fixture
def atlas():
    InitiativeFactory(name="Berlin Watch", countries=["DE"], summary="", description="")
    InitiativeFactory(name="Alpha", countries=["FR"], summary="", description="work in Germany")
    InitiativeFactory(name="Munich Lab", countries=["DE", "FR"], summary="", description="")
    InitiativeFactory(name="Brussels", regions=["EU"], scope="regional", summary="")
    InitiativeFactory(name="Paris", countries=["FR"], summary="", description="")


def names(filters):
    return [initiative.name for initiative in directory(filters)[0:20]]


@pytest.mark.parametrize("q", ["Deutschland", "Allemagne", "ألمانيا", "德国", "ドイツ", "Германия"])
def test_a_search_naming_a_country_in_any_language_finds_its_initiatives(atlas, q):
    assert names(Filters(q=q)) == ["Berlin Watch", "Munich Lab"]


def test_text_matches_come_first_then_the_named_countrys_other_initiatives(atlas):
    assert names(Filters(q="Germany")) == ["Alpha", "Berlin Watch", "Munich Lab"]
    assert names(Filters(q="Germany", sort="name")) == ["Alpha", "Berlin Watch", "Munich Lab"]
    assert directory(Filters(q="Germany")).count() == 3
    assert names(Filters(q="Union européenne")) == ["Brussels"]


def test_a_search_of_a_code_or_of_other_words_is_text_only(atlas):
    assert place_of_query("DE") is None
    assert place_of_query("Germany energy") is None
    assert names(Filters(q="DE")) == []
    assert names(Filters(q="Deutschland", countries=("FR",))) == ["Munich Lab"]


def test_the_directory_search_box_finds_a_country_by_name(client, atlas):
    response = client.get(reverse("atlas:directory"), {"q": "Deutschland"})
    assert [initiative.name for initiative in response.context["page"]] == [
        "Berlin Watch",
        "Munich Lab",
    ]


def test_the_directory_country_parameter_takes_a_name(client, atlas):
    response = client.get(reverse("atlas:directory"), {"country": "Deutschland"})
    assert [initiative.name for initiative in response.context["page"]] == [
        "Berlin Watch",
        "Munich Lab",
    ]


@pytest.mark.parametrize("country", ["DE", "de", "DEU", "Germany", "Deutschland", "德国"])
def test_the_api_country_filter_takes_a_name_or_a_code(client, atlas, country):
    data = client.get(API, {"country": country}).json()
    assert [item["name"] for item in data["items"]] == ["Berlin Watch", "Munich Lab"]


def test_the_api_suggests_the_closest_countries(client):
    response = client.get(API, {"country": "Deutchland"})
    assert response.status_code == 422
    assert (
        "unknown country 'Deutchland' (a name or an ISO 3166 code); did you mean Germany?"
        in response.text
    )
