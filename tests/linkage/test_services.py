"""Review actions: merge keeps everything and can be undone; distinct never returns; relations."""

import pytest

from sustainai.atlas.models import Initiative, ModerationState, Topic
from sustainai.atlas.search import facets
from sustainai.linkage import selectors, services
from sustainai.linkage.models import CandidatePair, Decision, InitiativeRelation, PairDecision
from tests.factories.linkage import LinkedInitiativeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def renamed_pair():
    """The ML CO2 Impact calculator, entered twice under its launch-era and its final name."""
    keep = LinkedInitiativeFactory(
        name="Machine Learning Emissions Calculator",
        aliases=["MLCO2 calculator"],
        website="https://mlco2.github.io/impact/",
        description="Estimate the carbon emissions of training machine learning models.",
        start_year=2019,
        type="tool",
        leads=["Mila"],
        countries=["CA"],
    )
    duplicate = LinkedInitiativeFactory(
        name="ML CO2 Impact",
        aliases=["ML CO2"],
        website="https://mlco2.github.io/impact",
        summary="Calculator of the carbon emissions of machine learning training runs.",
        description="Calculator estimating the carbon emissions of training machine learning models.",
        contact="contact@mlco2.example",
        start_year=2019,
        type="tool",
        leads=["Mila"],
        partners=["Element AI"],
        countries=["CA", "US"],
    )
    duplicate.topics.add(Topic.objects.create(slug="measurement-test", name="Measurement"))
    return keep, duplicate


def test_refresh_candidates_fills_the_queue_with_the_pair(renamed_pair):
    keep, duplicate = renamed_pair
    LinkedInitiativeFactory(name="Green Algorithms", website="https://www.green-algorithms.org/")
    assert services.refresh_candidates() == 1
    pair = CandidatePair.objects.get()
    assert (pair.a_id, pair.b_id) == (keep.pk, duplicate.pk)
    assert pair.score >= 0.8
    assert pair.reasons[:1] == ["same_page"]


def test_merge_keeps_names_aliases_organisations_topics_countries_and_fields(
    renamed_pair, coordinator
):
    keep, duplicate = renamed_pair
    services.refresh_candidates()
    decision = services.merge_initiatives(keep, duplicate, coordinator)

    keep.refresh_from_db()
    duplicate.refresh_from_db()
    assert keep.aliases == ["MLCO2 calculator", "ML CO2 Impact", "ML CO2"]
    assert sorted(o.name for o in keep.lead_organisations.all()) == ["Mila"]
    assert sorted(o.name for o in keep.partner_organisations.all()) == ["Element AI"]
    assert [t.slug for t in keep.topics.all()] == ["measurement-test"]
    assert sorted(str(c.country) for c in keep.country_links.all()) == ["CA", "US"]
    assert [k for k in facets.document(keep.pk) if k.startswith(("country:", "topic:"))] == [
        "country:CA",
        "country:US",
        "topic:measurement-test",
    ]
    assert keep.summary == "Calculator of the carbon emissions of machine learning training runs."
    assert keep.contact == "contact@mlco2.example"
    assert keep.description == "Estimate the carbon emissions of training machine learning models."
    assert duplicate.state == ModerationState.MERGED
    assert duplicate.merged_into == keep
    assert decision.decision == Decision.MERGED
    assert decision.decided_by == coordinator
    assert decision.score is not None
    assert CandidatePair.objects.count() == 0
    # Both records keep their history, with the merge recorded in it.
    assert keep.history.first().history_change_reason.startswith("Merged #")
    assert duplicate.history.first().history_change_reason.startswith("Merged into #")
    assert duplicate.history.last().state == ModerationState.PUBLISHED
    assert keep.history.last().aliases == ["MLCO2 calculator"]


def test_undo_merge_restores_both_records_as_they_were(renamed_pair, coordinator):
    keep, duplicate = renamed_pair
    services.refresh_candidates()
    decision = services.merge_initiatives(keep, duplicate, coordinator)
    services.undo_decision(decision, coordinator)

    keep.refresh_from_db()
    duplicate.refresh_from_db()
    assert keep.aliases == ["MLCO2 calculator"]
    assert [o.name for o in keep.partner_organisations.all()] == []
    assert list(keep.topics.all()) == []
    assert [str(c.country) for c in keep.country_links.all()] == ["CA"]
    assert [k for k in facets.document(keep.pk) if k.startswith(("country:", "topic:"))] == [
        "country:CA"
    ]
    assert keep.summary == ""
    assert keep.contact == ""
    assert duplicate.state == ModerationState.PUBLISHED
    assert duplicate.merged_into is None
    decision.refresh_from_db()
    assert decision.undone_by == coordinator
    assert decision.undone_at is not None
    # The pair is back in the queue.
    assert CandidatePair.objects.filter(a=keep, b=duplicate).exists()


def test_merging_a_merged_initiative_is_refused(renamed_pair, coordinator):
    keep, duplicate = renamed_pair
    services.merge_initiatives(keep, duplicate, coordinator)
    other = LinkedInitiativeFactory()
    with pytest.raises(services.ValidationError, match="already been merged"):
        services.merge_initiatives(other, duplicate, coordinator)


def test_distinct_pair_never_comes_back(renamed_pair, coordinator):
    keep, duplicate = renamed_pair
    services.refresh_candidates()
    services.decide(duplicate, keep, Decision.DISTINCT, coordinator, note="Two calculators")
    assert services.refresh_candidates() == 0
    assert CandidatePair.objects.count() == 0
    assert [
        c for c in services.find_candidates(min_score=0.0) if {c.a, c.b} == {keep.pk, duplicate.pk}
    ] == []
    logged = PairDecision.objects.get()
    assert (logged.decision, logged.note, logged.decided_by) == (
        Decision.DISTINCT,
        "Two calculators",
        coordinator,
    )


def test_undoing_distinct_lets_the_pair_come_back(renamed_pair, coordinator):
    keep, duplicate = renamed_pair
    services.refresh_candidates()
    decision = services.decide(keep, duplicate, Decision.DISTINCT, coordinator)
    services.undo_decision(decision, coordinator)
    assert services.refresh_candidates() == 1


def test_deciding_a_pair_twice_is_refused(renamed_pair, coordinator):
    keep, duplicate = renamed_pair
    services.decide(keep, duplicate, Decision.DISTINCT, coordinator)
    with pytest.raises(services.ValidationError, match="already been decided"):
        services.decide(duplicate, keep, Decision.VERSION_OF, coordinator)


def test_version_of_creates_a_relation_shown_on_both_initiatives(coordinator):
    v1 = LinkedInitiativeFactory(name="AI Energy Score")
    v2 = LinkedInitiativeFactory(name="AI Energy Score v2")
    decision = services.decide(v2, v1, Decision.VERSION_OF, coordinator)

    assert [(r.kind, r.other) for r in selectors.relations_for(v2)] == [("version_of", v1)]
    assert [(r.kind, r.label, r.other) for r in selectors.relations_for(v1)] == [
        ("has_version", "has a version", v2)
    ]
    services.undo_decision(decision, coordinator)
    assert InitiativeRelation.objects.count() == 0
    assert selectors.relations_for(v1) == []


def test_part_of_relation_hides_unpublished_initiatives(coordinator):
    whole = LinkedInitiativeFactory(name="Coalition for Sustainable AI")
    part = LinkedInitiativeFactory(name="Coalition for Sustainable AI: measurement working group")
    services.decide(part, whole, Decision.PART_OF, coordinator)
    Initiative.objects.filter(pk=part.pk).update(state=ModerationState.REJECTED)
    assert selectors.relations_for(whole) == []
    assert [r.kind for r in selectors.relations_for(part)] == ["part_of"]


def test_similar_initiatives_ranks_published_entries_with_reasons(renamed_pair):
    keep, duplicate = renamed_pair
    LinkedInitiativeFactory(name="Unpublished ML CO2 Impact", state=ModerationState.SUBMITTED)
    found = selectors.similar_initiatives(name="ML CO2 impact", website="mlco2.github.io/impact")
    assert [s.initiative for s in found] == [duplicate, keep]
    assert found[0].score > found[1].score
    assert found[0].reasons[:2] == ("same_page", "same_name")
    assert found[0].reason_labels[:2] == [
        "the same web page",
        "the same name (ignoring capitals, accents and small words)",
    ]


def test_similar_initiatives_excludes_the_entry_being_edited(renamed_pair):
    keep, duplicate = renamed_pair
    found = selectors.similar_initiatives(
        name="ML CO2 Impact", website="https://mlco2.github.io/impact", exclude_id=duplicate.pk
    )
    assert [s.initiative for s in found] == [keep]


def test_similar_initiatives_needs_a_name_or_a_website(renamed_pair):
    assert selectors.similar_initiatives(name="  ") == []


def test_overlap_clusters_group_same_problem_by_different_organisations():
    topic = Topic.objects.create(slug="energy-test", name="Energy")
    a = LinkedInitiativeFactory(name="CodeCarbon", type="tool", leads=["Mila"], countries=["FR"])
    b = LinkedInitiativeFactory(name="Carbontracker", type="tool", leads=["DIKU"], countries=["FR"])
    same_org = LinkedInitiativeFactory(
        name="Mila tool", type="tool", leads=["Mila"], countries=["DE"]
    )
    other_type = LinkedInitiativeFactory(
        name="Energy report", type="report", leads=["IEA"], countries=["FR"]
    )
    for initiative in (a, b, same_org, other_type):
        initiative.topics.add(topic)
    clusters = selectors.overlap_clusters()
    assert [
        (c.topic, c.type, c.area, [i.name for i in c.initiatives], c.organisations)
        for c in clusters
    ] == [("Energy", "tool", "country:FR", ["Carbontracker", "CodeCarbon"], ["DIKU", "Mila"])]


def test_hint_index_follows_publications_edits_and_withdrawals(renamed_pair):
    keep, duplicate = renamed_pair
    selectors.hint_index.clear()
    assert [s.initiative for s in selectors.similar_initiatives(name="Frugal AI Challenge")] == []
    built = selectors.hint_index.get()

    challenge = LinkedInitiativeFactory(
        name="Frugal AI Challenge", website="https://frugalaichallenge.org/"
    )
    assert [s.initiative for s in selectors.similar_initiatives(name="Frugal AI Challenge")] == [
        challenge
    ]

    challenge.name = "Frugal AI Challenge 2025"
    challenge.website = "https://frugal-ai.example/"
    challenge.save()
    found = selectors.similar_initiatives(name="x", website="frugal-ai.example")
    assert [s.initiative for s in found] == [challenge]

    Initiative.objects.filter(pk=duplicate.pk).update(state=ModerationState.MERGED)
    found = selectors.similar_initiatives(name="ML CO2 Impact", website="mlco2.github.io/impact")
    assert [s.initiative for s in found] == [keep]
    # All of it by updating the index built first, not by rebuilding it.
    assert selectors.hint_index.get() is built
