"""Merges of duplicate initiatives: what the kept one gains, and undoing it from what was returned."""

import pytest

from sustainai.atlas import services
from sustainai.atlas.models import Initiative, ModerationState, Topic
from sustainai.atlas.search import facets
from sustainai.atlas.search.fulltext import search
from tests.factories.atlas import ActorFactory, InitiativeFactory

pytestmark = pytest.mark.django_db


def casefolded(name: str) -> str:
    return name.casefold()


@pytest.fixture
def pair():
    mila, element = ActorFactory(name="Mila"), ActorFactory(name="Element AI")
    topic = Topic.objects.create(slug="measurement-test", name="Measurement")
    keep = InitiativeFactory(
        name="Machine Learning Emissions Calculator",
        aliases=["MLCO2 calculator"],
        summary="",
        regions=["EU"],
        countries=["CA"],
        leads=[mila],
    )
    duplicate = InitiativeFactory(
        name="ML CO2 Impact",
        aliases=["mlco2 CALCULATOR", "ML CO2"],
        summary="Calculator of the carbon emissions of training runs.",
        contact="contact@mlco2.example",
        regions=["EU", "NORTH_AMERICA"],
        countries=["CA", "US"],
        leads=[mila],
    )
    duplicate.partner_organisations.add(element)
    duplicate.topics.add(topic)
    earlier = InitiativeFactory(
        name="ML CO2", state=ModerationState.MERGED, merged_into=duplicate, summary="An old entry."
    )
    return keep, duplicate, earlier, element, topic


def test_merge_gives_the_kept_initiative_what_the_duplicate_adds(pair):
    keep, duplicate, earlier, element, topic = pair

    changes = services.merge_initiative(keep, duplicate, name_key=casefolded)

    assert changes == {
        "aliases": ["ML CO2 Impact", "ML CO2"],
        "filled": {
            "summary": "Calculator of the carbon emissions of training runs.",
            "contact": "contact@mlco2.example",
        },
        "lead_organisations": [],
        "partner_organisations": [element.pk],
        "topics": [topic.pk],
        "countries": ["US"],
        "duplicate_state": ModerationState.PUBLISHED,
        "duplicate_merged_into": None,
        "regions": ["NORTH_AMERICA"],
        "repointed": [earlier.pk],
    }
    keep.refresh_from_db()
    duplicate.refresh_from_db()
    earlier.refresh_from_db()
    assert keep.aliases == ["MLCO2 calculator", "ML CO2 Impact", "ML CO2"]
    assert keep.regions == ["EU", "NORTH_AMERICA"]
    assert keep.summary == "Calculator of the carbon emissions of training runs."
    assert [a.name for a in keep.partner_organisations.all()] == ["Element AI"]
    assert [k for k in facets.document(keep.pk) if k.startswith(("country:", "topic:"))] == [
        "country:CA",
        "country:US",
        "topic:measurement-test",
    ]
    found = search(Initiative.objects.all(), "impact").values_list("pk", flat=True)
    assert sorted(found) == [keep.pk, duplicate.pk]
    assert (duplicate.state, duplicate.merged_into_id) == (ModerationState.MERGED, keep.pk)
    assert earlier.merged_into_id == keep.pk
    assert keep.history.first().history_change_reason == (
        f"Merged #{duplicate.pk} (ML CO2 Impact) into this initiative"
    )
    assert duplicate.history.first().history_change_reason == (
        f"Merged into #{keep.pk} (Machine Learning Emissions Calculator)"
    )


def test_unmerge_restores_both_but_keeps_what_was_edited_since(pair):
    keep, duplicate, earlier, element, topic = pair
    changes = services.merge_initiative(keep, duplicate, name_key=casefolded)
    Initiative.objects.filter(pk=keep.pk).update(contact="team@mlco2.example")

    services.unmerge_initiative(keep.pk, duplicate.pk, changes)

    keep.refresh_from_db()
    duplicate.refresh_from_db()
    earlier.refresh_from_db()
    assert keep.aliases == ["MLCO2 calculator"]
    assert keep.regions == ["EU"]
    assert (keep.summary, keep.contact) == ("", "team@mlco2.example")
    assert list(keep.partner_organisations.all()) == []
    assert list(keep.topics.all()) == []
    assert [k for k in facets.document(keep.pk) if k.startswith(("country:", "topic:"))] == [
        "country:CA"
    ]
    assert (duplicate.state, duplicate.merged_into_id) == (ModerationState.PUBLISHED, None)
    assert earlier.merged_into_id == duplicate.pk
    assert keep.history.first().history_change_reason == (
        f"Undid the merge of #{duplicate.pk} (ML CO2 Impact)"
    )
    assert duplicate.history.first().history_change_reason == (
        f"Undid its merge into #{keep.pk} (Machine Learning Emissions Calculator)"
    )
