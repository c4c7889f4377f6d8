"""Saving, validating and moderating pilots; the net effect stored; personal data."""

import pytest
from django.core.exceptions import ValidationError

from sustainai.toolkits.pilots import personal_data, selectors, services
from sustainai.toolkits.pilots.models import KPI, Collection, Pilot, State
from tests.factories.accounts import MemberUserFactory
from tests.pilots.helpers import TRAINING, kpi, values


def test_submit_computes_the_net_effect(showcase):
    user = MemberUserFactory()
    pilot = services.submit(
        values(),
        [kpi()],
        user,
        countries=["FR", "DE"],
        evidence=[("Report", "https://example.org/report")],
    )
    pilot.refresh_from_db()
    assert pilot.state == State.SUBMITTED
    assert pilot.workstream == showcase
    assert pilot.slug == "grid-forecasting"
    assert (pilot.benefit_value, pilot.benefit_low, pilot.benefit_high) == (1000, 800, 1300)
    assert (pilot.footprint_value, pilot.footprint_low, pilot.footprint_high) == (60, 60, 60)
    # low = 800 − 60; high = 1,300 − 60.
    assert (pilot.net_value, pilot.net_low, pilot.net_high) == (940, 740, 1240)
    assert pilot.net_sign == "positive"
    assert pilot.sdg_index == ",7,13,"
    assert sorted(c.country.code for c in pilot.country_links.all()) == ["DE", "FR"]
    assert [(e.title, e.url) for e in pilot.evidence.all()] == [
        ("Report", "https://example.org/report")
    ]
    assert KPI.objects.get(pilot=pilot).unit == "MW"


def test_a_pilot_whose_footprint_exceeds_its_benefit(showcase):
    pilot = services.submit(
        values(measured_kgco2e=30.0, measured_low=20.0, measured_high=45.0, measured_months=6),
        [kpi(avoided_kgco2e=50.0, avoided_low=40.0, avoided_high=60.0)],
        None,
    )
    # Footprint: 60 (training) + 60 (40–90) measured a year = 120 (100–150).
    assert (pilot.footprint_value, pilot.footprint_low, pilot.footprint_high) == (120, 100, 150)
    assert (pilot.net_value, pilot.net_low, pilot.net_high) == (-70, -110, -40)
    assert pilot.net_sign == "negative"


@pytest.mark.parametrize(
    ("changes", "kpi_changes", "errors"),
    [
        ({"trl": 10}, {}, {"trl": "The technology readiness level runs from 1 to 9."}),
        ({"trl": 0}, {}, {"trl": "The technology readiness level runs from 1 to 9."}),
        ({}, {"unit": ""}, {"kpis.0.unit": "Give the unit of the baseline and result."}),
        (
            {},
            {"period_months": None},
            {"kpis.0.period_months": "Give the period the figures cover, from 1 to 1200 months."},
        ),
        ({}, {"method": ""}, {"kpis.0.method": "Say whether the result was measured or modelled."}),
        (
            {},
            {"verified": True},
            {"kpis.0.verifier": "A verified result needs the organisation that verified it."},
        ),
        (
            {"training_spec": {**TRAINING, "pue": 9}},
            {},
            {"training_spec": "pue: must be at most 3"},
        ),
        (
            {"inference_spec": {"accelerator": "Z80", "accelerator_hours": 5}},
            {},
            {
                "inference_spec": "accelerator: 'Z80' is not in the catalogue; known: P100, V100, "
                "A100-40GB, A100-80GB, H100, H200, B200, L4, TPU v3, TPU v4, TPU v5e, TPU v5p, "
                "CPU-only"
            },
        ),
        (
            {},
            {"avoided_low": 2000.0},
            {"kpis.0.avoided_low": "The low bound must not be above the value."},
        ),
    ],
)
def test_bad_input_errors_by_field_and_nothing_saved(showcase, changes, kpi_changes, errors):
    with pytest.raises(ValidationError) as error:
        services.submit(values(**changes), [kpi(**kpi_changes)], None)
    assert {k: v[0] for k, v in error.value.message_dict.items()} == errors
    assert Pilot.objects.count() == 0
    assert KPI.objects.count() == 0


def test_verified_with_verifier_is_accepted(showcase):
    pilot = services.submit(values(), [kpi(verified=True, verifier="Audit Co")], None)
    assert KPI.objects.get(pilot=pilot).verifier == "Audit Co"


def test_moderation_publishes_once(showcase, lead_user):
    pilot = services.submit(values(), [kpi()], None)
    services.moderate(pilot, True, lead_user, "Sources checked.")
    pilot.refresh_from_db()
    assert pilot.state == State.PUBLISHED
    assert pilot.moderated_by == lead_user
    assert pilot.last_verified is not None
    with pytest.raises(services.PilotError):
        services.moderate(pilot, False, lead_user)


def test_rejection(showcase, lead_user):
    pilot = services.submit(values(), [kpi()], None)
    services.moderate(pilot, False, lead_user, "No source.")
    pilot.refresh_from_db()
    assert (pilot.state, pilot.moderation_note) == (State.REJECTED, "No source.")


def test_collection_takes_published_pilots_only(showcase, lead_user):
    pilot = services.submit(values(), [kpi()], None)
    collection = Collection(title="COP showcase", event="A COP")
    with pytest.raises(ValidationError):
        services.save_collection(collection, [pilot], lead_user)
    services.moderate(pilot, True, lead_user)
    pilot.refresh_from_db()
    collection = services.save_collection(
        Collection(title="COP 2", event="A COP"), [pilot], lead_user
    )
    assert list(collection.pilots.all()) == [pilot]
    assert collection.slug == "cop-2"


def test_personal_data_export_and_erasure(showcase, lead_user):
    member = MemberUserFactory()
    pilot = services.submit(values(), [kpi()], member)
    services.edit(pilot, values(title="Grid forecasting 2"), [kpi()], member)
    services.moderate(pilot, True, lead_user, "ok")
    Collection.objects.create(
        workstream=showcase, slug="c", title="C", event="E", created_by=member
    )
    exported = personal_data.export_personal_data(member)
    assert [p["title"] for p in exported["pilots"]] == ["Grid forecasting 2"]
    assert exported["pilots"][0]["submitted_by_you"] is True
    assert [c["title"] for c in exported["pilot_collections"]] == ["C"]
    assert [(e["pilot"], e["fields"]) for e in exported["pilot_edits"]] == [
        ("Grid forecasting 2", ["title"])
    ]
    assert personal_data.erase_personal_data(member) == 3
    pilot.refresh_from_db()
    assert pilot.submitted_by is None
    assert pilot.moderated_by == lead_user
    assert Collection.objects.get(slug="c").created_by is None
    assert pilot.revisions.get().edited_by is None


def test_an_edit_records_what_changed_and_a_decision_reviews_it(showcase, lead_user, settings):
    settings.LANGUAGE_CODE = "en"
    member = MemberUserFactory()
    pilot = services.submit(values(), [kpi()], member, countries=["FR"])
    # Saved as it was: no revision.
    services.edit(pilot, values(), [kpi()], member, countries=["FR"])
    assert not pilot.revisions.exists()
    services.moderate(pilot, True, lead_user)
    services.edit(
        pilot,
        values(trl=7, sector="transport"),
        [kpi(), kpi(name="Curtailment avoided", baseline=None)],
        member,
        countries=["FR", "DE"],
    )
    revision = pilot.revisions.get()
    assert (revision.edited_by, revision.state_before, revision.reviewed) == (
        member,
        State.PUBLISHED,
        False,
    )
    assert [c["field"] for c in revision.changes] == ["sector", "trl", "countries", "kpis"]
    assert [c["before"] for c in revision.changes[:3]] == ["energy", 6, ["FR"]]
    assert [c["after"] for c in revision.changes[:3]] == ["transport", 7, ["DE", "FR"]]
    lines = selectors.revision_lines(revision)
    assert [(line.label, line.before, line.after) for line in lines[:3]] == [
        ("Sector", ["Energy"], ["Transport"]),
        ("Technology readiness level", ["6"], ["7"]),
        ("Countries", ["France"], ["Germany, France"]),
    ]
    assert lines[3].label == "KPIs"
    assert len(lines[3].before) == 1
    assert lines[3].after[1].startswith("Curtailment avoided: — → ")
    assert selectors.unreviewed_revisions(pilot) == [revision]
    pilot.refresh_from_db()
    services.moderate(pilot, True, lead_user)
    assert selectors.unreviewed_revisions(pilot) == []
