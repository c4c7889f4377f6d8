import json

import pytest

from sustainai.footprint import estimate

URL = "/api/v1/footprint/estimate"
BLOOM = {
    "accelerator": "A100-80GB",
    "accelerator_hours": 1082990,
    "power_w": 400,
    "pue": 1.0,
    "carbon_intensity_g_per_kwh": 57,
}


@pytest.mark.django_db
def test_api_estimate_equals_the_library(client):
    response = client.post(URL, BLOOM, content_type="application/json")
    assert response.status_code == 200
    assert response.json() == json.loads(json.dumps(estimate(BLOOM)))
    assert response.json()["energy_kwh"]["value"] == 433196.0


@pytest.mark.django_db
def test_api_estimate_names_every_invalid_field(client):
    response = client.post(
        URL,
        {"hours": -2, "colour": "green", "accelerator": "H100"},
        content_type="application/json",
    )
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert [entry["field"] for entry in detail] == ["colour", "hours"]
    assert detail[1]["message"] == "must be greater than 0"


@pytest.mark.django_db
def test_api_estimate_refuses_a_body_that_is_not_json(client):
    response = client.post(URL, "accelerator=H100", content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "body"


@pytest.mark.django_db
def test_api_estimate_refuses_a_missing_route(client):
    response = client.post(URL, {"accelerator": "H100"}, content_type="application/json")
    assert response.status_code == 422
    assert {entry["field"] for entry in response.json()["detail"]} == {"params", "tokens"}


@pytest.mark.django_db
def test_api_sources_lists_the_catalogue(client):
    response = client.get("/api/v1/footprint/sources")
    assert response.status_code == 200
    assert "H200" in {row["name"] for row in response.json()}


@pytest.mark.django_db
def test_openapi_documents_the_estimate_endpoint(client):
    schema = client.get("/api/openapi.json").json()
    operation = schema["paths"]["/api/v1/footprint/estimate"]["post"]
    assert operation["requestBody"]["content"]["application/json"]["example"]["power_w"] == 400
    assert set(operation["responses"]) == {"200", "422"}


SERVING = {
    "phase": "inference",
    "accelerator": "H100",
    "accelerator_count": 4,
    "params": 70.6e9,
    "input_tokens": 800,
    "output_tokens": 352,
    "requests": 1000,
    "batch_size": 64,
}


@pytest.mark.django_db
def test_api_estimates_a_serving_deployment_and_its_memory_fit(client):
    response = client.post(URL, SERVING, content_type="application/json")
    assert response.status_code == 200
    body = response.json()
    assert body == json.loads(json.dumps(estimate(SERVING)))
    assert body["deployment"]["accelerator_count"] == 4
    assert body["deployment"]["fits_in_memory"] is True
    assert body["warnings"] == []
    one = client.post(URL, {**SERVING, "accelerator_count": 1}, content_type="application/json")
    assert one.status_code == 200
    assert one.json()["deployment"]["fits_in_memory"] is False
    assert one.json()["warnings"][0].startswith("Does not fit: the weights take 141.2 GB")
