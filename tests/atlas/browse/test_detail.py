"""An initiative's page: who sees what, merged entries, related initiatives."""

import pytest

from sustainai.atlas.models import ModerationState
from sustainai.atlas.selectors import related_initiatives
from tests.factories.accounts import MemberUserFactory
from tests.factories.atlas import ActorFactory, InitiativeFactory

pytestmark = pytest.mark.django_db


def test_detail_shows_the_initiative_to_anyone(client):
    initiative = InitiativeFactory(
        name="Green Algorithms",
        aliases=["GA"],
        summary="Estimates the carbon footprint of computations.",
        description="A calculator.",
        countries=["GB", "FR"],
        topics=["carbon"],
        leads=[ActorFactory(name="University of Cambridge")],
        website="https://www.green-algorithms.org/",
        contact="someone@example.org",
        imported_from="atlas-2025.xlsx",
    )

    response = client.get(initiative.get_absolute_url())

    assert response.status_code == 200
    text = response.text
    for expected in [
        "Green Algorithms",
        "Also known as GA",
        "Estimates the carbon footprint of computations.",
        "France</a>, ",
        "United Kingdom",
        "Carbon",
        "University of Cambridge",
        'href="https://www.green-algorithms.org/"',
        "Imported from atlas-2025.xlsx",
        "not an endorsement",
        f'href="/atlas/i/{initiative.slug}/propose-edit/"',
    ]:
        assert expected in text
    assert "someone@example.org" not in text  # a contact may name a person


def test_detail_of_a_merged_initiative_redirects_permanently(client):
    kept = InitiativeFactory(name="Kept")
    merged = InitiativeFactory(name="Duplicate", state=ModerationState.MERGED, merged_into=kept)

    response = client.get(merged.get_absolute_url())

    assert response.status_code == 301
    assert response["Location"] == kept.get_absolute_url()


@pytest.mark.parametrize(
    "state",
    [ModerationState.SUBMITTED, ModerationState.REJECTED, ModerationState.CHANGES_REQUESTED],
)
def test_detail_of_an_unpublished_initiative_is_hidden_from_the_public(client, member_user, state):
    initiative = InitiativeFactory(state=state, submitted_by=MemberUserFactory())

    assert client.get(initiative.get_absolute_url()).status_code == 404
    client.force_login(member_user)
    assert client.get(initiative.get_absolute_url()).status_code == 404


def test_detail_of_an_unpublished_initiative_is_shown_to_its_submitter(client, member_user):
    initiative = InitiativeFactory(
        state=ModerationState.SUBMITTED, submitted_by=member_user, contact="me@example.org"
    )
    client.force_login(member_user)

    response = client.get(initiative.get_absolute_url())

    assert response.status_code == 200
    assert "Awaiting moderation: not public" in response.text
    assert "me@example.org" in response.text


def test_detail_of_an_unpublished_initiative_is_shown_to_coordinators(coordinator_client):
    initiative = InitiativeFactory(state=ModerationState.REJECTED)

    assert coordinator_client.get(initiative.get_absolute_url()).status_code == 200


def test_detail_of_an_unknown_slug_is_not_found(client):
    assert client.get("/atlas/i/nothing-here/").status_code == 404


def test_related_initiatives_prefer_shared_topics_then_countries_then_type():
    initiative = InitiativeFactory(
        name="Focal", type="tool", topics=["energy", "water"], countries=["FR"]
    )
    both_topics = InitiativeFactory(name="Both topics", type="report", topics=["energy", "water"])
    one_topic_country = InitiativeFactory(
        name="Topic and country", type="report", topics=["energy"], countries=["FR"]
    )
    same_type = InitiativeFactory(name="Same type", type="tool")
    InitiativeFactory(name="Unrelated", type="dataset", topics=["carbon"], countries=["US"])
    InitiativeFactory(
        name="Unpublished", type="tool", topics=["energy"], state=ModerationState.SUBMITTED
    )

    related = related_initiatives(initiative)

    assert related == [both_topics, one_topic_country, same_type]


def test_related_initiatives_fall_back_on_similar_names():
    initiative = InitiativeFactory(name="Carbon tracker", type="tool")
    similar = InitiativeFactory(name="Tracker of carbon emissions", type="dataset")
    InitiativeFactory(name="Water", type="dataset")

    assert related_initiatives(initiative) == [similar]


def test_related_initiatives_are_listed_on_the_page(client):
    initiative = InitiativeFactory(topics=["energy"])
    other = InitiativeFactory(name="Energy neighbour", topics=["energy"], type="report")

    response = client.get(initiative.get_absolute_url())

    assert f'<a href="{other.get_absolute_url()}">Energy neighbour</a>' in response.text


@pytest.mark.django_db
def test_detail_shows_versions_and_parts_recorded_by_coordinators(client):
    from sustainai.linkage.models import InitiativeRelation, RelationKind

    edition = InitiativeFactory(name="Guide, second edition", slug="guide-2")
    original = InitiativeFactory(name="Guide", slug="guide")
    InitiativeRelation.objects.create(source=edition, target=original, kind=RelationKind.VERSION_OF)
    response = client.get("/atlas/i/guide/")
    assert response.status_code == 200
    assert 'has a version <a href="/atlas/i/guide-2/">Guide, second edition</a>' in response.text
    response = client.get("/atlas/i/guide-2/")
    assert 'is a version of <a href="/atlas/i/guide/">Guide</a>' in response.text
