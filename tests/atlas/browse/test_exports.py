"""Exports of the directory's current view: CSV (streamed), XLSX, JSON, GeoJSON."""

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from sustainai.atlas.models import ModerationState
from tests.factories.atlas import ActorFactory, InitiativeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def initiatives():
    kept = InitiativeFactory(
        name="Green Algorithms",
        slug="green-algorithms",
        type="tool",
        countries=["GB", "FR"],
        topics=["carbon", "energy"],
        leads=[ActorFactory(name="University of Cambridge")],
        start_year=2020,
        summary="Carbon calculator",
    )
    InitiativeFactory(name="Dataset one", type="dataset", countries=["SG"])
    InitiativeFactory(name="Hidden tool", type="tool", state=ModerationState.SUBMITTED)
    return kept


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_csv_export_streams_the_filtered_view(client, initiatives):
    response = client.get("/atlas/export.csv", {"type": "tool"})

    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="atlas-initiatives.csv"'
    rows = list(csv.DictReader(io.StringIO(body(response).decode("utf-8-sig"))))
    assert len(rows) == 1
    row = rows[0]
    assert row["name"] == "Green Algorithms"
    assert row["url"] == "http://127.0.0.1:8000/atlas/i/green-algorithms/"
    assert row["countries"] == "FR; GB"
    assert row["topics"] == "energy; carbon"  # in the vocabulary's order
    assert row["lead_organisations"] == "University of Cambridge"
    assert row["start_year"] == "2020"


def test_xlsx_export_has_a_header_and_a_row_per_initiative(client, initiatives):
    response = client.get("/atlas/export.xlsx")

    sheet = load_workbook(io.BytesIO(body(response)), read_only=True)["initiatives"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("id", "name", "aliases")
    assert [row[1] for row in rows[1:]] == ["Dataset one", "Green Algorithms"]


def test_json_export_follows_the_search(client, initiatives):
    response = client.get("/atlas/export.json", {"q": "carbon"})

    data = json.loads(body(response))
    assert [item["name"] for item in data["items"]] == ["Green Algorithms"]
    assert data["items"][0]["countries"] == ["FR", "GB"]


def test_geojson_export_places_a_point_per_country(client, initiatives):
    response = client.get("/atlas/export.geojson")

    data = json.loads(body(response))
    assert data["type"] == "FeatureCollection"
    features = {f["properties"]["name"]: f for f in data["features"]}
    points = features["Green Algorithms"]["geometry"]["coordinates"]
    assert features["Green Algorithms"]["geometry"]["type"] == "MultiPoint"
    assert len(points) == 2
    (fr_lon, fr_lat), (gb_lon, gb_lat) = points
    assert 0 < fr_lon < 5 and 45 < fr_lat < 48
    assert -4 < gb_lon < 0 and 51 < gb_lat < 55
    assert features["Dataset one"]["geometry"] is None  # Singapore is not on the 1:110m map


def test_export_of_an_unknown_format_is_not_found(client):
    assert client.get("/atlas/export.pdf").status_code == 404


def test_exports_hold_a_formula_as_text_and_drop_control_characters(client):
    InitiativeFactory(name="Formula", summary='=HYPERLINK("http://evil.example")\x07')
    csv_body = body(client.get("/atlas/export.csv")).decode("utf-8-sig")
    [row] = list(csv.DictReader(io.StringIO(csv_body)))
    assert row["summary"] == '\'=HYPERLINK("http://evil.example")'
    response = client.get("/atlas/export.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(body(response)))["initiatives"]
    header = [cell.value for cell in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("summary") + 1)
    assert (cell.value, cell.data_type) == ('\'=HYPERLINK("http://evil.example")', "s")
