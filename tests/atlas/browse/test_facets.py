"""The facet index: each initiative's document follows its writes, and filtering through it keeps
exactly the initiatives that filtering on their own columns and links keeps (both backends)."""

import itertools

import pytest

from sustainai.atlas.models import Initiative, InitiativeCountry, ModerationState, Topic
from sustainai.atlas.search import facets
from sustainai.atlas.selectors import Filters, filter_initiatives
from tests.factories.atlas import InitiativeFactory

pytestmark = pytest.mark.django_db


def test_a_document_holds_every_facet_of_the_initiative():
    initiative = InitiativeFactory(
        type="standard",
        status="active",
        start_year=2024,
        scope="international",
        regions=["EU", "G7"],
        countries=["FR", "DE"],
        topics=["energy", "hardware-e-waste"],
    )

    assert facets.document(initiative.pk) == [
        "country:DE",
        "country:FR",
        "region:EU",
        "region:G7",
        "scope:international",
        "status:active",
        "topic:energy",
        "topic:hardware-e-waste",
        "type:standard",
        "year:2024",
    ]


def test_a_document_without_year_countries_regions_or_topics_holds_the_rest():
    initiative = InitiativeFactory(type="tool", status="planned", start_year=None)

    assert facets.document(initiative.pk) == [
        "scope:national",
        "status:planned",
        "type:tool",
    ]


def test_documents_follow_saves_topics_and_countries():
    initiative = InitiativeFactory(type="tool", status="active", start_year=None)
    energy, water = Topic.objects.get(slug="energy"), Topic.objects.get(slug="water")

    initiative.type = "dataset"
    initiative.save()
    initiative.topics.add(energy)
    initiative.topics.add(water)
    link = InitiativeCountry.objects.create(initiative=initiative, country="JP")
    InitiativeCountry.objects.create(initiative=initiative, country="KE")
    assert facets.document(initiative.pk) == [
        "country:JP",
        "country:KE",
        "scope:national",
        "status:active",
        "topic:energy",
        "topic:water",
        "type:dataset",
    ]

    initiative.topics.remove(energy)
    initiative.topics.remove(water)
    link.delete()
    assert facets.document(initiative.pk) == [
        "country:KE",
        "scope:national",
        "status:active",
        "type:dataset",
    ]

    initiative.topics.add(energy)
    initiative.topics.clear()
    initiative.country_links.all().delete()
    assert facets.document(initiative.pk) == ["scope:national", "status:active", "type:dataset"]


def test_a_deleted_initiative_leaves_no_document():
    initiative = InitiativeFactory(countries=["FR"])
    pk = initiative.pk

    initiative.delete()

    assert facets.document(pk) == []
    assert list(filter_initiatives(Filters(countries=("FR",)))) == []


def test_refreshing_everything_rewrites_the_same_documents():
    first = InitiativeFactory(countries=["FR"], topics=["carbon"], regions=["AFRICA"])
    second = InitiativeFactory(start_year=None)
    before = [facets.document(first.pk), facets.document(second.pk)]

    facets.refresh()

    assert [facets.document(first.pk), facets.document(second.pk)] == before


def test_values_no_initiative_holds_match_nothing():
    InitiativeFactory(type="tool", countries=["FR"], topics=["energy"])

    def found(**chosen):
        return list(filter_initiatives(Filters(**chosen)).values_list("name", flat=True))

    assert found(countries=("fr",)) == []  # FTS5 folds case; the stored code is upper case
    assert found(types=("bogus",)) == []
    assert found(topics=("energy OR x",)) == []
    assert found(topics=("energy", "it's")) == [Initiative.objects.get().name]


@pytest.fixture
def varied():
    """Initiatives over every combination of a few values of each facet."""
    combinations = itertools.product(
        ["tool", "standard"],
        ["active", "completed"],
        [2021, None],
        [("national", []), ("international", []), ("regional", ["EU"])],
        [[], ["FR"], ["DE", "NL"]],
        [[], ["energy"], ["water", "carbon"]],
    )
    for n, (kind, status, year, (scope, regions), codes, slugs) in enumerate(combinations):
        InitiativeFactory(
            name=f"Initiative {n:03}",
            type=kind,
            status=status,
            start_year=year,
            scope=scope,
            regions=regions,
            countries=codes,
            topics=slugs,
        )
    # Not published: never found, whatever its facets.
    InitiativeFactory(state=ModerationState.SUBMITTED, type="tool", countries=["FR"])


FILTERS = [
    Filters(types=("tool",)),
    Filters(types=("tool",), countries=("FR",)),
    Filters(topics=("energy",), statuses=("active",)),
    Filters(topics=("water", "energy"), countries=("DE", "FR")),
    Filters(years=(2021,), regions=("EU",)),
    Filters(regions=("international", "EU"), types=("standard",)),
    Filters(countries=("NL",), topics=("carbon",), statuses=("completed",), years=(2021,)),
    Filters(regions=("G20",)),
]


@pytest.mark.parametrize("filters", FILTERS, ids=range(len(FILTERS)))
def test_the_facet_index_keeps_what_the_initiatives_own_columns_keep(varied, filters):
    def names(qs):
        return sorted(qs.values_list("name", flat=True))

    indexed = names(filter_initiatives(filters))
    correlated = names(filter_initiatives(filters, correlated=True))

    assert indexed == correlated
    expected = {
        0: 108,  # half the 216 published initiatives
        1: 36,
        2: 36,  # a third have energy, half are active
        3: 96,  # 2 of 3 topic sets × 2 of 3 country sets
        4: 36,
        5: 72,
        6: 6,
        7: 0,
    }[FILTERS.index(filters)]
    assert len(indexed) == expected


@pytest.mark.parametrize("skip", ["types", "statuses", "years", "topics", "countries", "regions"])
def test_facet_counts_leave_one_facet_out_the_same_way(varied, skip):
    filters = Filters(
        types=("tool",),
        statuses=("active",),
        years=(2021,),
        topics=("energy",),
        countries=("FR",),
        regions=("EU",),
    )

    def names(qs):
        return sorted(qs.values_list("name", flat=True))

    assert names(filter_initiatives(filters, skip=skip)) == names(
        filter_initiatives(filters, skip=skip, correlated=True)
    )


def test_facet_counts_are_cached_until_the_atlas_changes(django_assert_num_queries):
    from sustainai.atlas.selectors import facet_counts

    first = InitiativeFactory(type="tool", countries=["FR"], topics=["energy"])
    filters = Filters(topics=("energy",))
    assert facet_counts(filters).types == {"tool": 1}
    with django_assert_num_queries(1):  # the index's version only
        assert facet_counts(filters).types == {"tool": 1}

    second = InitiativeFactory(type="standard", topics=["energy"])
    assert facet_counts(filters).types == {"tool": 1, "standard": 1}
    second.topics.clear()
    assert facet_counts(filters).types == {"tool": 1}
    first.type = "dataset"
    first.save()
    assert facet_counts(filters).types == {"dataset": 1}
    first.delete()  # by the database's trigger
    assert facet_counts(filters).types == {}


def test_the_published_state_is_written_into_statements_and_only_plain_words_are():
    from sustainai.atlas.selectors import published

    assert '"atlas_initiative"."state" = \'published\'' in str(published().query)
    with pytest.raises(ValueError, match="not a plain word"):
        str(Initiative.objects.filter(state__literal="x' OR 1=1 --").query)
