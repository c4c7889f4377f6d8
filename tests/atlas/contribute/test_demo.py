import io

import pytest
from django.core.management import call_command
from django_countries import countries

from sustainai.atlas import demo
from sustainai.atlas.models import (
    EditProposal,
    Initiative,
    InitiativeStatus,
    InitiativeType,
    ModerationState,
    Region,
    Scope,
    Topic,
)
from sustainai.atlas.normalise import parse_website

pytestmark = pytest.mark.django_db


def test_demo_file_uses_only_the_vocabularies_and_records_a_source():
    topics = set(Topic.objects.values_list("slug", flat=True))
    slugs = [entry["slug"] for entry in demo.entries()]
    assert len(slugs) == len(set(slugs))
    for entry in demo.entries():
        values = demo.values_of(entry)
        assert values["type"] in InitiativeType.values, entry["slug"]
        assert values["status"] in InitiativeStatus.values, entry["slug"]
        assert values["scope"] in Scope.values, entry["slug"]
        assert set(values["regions"]) <= set(Region.values), entry["slug"]
        assert set(values["topics"]) <= topics, entry["slug"]
        assert all(code in countries for code in values["countries"]), entry["slug"]
        assert entry["source"].startswith("https://"), entry["slug"]
        assert parse_website(values["website"]) == values["website"], entry["slug"]
        assert values["summary"] and values["description"], entry["slug"]


def test_demo_loads_40_real_initiatives_and_three_near_duplicates_idempotently():
    call_command("demo", stdout=io.StringIO())
    ours = Initiative.objects.filter(imported_from=demo.SOURCE)  # other apps' demos add some
    published = ours.filter(state=ModerationState.PUBLISHED)
    submitted = ours.filter(state=ModerationState.SUBMITTED)
    assert published.count() >= 40
    assert sorted(submitted.values_list("slug", flat=True)) == [
        "code-carbon-tracker",
        "iso-iec-tr-20226-draft",
        "referentiel-general-pour-lia-frugale",
    ]
    assert {i.submitted_by.email for i in submitted} == {"member@example.org"}
    assert ours.filter(is_demo=False).count() == 0
    assert ours.count() == len(demo.entries())
    assert published.filter(published_at__isnull=True).count() == 0
    green = Initiative.objects.get(slug="green-algorithms")
    assert (green.start_year, green.website) == (2020, "https://www.green-algorithms.org/")
    assert [a.name for a in green.lead_organisations.all()] == ["University of Cambridge"]
    assert [c.country.code for c in green.country_links.all()] == ["GB"]
    assert EditProposal.objects.filter(initiative__slug="ml-energy-leaderboard").count() == 1

    counts = (Initiative.objects.count(), Initiative.history.count(), EditProposal.objects.count())
    call_command("demo", stdout=io.StringIO())
    assert (
        Initiative.objects.count(),
        Initiative.history.count(),
        EditProposal.objects.count(),
    ) == counts
