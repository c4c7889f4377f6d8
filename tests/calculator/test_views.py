import pytest
import yaml

QUERY = (
    "accelerator=A100-80GB&accelerator_hours=1082990&power_w=400&pue=1&"
    "carbon_intensity_g_per_kwh=57"
)


@pytest.mark.django_db
def test_calculator_page_without_inputs_shows_the_form(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/footprint/")
    assert response.status_code == 200
    assert '<form method="get" action="/footprint/"' in response.text
    assert 'id="result"' not in response.text


@pytest.mark.django_db
def test_calculator_page_renders_result_chart_and_sources(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(f"/footprint/?{QUERY}")
    assert response.status_code == 200
    text = response.text
    assert '<th scope="row">Energy (kWh)</th><td>433,200</td>' in text
    assert '<svg viewBox="0 0 640' in text
    assert "Embodied" in text
    assert "Luccioni, Viguier &amp; Ligozat 2022" in text
    assert f'value="http://testserver/footprint/?{QUERY.replace("&", "&amp;")}"' in text
    assert f'href="/footprint/export/model-card/?{QUERY.replace("&", "&amp;")}"' in text


@pytest.mark.django_db
def test_calculator_chart_shows_the_host_when_given(client):
    response = client.get(f"/footprint/?{QUERY}&host_power_w=100")
    assert response.status_code == 200
    assert "Host (CPU, memory, network)" in response.text
    assert response.text.count('<g class="bar">') == 6


@pytest.mark.django_db
def test_calculator_page_shows_errors_next_to_their_fields(client):
    response = client.get("/footprint/?accelerator=H100&hours=-3&pue=0.2")
    assert response.status_code == 422
    assert 'id="id_hours_error" role="alert">must be greater than 0</small>' in response.text
    assert 'id="id_pue_error" role="alert">must be at least 1</small>' in response.text
    assert 'aria-describedby="id_hours_error"' in response.text


@pytest.mark.django_db
def test_calculator_page_shows_route_errors(client):
    response = client.get("/footprint/?accelerator=H100")
    assert response.status_code == 422
    assert "id_params_error" in response.text
    assert "id_tokens_error" in response.text


@pytest.mark.django_db
def test_export_model_card_is_yaml_in_grams(client):
    response = client.get(f"/footprint/export/model-card/?{QUERY}")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="co2_eq_emissions.yaml"'
    block = yaml.safe_load(response.content)["co2_eq_emissions"]
    assert block["emissions"] == 24692200.0
    assert block["hardware_used"] == "A100-80GB"


@pytest.mark.django_db
def test_export_sci_and_json(client):
    sci = client.get(f"/footprint/export/sci/?{QUERY}").json()
    assert sci["functional_unit"] == "training run"
    assert sci["sci_gco2e_per_unit"]["value"] == pytest.approx(24692200 + 11211500, rel=1e-5)
    full = client.get(f"/footprint/export/json/?{QUERY}").json()
    assert full["energy_kwh"]["value"] == 433196.0


@pytest.mark.django_db
def test_export_refuses_invalid_inputs_and_unknown_formats(client):
    response = client.get("/footprint/export/json/?hours=-1")
    assert response.status_code == 422
    assert response.text == "hours: must be greater than 0"
    assert client.get(f"/footprint/export/pdf/?{QUERY}").status_code == 404


SERVING = (
    "phase=inference&accelerator=H100&accelerator_count=4&params=70.6e9&input_tokens=800&"
    "output_tokens=352&requests=1000&batch_size=64&kv_cache_bytes_per_token=327680"
)


@pytest.mark.django_db
def test_calculator_page_serves_a_deployment_and_says_it_fits(client):
    response = client.get(f"/footprint/?{SERVING}")
    assert response.status_code == 200
    text = response.text
    assert (
        "Serving deployment: 4 accelerators, batches of 64, bf16. Memory: weights 141.2 GB + "
        "KV cache 24.16 GB of 320 GB."
    ) in text
    assert "The model fits." in text
    assert "Decoding is memory-bound." in text
    assert '<th scope="row">Serving wall-clock hours</th>' in text
    assert 'role="alert"' not in text


@pytest.mark.django_db
def test_calculator_page_warns_when_the_model_does_not_fit(client):
    response = client.get(
        f"/footprint/?{SERVING.replace('accelerator_count=4', 'accelerator_count=1')}"
    )
    assert response.status_code == 200
    text = response.text
    assert (
        '<div class="errorlist" role="alert"><p>Does not fit: the weights take 141.2 GB at bf16, '
        "more than the 80 GB of 1 × H100; serving this model needs at least 2 of them, or a "
        "lower precision.</p></div>"
    ) in text
    assert "<strong>The model does not fit in this deployment.</strong>" in text
