"""Full-text search: ranking, what is indexed, and how the index follows writes (both backends)."""

import pytest

from sustainai.atlas.importing import import_initiatives
from sustainai.atlas.models import Initiative
from sustainai.atlas.search.fulltext import reindex, search
from tests.factories.atlas import ActorFactory, InitiativeFactory

pytestmark = pytest.mark.django_db


def names(q, queryset=None):
    queryset = Initiative.objects.all() if queryset is None else queryset
    return list(search(queryset, q).order_by("-search_rank", "name").values_list("name", flat=True))


def test_search_ranks_name_above_summary_above_description():
    InitiativeFactory(name="Alpha", summary="", description="measuring the water footprint")
    InitiativeFactory(name="Water footprint", summary="", description="")
    InitiativeFactory(name="Gamma", summary="a water footprint tool", description="")
    InitiativeFactory(name="Delta", summary="unrelated", description="energy only")

    assert names("water footprint") == ["Water footprint", "Gamma", "Alpha"]


def test_search_matches_aliases_and_organisation_names():
    initiative = InitiativeFactory(name="Coalition for Sustainable AI", aliases=["CSAI"])
    initiative.lead_organisations.add(ActorFactory(name="Ministère de la Transition écologique"))
    InitiativeFactory(name="Other")

    assert names("csai") == ["Coalition for Sustainable AI"]
    assert names("ministere transition") == ["Coalition for Sustainable AI"]


def test_search_stems_english_words():
    InitiativeFactory(name="Measuring emissions of models")

    assert names("measure emission") == ["Measuring emissions of models"]


def test_search_requires_every_word():
    InitiativeFactory(name="Carbon tracker")
    InitiativeFactory(name="Water tracker")

    assert names("carbon tracker") == ["Carbon tracker"]


def test_search_ignores_query_syntax_in_user_input():
    InitiativeFactory(name="Carbon tracker")

    assert names('carbon: (tracker*) ^"') == ["Carbon tracker"]
    assert names("  ") == ["Carbon tracker"]  # no query: nothing filtered


def test_search_of_only_stop_words_finds_nothing():
    InitiativeFactory(name="The initiative")

    assert names("the of") == []


def test_renaming_an_organisation_reindexes_its_initiatives():
    actor = ActorFactory(name="Old Lab")
    initiative = InitiativeFactory(name="Tracker")
    initiative.partner_organisations.add(actor)
    actor.name = "Newname Institute"
    actor.save()

    assert names("newname") == ["Tracker"]
    assert names("old lab") == []


def test_unlinking_an_organisation_removes_its_name_from_the_document():
    actor = ActorFactory(name="Zephyr Lab")
    initiative = InitiativeFactory(name="Tracker", leads=[actor])
    assert names("zephyr") == ["Tracker"]

    initiative.lead_organisations.remove(actor)

    assert names("zephyr") == []


def test_editing_an_initiative_reindexes_it():
    initiative = InitiativeFactory(name="Before")
    initiative.name = "Afterwards"
    initiative.save()

    assert names("afterwards") == ["Afterwards"]
    assert names("before") == []


def test_deleting_an_initiative_removes_its_document():
    InitiativeFactory(name="Doomed tracker").delete()
    InitiativeFactory(name="Kept tracker")

    assert names("tracker") == ["Kept tracker"]


def test_bulk_created_initiatives_are_found_after_reindex():
    Initiative.objects.bulk_create(
        [Initiative(name=f"Bulk {n} frugal", slug=f"bulk-{n}") for n in range(3)]
    )
    assert names("frugal") == []  # bulk_create sends no signal

    reindex(Initiative.objects.filter(slug__startswith="bulk-"))

    assert names("frugal") == ["Bulk 0 frugal", "Bulk 1 frugal", "Bulk 2 frugal"]


def test_sqlite_heads_follow_every_write_of_the_documents():
    """SQLite keeps the heads (name, aliases, summary, organisations) in an FTS5 table of their
    own, where the directory ranks its first groups: they follow the whole documents."""
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL keeps its heads in the documents' rows")
    actor = ActorFactory(name="Old Lab")
    kept = InitiativeFactory(name="Tracker", aliases=["TRK"], summary="Water use", leads=[actor])
    InitiativeFactory(name="Doomed tracker").delete()
    actor.name = "Newname Institute"
    actor.save()
    kept.name = "Tracker two"
    kept.save()
    Initiative.objects.bulk_create([Initiative(name="Bulk frugal", slug="bulk-frugal")])
    reindex(Initiative.objects.filter(slug="bulk-frugal"))

    def rows(table):
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid, name, aliases, summary, organisations FROM {table} ORDER BY rowid"
            )
            return cursor.fetchall()

    bulk = Initiative.objects.get(slug="bulk-frugal")
    assert rows("atlas_initiative_fts_head") == [
        # The organisations, then the topics' names (none here).
        (kept.pk, "Tracker two", '["TRK"]', "Water use", "Newname Institute  "),
        (bulk.pk, "Bulk frugal", "[]", "", "  "),
    ]
    assert rows("atlas_initiative_fts_head") == rows("atlas_initiative_fts")


def test_search_keeps_the_given_queryset():
    InitiativeFactory(name="Carbon one", type="tool")
    InitiativeFactory(name="Carbon two", type="dataset")

    assert names("carbon", Initiative.objects.filter(type="dataset")) == ["Carbon two"]


def test_imported_initiatives_are_found_by_search():
    data = (
        b"name,description,lead_organisations,type\n"
        b"Green Algorithms,Carbon calculator,University of Cambridge,tool\n"
    )

    report = import_initiatives(data, filename="atlas.csv")

    assert report.errors == []
    assert names("cambridge carbon") == ["Green Algorithms"]


def test_search_matches_topic_names_in_english_and_french(client):
    from sustainai.atlas.models import Topic

    InitiativeFactory(name="Grid-aware scheduling", summary="Energy of training.", countries=["FR"])
    InitiativeFactory(
        name="Frugal benchmarks", summary="Smaller models.", countries=["FR"], topics=["energy"]
    )
    InitiativeFactory(name="Power meter", summary="Meters.", countries=["DE"], topics=["energy"])
    InitiativeFactory(
        name="Cooling study", summary="Data centres.", countries=["FR"], topics=["water"]
    )

    assert sorted(names("energy")) == ["Frugal benchmarks", "Grid-aware scheduling", "Power meter"]
    assert names("eau") == ["Cooling study"]  # the Water topic's French name
    assert names("énergie frugal") == ["Frugal benchmarks"]
    # The directory with a country: the same matches as the Energy topic with that country.
    by_text = client.get("/atlas/", {"q": "energy", "country": "FR"}).context["page"]
    by_topic = client.get("/atlas/", {"topic": "energy", "country": "FR"}).context["page"]
    assert by_text.paginator.count == 2
    assert by_topic.paginator.count == 1  # the Energy topic is not the word "energy"

    # The index follows the topics: taken off, renamed.
    power = Initiative.objects.get(name="Power meter")
    power.topics.clear()
    assert sorted(names("energy")) == ["Frugal benchmarks", "Grid-aware scheduling"]
    Topic.objects.filter(slug="water").update(name="Water")
    water = Topic.objects.get(slug="water")
    water.name = "Hydrology"
    water.save()
    assert names("hydrology") == ["Cooling study"]
