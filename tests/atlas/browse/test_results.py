"""The directory's results: relevance in groups, pages read part by part, counts up to a limit,
pages of broad filters read in the name index's order, and the rows' listings (both backends)."""

import pytest
from django.urls import reverse

from sustainai.atlas import selectors
from sustainai.atlas.selectors import CappedPaginator, Filters, directory, directory_page
from tests.factories.atlas import ActorFactory, InitiativeFactory

pytestmark = pytest.mark.django_db
URL = reverse("atlas:directory")


def names(initiatives):
    return [initiative.name for initiative in initiatives]


@pytest.fixture
def grouped():
    """Matches of "water footprint" in each group: name, head (summary or organisations),
    description only; and one initiative that does not match."""
    for name in ["Water footprint", "Footprint of water", "Water footprint tracker"]:
        InitiativeFactory(name=name, summary="", description="")
    for name, summary in [("Gauge", "measures the water footprint"), ("Hydro", "water footprint")]:
        InitiativeFactory(name=name, summary=summary, description="")
    led = InitiativeFactory(name="Ledger", summary="footprint of models", description="")
    led.lead_organisations.add(ActorFactory(name="Water Institute"))
    for name in ["Delta", "Echo", "Foxtrot", "Golf"]:
        InitiativeFactory(name=name, summary="", description="the water footprint of training")
    InitiativeFactory(name="Unrelated", summary="energy", description="energy")


def test_relevance_lists_name_matches_then_summary_and_organisations_then_description(grouped):
    ordered = names(directory(Filters(q="water footprint")))

    assert sorted(ordered[:3]) == [
        "Footprint of water",
        "Water footprint",
        "Water footprint tracker",
    ]
    assert sorted(ordered[3:6]) == ["Gauge", "Hydro", "Ledger"]
    assert sorted(ordered[6:]) == ["Delta", "Echo", "Foxtrot", "Golf"]


def test_every_slice_of_the_results_is_the_same_slice_of_the_whole_order(grouped):
    results = directory(Filters(q="water footprint"))
    whole = names(results)  # read part after part, all of each

    assert len(whole) == 10
    for start in range(0, 11):
        for stop in range(start, 12):
            assert names(results[start:stop]) == whole[start:stop], (start, stop)


def test_pages_follow_one_another_across_groups(grouped):
    pages = [
        directory_page(Filters(q="water footprint"), number, per_page=4) for number in (1, 2, 3)
    ]

    assert [len(page) for page in pages] == [4, 4, 2]
    assert names([i for page in pages for i in page]) == names(
        directory(Filters(q="water footprint"))
    )
    assert pages[0].paginator.count == 10
    assert pages[0].paginator.more is False


def test_results_of_a_search_carry_their_rank_within_their_group(grouped):
    first = directory(Filters(q="water footprint"))[0:1][0]

    assert first.search_rank > 0


def test_the_directory_counts_up_to_the_limit_then_says_more(client, monkeypatch):
    for i in range(5):
        InitiativeFactory(name=f"Carbon {i}")
    monkeypatch.setattr(selectors, "COUNT_LIMIT", 3)

    response = client.get(URL, {"q": "carbon"})

    page = response.context["page"]
    assert (page.paginator.count, page.paginator.counted, page.paginator.more) == (3, 4, True)
    assert "More than 3 initiatives" in response.text
    assert names(page) == ["Carbon 0", "Carbon 1", "Carbon 2", "Carbon 3", "Carbon 4"][:3]


def test_a_capped_paginator_counts_a_queryset_too():
    for i in range(4):
        InitiativeFactory(name=f"Item {i}")
    paginator = CappedPaginator(selectors.published().order_by("name"), 2, limit=3)

    assert (paginator.count, paginator.more, paginator.num_pages) == (3, True, 2)
    assert names(paginator.page(2)) == ["Item 2"]


def test_the_api_counts_exactly():
    for i in range(4):
        InitiativeFactory(name=f"Item {i}")
    results = directory(Filters())

    assert results.count_up_to(2) == 3  # "more than 2"
    assert results.count() == 4


def test_a_broad_filter_walks_the_name_order_and_finds_the_same_page(monkeypatch):
    for i in range(6):
        InitiativeFactory(name=f"Match {5 - i}", countries=["FR"], topics=["energy"])
    InitiativeFactory(name="Match elsewhere", countries=["DE"], topics=["energy"])
    InitiativeFactory(name="Another topic", countries=["FR"], topics=["water"])
    filters = Filters(countries=("FR",), topics=("energy",))
    results = directory(filters)

    sorted_page = names(results.parts[0][:4])
    walked_page = names(results.walking[0][:4])

    assert sorted_page == walked_page == ["Match 0", "Match 1", "Match 2", "Match 3"]
    monkeypatch.setattr(selectors, "COUNT_LIMIT", 3)  # 6 matches: more than the limit, walked
    assert names(directory(filters)[0:4]) == ["Match 0", "Match 1", "Match 2", "Match 3"]


def test_listings_hold_countries_topics_and_lead_organisations_in_order():
    initiative = InitiativeFactory(countries=["FR", "BE"], topics=["water", "energy"])
    initiative.lead_organisations.add(ActorFactory(name="Zeta"), ActorFactory(name="Alpha"))
    bare = InitiativeFactory()

    page = directory(Filters())[0:2]

    listings = {i.pk: i.listing for i in page}
    assert listings[initiative.pk].countries == ("BE", "FR")
    assert listings[initiative.pk].country_names == ["Belgium", "France"]
    assert [t.slug for t in listings[initiative.pk].topics] == ["energy", "water"]
    assert listings[initiative.pk].lead_organisations == ("Alpha", "Zeta")
    assert listings[bare.pk] == selectors.Listing(countries=(), topics=(), lead_organisations=())


@pytest.mark.parametrize("keys", [10, 3])  # every match's key read, or too many matches
def test_a_page_in_newest_order_is_the_same_read_by_key_or_not(monkeypatch, keys):
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    for days in [3, 1, 4, 2, 5]:
        InitiativeFactory(name=f"Day {days}", published_at=now - timedelta(days=days))
    monkeypatch.setattr(selectors, "COUNT_LIMIT", 4)
    monkeypatch.setattr(selectors, "KEYS_BY_ORDER", keys)

    pages = [directory_page(Filters(sort="newest"), number, per_page=2) for number in (1, 2)]

    assert [names(page) for page in pages] == [["Day 1", "Day 2"], ["Day 3", "Day 4"]]
    assert (pages[0].paginator.count, pages[0].paginator.more) == (4, True)
