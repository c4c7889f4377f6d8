"""The public directory: only published entries, facets, filters, sort, pagination, query counts."""

import pytest
from django.urls import reverse

from sustainai.atlas.models import ModerationState
from sustainai.atlas.selectors import Filters, facet_counts, filter_initiatives
from tests.factories.atlas import InitiativeFactory

pytestmark = pytest.mark.django_db
URL = reverse("atlas:directory")


def names_on_page(response):
    return [initiative.name for initiative in response.context["page"]]


def test_directory_lists_only_published_initiatives(client):
    InitiativeFactory(name="Public")
    InitiativeFactory(name="Waiting", state=ModerationState.SUBMITTED)
    InitiativeFactory(name="Refused", state=ModerationState.REJECTED)

    response = client.get(URL)

    assert response.status_code == 200
    assert names_on_page(response) == ["Public"]


def test_directory_search_ranks_by_relevance(client):
    InitiativeFactory(name="Alpha", summary="", description="a carbon calculator")
    InitiativeFactory(name="Carbon calculator", summary="")
    InitiativeFactory(name="Other", summary="water")

    response = client.get(URL, {"q": "carbon calculator"})

    assert names_on_page(response) == ["Carbon calculator", "Alpha"]
    assert "2 initiatives" in response.text


def test_directory_filters_combine(client):
    InitiativeFactory(name="A", type="tool", countries=["FR"], topics=["energy"], status="active")
    InitiativeFactory(name="B", type="tool", countries=["DE"], topics=["energy"])
    InitiativeFactory(name="C", type="dataset", countries=["FR"], topics=["energy"])
    InitiativeFactory(name="D", type="tool", countries=["FR"], topics=["water"])
    InitiativeFactory(name="E", type="tool", countries=["FR"], topics=["energy"], status="planned")

    response = client.get(
        URL, {"type": "tool", "country": "FR", "topic": "energy", "status": "active"}
    )

    assert names_on_page(response) == ["A"]


def test_directory_values_of_one_facet_are_alternatives(client):
    InitiativeFactory(name="A", countries=["FR"])
    InitiativeFactory(name="B", countries=["DE"])
    InitiativeFactory(name="C", countries=["IT"])

    response = client.get(URL + "?country=FR&country=DE")

    assert names_on_page(response) == ["A", "B"]


def test_directory_filters_by_region_and_international_scope(client):
    InitiativeFactory(name="EU one", regions=["EU"])
    InitiativeFactory(name="Europe one", regions=["EUROPE"])
    InitiativeFactory(name="Worldwide", scope="international")

    assert names_on_page(client.get(URL, {"region": "EU"})) == ["EU one"]
    assert names_on_page(client.get(URL, {"region": "international"})) == ["Worldwide"]


def test_directory_filters_by_start_year(client):
    InitiativeFactory(name="Old", start_year=2019)
    InitiativeFactory(name="New", start_year=2024)

    assert names_on_page(client.get(URL, {"year": "2024"})) == ["New"]


def test_facet_counts_leave_out_their_own_facet():
    InitiativeFactory(type="tool", countries=["FR"], topics=["energy", "water"], start_year=2020)
    InitiativeFactory(type="tool", countries=["DE"], topics=["energy"], start_year=2021)
    InitiativeFactory(type="dataset", countries=["FR"], topics=["carbon"], regions=["EU"])
    InitiativeFactory(type="report", state=ModerationState.SUBMITTED, countries=["FR"])

    counts = facet_counts(Filters(types=("tool",)))

    assert counts.types == {"tool": 2, "dataset": 1}
    assert counts.countries == {"FR": 1, "DE": 1}
    assert counts.topics == {"energy": 2, "water": 1}
    assert counts.years == {2020: 1, 2021: 1}
    assert counts.statuses == {"active": 2}
    assert counts.regions == {}


def test_directory_sorts_by_name_newest_and_start_year(client):
    from django.utils import timezone

    now = timezone.now()
    InitiativeFactory(name="Bravo", start_year=2018, published_at=now)
    InitiativeFactory(name="Alpha", start_year=2022, published_at=now - timezone.timedelta(days=3))
    InitiativeFactory(
        name="Charlie", start_year=None, published_at=now - timezone.timedelta(days=1)
    )

    assert names_on_page(client.get(URL)) == ["Alpha", "Bravo", "Charlie"]
    assert names_on_page(client.get(URL, {"sort": "newest"})) == ["Bravo", "Charlie", "Alpha"]
    assert names_on_page(client.get(URL, {"sort": "year"})) == ["Alpha", "Bravo", "Charlie"]


def test_directory_paginates_and_keeps_the_filters_in_page_links(client):
    for n in range(25):
        InitiativeFactory(name=f"Tool {n:02d}", type="tool")

    first = client.get(URL, {"type": "tool"})
    second = client.get(URL, {"type": "tool", "page": "2"})

    assert len(names_on_page(first)) == 20
    assert names_on_page(second) == [f"Tool {n:02d}" for n in range(20, 25)]
    assert 'href="?type=tool&amp;page=2"' in first.text


def test_directory_facet_links_toggle_a_value_and_drop_the_page(client):
    InitiativeFactory(type="tool", countries=["FR"])

    response = client.get(URL, {"country": "FR", "page": "1"})

    facets = {facet.parameter: facet for facet in response.context["facets"]}
    assert [(o.value, o.count, o.selected, o.url) for o in facets["country"].options] == [
        ("FR", 1, True, "?")
    ]
    assert [(o.value, o.url) for o in facets["type"].options] == [("tool", "?country=FR&type=tool")]


def test_directory_reports_an_invalid_parameter_and_ignores_it(client):
    InitiativeFactory(name="Kept")

    response = client.get(URL, {"type": "spaceship"})

    assert names_on_page(response) == ["Kept"]
    assert "Select a valid choice. spaceship is not one of the available choices." in response.text


def test_directory_query_count_does_not_grow_with_results(client, django_assert_num_queries):
    def create(n):
        for _ in range(n):
            InitiativeFactory(countries=["FR", "DE"], topics=["energy", "water"], regions=["EU"])

    create(1)
    # topics, count, the page's ids (all of the first group), its initiatives with their
    # countries, topics and organisations, the facet index's version, 6 facet counts
    with django_assert_num_queries(11):
        client.get(URL, {"q": "initiative", "type": "tool"})
    create(2)
    with django_assert_num_queries(11):
        response = client.get(URL, {"q": "initiative", "type": "tool"})
    assert len(names_on_page(response)) == 3
    # The same view again: its facet counts are cached under the index's version.
    with django_assert_num_queries(5):
        client.get(URL, {"q": "initiative", "type": "tool", "sort": "name"})


def test_filter_initiatives_is_empty_for_an_unmatched_search():
    InitiativeFactory(name="Carbon")

    assert list(filter_initiatives(Filters(q="nothingmatches"))) == []


def test_the_filter_drawer_and_its_chips_read_in_french(client):
    InitiativeFactory(countries=["FR"])

    text = client.get("/atlas/", {"country": "FR"}, HTTP_ACCEPT_LANGUAGE="fr").text

    assert "<summary>Filtres (1 actif)</summary>" in text
    assert '<ul class="chips" aria-label="Filtres actifs">' in text
    assert "Pays : France" in text
