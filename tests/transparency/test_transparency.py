"""Confidential figures: encrypted at rest, read only by their organisation and appointed readers
(each read logged), published only as aggregates that pass the disclosure rules."""

from __future__ import annotations

import json

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from sustainai.toolkits.transparency import services
from sustainai.toolkits.transparency.encryption import decrypt_value
from sustainai.toolkits.transparency.models import AggregateTable, Read, Submission
from sustainai.toolkits.transparency.uploads import read_rows
from tests.factories.accounts import CoordinatorFactory, MemberUserFactory
from tests.factories.members import OrganisationFactory
from tests.world import CONFIDENTIAL_FIGURE

pytestmark = pytest.mark.django_db


def figure(**changes):
    return {**CONFIDENTIAL_FIGURE, **changes}


def member(name: str):
    return MemberUserFactory(
        email=f"{name}@example.org", organisation=OrganisationFactory(name=name)
    )


def test_a_figure_is_stored_encrypted_in_the_metrics_unit():
    user = member("Helios")
    submission = services.submit(user.organisation, user, figure(value="1 250,5", unit="MWh"))
    assert submission.unit_entered == "MWh"
    assert "1250" not in submission.value_token
    assert decrypt_value(Submission.objects.get().value_token) == 1_250_500.0


def test_the_same_cell_again_replaces_the_figure():
    user = member("Helios")
    services.submit(user.organisation, user, figure(value="10"))
    services.submit(user.organisation, user, figure(value="12"))
    assert decrypt_value(Submission.objects.get().value_token) == 12_000.0


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"metric": "pue"}, "metric", "unknown metric"),
        ({"unit": "litres"}, "unit", "unknown unit for this metric; use one of: Wh, kWh, MWh, GWh"),
        ({"value": "ten"}, "value", "not a number"),
        ({"value": "-3"}, "value", "must be a finite number, zero or more"),
        ({"value": "nan"}, "value", "must be a finite number, zero or more"),
        ({"value": "1e400"}, "value", "must be a finite number, zero or more"),
        (
            {"value": "200000", "unit": "GWh"},
            "value",
            "larger than any organisation's yearly figure",
        ),
        ({"year": "1999"}, "year", "must be between 2015 and"),
        ({"region": "mars"}, "region", "use one of: africa, americas"),
        ({"evidence": "trust me"}, "evidence", "use one of: verified, self-declared"),
        ({"scope": ""}, "scope", "say what the figure covers"),
        ({"scope": "a\x00b"}, "scope", "remove the control character U+0000"),
        ({"scope": "x" * 501}, "scope", "at most 500 characters"),
    ],
)
def test_bad_figures_are_refused_naming_the_field(changes, field, message):
    user = member("Helios")
    with pytest.raises(ValidationError) as error:
        services.submit(user.organisation, user, figure(**changes))
    assert message in error.value.message_dict[field][0]
    assert Submission.objects.count() == 0


def test_an_upload_is_all_or_nothing_and_names_the_row():
    user = member("Helios")
    header = "metric,year,value,unit,region,sector,model_class,method,evidence,scope\n"
    good = "electricity_kwh,2024,10,MWh,europe,cloud,mixed,measured,verified,All sites\n"
    bad = "electricity_kwh,2024,10,MWh,europe,cloud,huge,measured,verified,All sites\n"
    upload = SimpleUploadedFile("figures.csv", (header + good + bad).encode())
    with pytest.raises(ValidationError) as error:
        services.submit_many(user.organisation, user, read_rows(upload))
    assert error.value.message_dict == {
        "model_class": ["row 3: use one of: small, medium, large, mixed"]
    }
    assert Submission.objects.count() == 0
    upload = SimpleUploadedFile("figures.csv", (header + good).encode())
    assert services.submit_many(user.organisation, user, read_rows(upload)) == 1


def test_an_upload_without_a_column_is_refused():
    upload = SimpleUploadedFile("figures.csv", b"metric,year,value\nelectricity_kwh,2024,1\n")
    with pytest.raises(ValidationError, match="row 1: missing column"):
        read_rows(upload)


def _three_organisations_and_a_holding():
    """Europe: A 500, B 300 and C 200 MWh, where B and C are one holding; Asia: D, E, F 100 each."""
    users = {}
    for name, region, value in [
        ("A", "europe", "500"),
        ("B", "europe", "300"),
        ("C", "europe", "200"),
        ("D", "asia", "100"),
        ("E", "asia", "100"),
        ("F", "asia", "100"),
    ]:
        users[name] = member(name)
        services.submit(users[name].organisation, users[name], figure(region=region, value=value))
    services.declare_group(users["B"].organisation, "Holding BC")
    services.declare_group(users["C"].organisation, "Holding BC")
    return users


def test_a_table_publishes_only_safe_cells_and_logs_every_read():
    _three_organisations_and_a_holding()
    coordinator = CoordinatorFactory()
    table = services.save_table(
        AggregateTable(title="Electricity", metric="electricity_kwh", year=2024, by_first="region"),
        coordinator,
    )
    # Europe has two contributors once B and C are merged: hidden. The total minus Asia would
    # give it back, so Asia goes too (an inner cell costs less than the total); the total stays,
    # without its count.
    assert table.result == {
        "cells": [
            {
                "group": {"region": "asia"},
                "value": None,
                "contributors": None,
                "suppressed": True,
                "reason": "secondary",
            },
            {
                "group": {"region": "europe"},
                "value": None,
                "contributors": None,
                "suppressed": True,
                "reason": "threshold",
            },
        ],
        "total": {
            "group": {},
            "value": 1_300_000.0,
            "contributors": None,
            "suppressed": False,
            "reason": None,
        },
    }
    assert Read.objects.filter(reader=coordinator, purpose="aggregate").count() == 6


def test_the_public_table_page_says_why_cells_are_hidden_and_never_the_parameters(client):
    _three_organisations_and_a_holding()
    table = services.save_table(
        AggregateTable(
            title="Electricity",
            metric="electricity_kwh",
            year=2024,
            by_first="region",
            dominance_k=77,
        ),
        CoordinatorFactory(),
    )
    assert client.get(reverse("transparency:table", args=[table.pk])).status_code == 404
    services.set_published(table, True, None)
    page = client.get(reverse("transparency:table", args=[table.pk])).text
    assert "1\u202f300\u202f000" in page or "1,300,000" in page
    assert "hidden: too few contributors" in page
    assert "hidden: protects another cell" in page
    assert "77" not in page


def test_withdrawing_or_erasing_recomputes_published_tables(django_capture_on_commit_callbacks):
    users = _three_organisations_and_a_holding()
    table = services.save_table(
        AggregateTable(title="E", metric="electricity_kwh", year=2024, by_first="region"), None
    )
    services.set_published(table, True, None)
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw(Submission.objects.get(organisation=users["D"].organisation), users["D"])
    table.refresh_from_db()
    assert table.result["cells"][0]["reason"] == "threshold"  # Asia: two left
    with django_capture_on_commit_callbacks(execute=True):
        users["A"].organisation.delete()
    table.refresh_from_db()
    assert [cell["reason"] for cell in table.result["cells"]] == ["threshold", "threshold"]


def test_members_see_their_own_figures_and_who_read_them(client):
    users = _three_organisations_and_a_holding()
    reader = CoordinatorFactory(email="auditor@example.org")
    services.grant_reader(reader, None)
    client.force_login(reader)
    page = client.get(reverse("transparency:figures")).text
    assert "500\u202f000" in page or "500,000" in page
    assert Read.objects.filter(reader=reader, purpose="view").count() == 6

    client.force_login(users["A"])
    page = client.get(reverse("transparency:mine")).text
    assert "auditor@example.org" in page
    assert "500\u202f000" in page or "500,000" in page
    assert "300\u202f000" not in page and "300,000" not in page  # B's figure is not A's to see
    own = Submission.objects.get(organisation=users["B"].organisation)
    response = client.post(reverse("transparency:withdraw", args=[own.pk]))
    assert response.status_code == 403
    assert Submission.objects.filter(pk=own.pk).exists()


def test_list_pages_query_counts(client, django_assert_max_num_queries):
    users = _three_organisations_and_a_holding()
    client.force_login(users["A"])
    with django_assert_max_num_queries(12):
        assert client.get(reverse("transparency:mine")).status_code == 200
    reader = CoordinatorFactory(email="auditor@example.org")
    services.grant_reader(reader, None)
    client.force_login(reader)
    # One insert per figure read: the log is the point.
    with django_assert_max_num_queries(8 + 6):
        assert client.get(reverse("transparency:figures")).status_code == 200


def test_api_submission_and_published_tables(client):
    from sustainai.accounts.tokens import create_token

    user = member("Helios")
    token = create_token(user, name="reporting")[1]
    response = client.post(
        "/api/v1/transparency/submissions",
        figure(value=2.5, unit="GWh"),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["value"], body["unit"], body["organisation"]) == (
        2_500_000.0,
        "kWh",
        user.organisation.slug,
    )
    response = client.post(
        "/api/v1/transparency/submissions",
        figure(unit="barrels"),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["unit"]
    assert client.get("/api/v1/transparency/tables").json() == []


def test_keys_rotate(settings):
    user = member("Helios")
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.SUSTAINAI_CONFIDENTIAL_KEYS = [old]
    services.submit(user.organisation, user, figure(value="7"))
    settings.SUSTAINAI_CONFIDENTIAL_KEYS = [new, old]
    assert services.rotate_keys() == 1
    settings.SUSTAINAI_CONFIDENTIAL_KEYS = [new]
    assert decrypt_value(Submission.objects.get().value_token) == 7000.0


def test_new_key_command(capsys):
    call_command("transparency", "new-key")
    key = capsys.readouterr().out.strip()
    assert Fernet(key.encode())


def test_the_cli_output_is_json_on_stdout(tmp_path, capsys):
    path = tmp_path / "c.csv"
    path.write_text("organisation,metric,value,r\na,m,1,x\nb,m,2,x\nc,m,3,x\n", encoding="utf-8")
    call_command("transparency", "aggregate", str(path), "--metric", "m", "--by", "r")
    assert json.loads(capsys.readouterr().out)["total"]["value"] == 6.0


def test_an_auditor_reads_what_was_granted_and_publishes_an_attestation(client):
    users = _three_organisations_and_a_holding()
    auditor = MemberUserFactory(email="verifier@example.org")
    client.force_login(users["A"])
    response = client.post(reverse("transparency:auditors"), {"email": "verifier@example.org"})
    assert response.status_code == 302

    client.force_login(auditor)
    slug_a, slug_b = users["A"].organisation.slug, users["B"].organisation.slug
    assert client.get(reverse("transparency:audit_organisation", args=[slug_b])).status_code == 403
    page = client.get(reverse("transparency:audit_organisation", args=[slug_a])).text
    assert "500\u202f000" in page or "500,000" in page
    assert Read.objects.filter(reader=auditor, purpose="audit").count() == 1
    response = client.post(
        reverse("transparency:audit_organisation", args=[slug_a]),
        {
            "metric": "electricity_kwh",
            "year": 2023,
            "standard": "iso-14064-3",
            "verifier": "Verifier Ltd",
            "statement": "Reasonable assurance.",
        },
    )
    assert response.status_code == 422  # A reported nothing for 2023
    response = client.post(
        reverse("transparency:audit_organisation", args=[slug_a]),
        {
            "metric": "electricity_kwh",
            "year": 2024,
            "standard": "iso-14064-3",
            "verifier": "Verifier Ltd",
            "statement": "Reasonable assurance on metered electricity.",
        },
    )
    assert response.status_code == 302
    public = client.get(reverse("transparency:index")).text
    assert "Reasonable assurance on metered electricity." in public
    assert "500\u202f000" not in public and "500,000" not in public

    client.force_login(users["A"])
    client.post(reverse("transparency:revoke_auditor", args=[auditor.pk]))
    client.force_login(auditor)
    assert client.get(reverse("transparency:audit_organisation", args=[slug_a])).status_code == 403


def test_intensities_are_published_only_as_the_organisation_chose(client):
    from tests.world import INTENSITY

    rate, band, hidden = member("Rate"), member("Band"), member("Hidden")
    services.report_intensity(
        rate.organisation, rate, {**INTENSITY, "value": "2,5", "disclosure": "rate"}
    )
    services.report_intensity(
        band.organisation, band, {**INTENSITY, "value": "42", "disclosure": "band"}
    )
    services.report_intensity(
        hidden.organisation, hidden, {**INTENSITY, "value": "7", "disclosure": "none"}
    )
    # Without a scale, a band cannot be given: only the rate is published.
    assert [
        (r["intensity"].organisation.name, r["rate"], r["band"])
        for r in services.published_intensities()
    ] == [("Rate", 2.5, None)]
    services.set_band_scale("text-generation", [1, 3, 10, 30, 100, 300], "Illustrative scale")
    assert sorted(
        (r["intensity"].organisation.name, r["rate"], r["band"])
        for r in services.published_intensities()
    ) == [("Band", None, "E"), ("Rate", 2.5, "B")]
    page = client.get(reverse("transparency:intensities")).text
    assert "Hidden" not in page and ">42<" not in page


@pytest.mark.parametrize(
    ("thresholds", "message"),
    [([1, 2, 3], "give six positive numbers"), ([1, 2, 3, 3, 5, 6], "each bound must be above")],
)
def test_band_scales_are_checked(thresholds, message):
    with pytest.raises(ValidationError, match=message):
        services.set_band_scale("text-generation", thresholds, "x")


def test_an_absurd_intensity_is_refused():
    from tests.world import INTENSITY

    user = member("Helios")
    with pytest.raises(ValidationError) as error:
        services.report_intensity(user.organisation, user, {**INTENSITY, "value": "0"})
    assert "must be above 0" in error.value.message_dict["value"][0]


def test_the_workstream_space_and_my_area_show_the_toolkit(coordinator_client, client):
    from tests.factories.workstreams import WorkstreamFactory

    WorkstreamFactory(slug="transparency-trade-sensitivity", title="Transparency")
    services.save_table(
        AggregateTable(
            title="Published one", metric="electricity_kwh", year=2024, by_first="region"
        ),
        None,
    )
    AggregateTable.objects.update(published=True, result={"cells": [], "total": None})
    space = coordinator_client.get(
        reverse("workstreams:space", args=["transparency-trade-sensitivity"])
    )
    assert "<h2>Confidential reporting</h2>" in space.text
    assert "Published one" in space.text

    user = member("Helios")
    services.submit(user.organisation, user, figure())
    client.force_login(user)
    profile = client.get(reverse("accounts:profile")).text
    assert "Your organisation has reported 1 figure in confidence." in profile
