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
    assert '<form method="get" action="/footprint/#result"' in response.text
    assert 'id="result"' not in response.text


@pytest.mark.django_db
def test_calculator_page_renders_result_chart_and_sources(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(f"/footprint/?{QUERY}")
    assert response.status_code == 200
    text = response.text
    assert (
        '<tr><th scope="row">Energy</th><td>433\xa0MWh</td><td>433\xa0MWh</td><td>433\xa0MWh</td></tr>'
        in text
    )
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
    assert 'id="id_hours_error">must be greater than 0</p>' in response.text
    assert '<details class="calculator-advanced" open>' in response.text
    assert 'id="id_pue_error">must be at least 1</p>' in response.text
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
    assert sci["sci_gco2e_per_unit"]["value"] == pytest.approx(24692200 + 32023100, rel=1e-5)
    full = client.get(f"/footprint/export/json/?{QUERY}").json()
    assert full["energy_kwh"]["value"] == 433196.0


@pytest.mark.django_db
def test_export_refuses_invalid_inputs_and_unknown_formats(client):
    response = client.get("/footprint/export/json/?hours=-1")
    assert response.status_code == 422
    assert response.text == "hours: must be greater than 0"
    assert client.get(f"/footprint/export/pdf/?{QUERY}").status_code == 404


def _result(text: str) -> str:
    return text[
        text.index('<section id="result"') : text.index(
            '<section aria-labelledby="inputs-heading">'
        )
    ]


@pytest.mark.django_db
def test_the_result_comes_first_with_a_headline_in_tonnes_and_everyday_comparisons(client):
    text = client.get(f"/footprint/?{QUERY}").text
    assert text.index('<section id="result"') < text.index('<form method="get"')
    result = _result(text)
    assert (
        '<p class="headline"><strong>≈&nbsp;56.7\xa0t CO₂e</strong> '
        '<span class="range">(35.8–86.3)</span></p>'
    ) in result
    assert "Electricity: ≈&nbsp;433\xa0MWh; cooling water: ≈&nbsp;780\xa0m³." in result
    assert "About as much electricity as 120 EU homes use in a year." in result
    assert "About the emissions of driving 525,000 km in an average new car." in result
    assert "an EU home uses 3,600 kWh of electricity a year; source:" in result
    assert "European Environment Agency, CO2 performance of new passenger cars in Europe" in result
    assert (
        '<tr><th scope="row">Water (on-site cooling)</th>'
        "<td>780\xa0m³</td><td>86.6\xa0m³</td><td>1,300\xa0m³</td></tr>"
    ) in result
    assert (
        "Software Carbon Intensity (SCI, Green Software Foundation): 56.7\xa0t CO₂e per training run."
        in result
    )


@pytest.mark.django_db
def test_the_chart_and_the_table_agree_to_three_significant_digits(client):
    result = _result(client.get(f"/footprint/?{QUERY}").text)
    assert '<text x="0" y="14" font-weight="bold" font-size="14">Energy (MWh)</text>' in result
    assert "<title>Accelerators: 433 (433–433)</title>" in result
    assert "Emissions (t CO₂e)</text>" in result
    assert "<title>Operational: 24.7 (24.7–24.7)</title>" in result
    assert '<tr><th scope="row">Operational emissions</th><td>24.7\xa0t CO₂e</td>' in result


@pytest.mark.django_db
def test_small_figures_get_small_units(client):
    result = _result(
        client.get(
            "/footprint/?phase=inference&accelerator=H100&params=7B&input_tokens=500&"
            "output_tokens=200&requests=1000&batch_size=8&location=France"
        ).text
    )
    assert "Energy</th><td>35.4\xa0Wh</td><td>14.7\xa0Wh</td><td>93.1\xa0Wh</td>" in result
    assert "Water (on-site cooling)</th><td>40.8\xa0mL</td>" in result
    assert "Energy per output token</th><td>0.637\xa0J</td>" in result
    assert "About 5.16 minutes of an EU home&#x27;s electricity use." in result
    assert "About the emissions of driving 33.2 metres in an average new car." in result


@pytest.mark.django_db
def test_amounts_with_a_scale_are_read(client):
    spelled = client.get("/footprint/?accelerator=V100&params=70M&tokens=1.5e9&location=DE").text
    scaled = client.get(
        "/footprint/?accelerator=V100&params=70000000&tokens=1500000000&location=DE"
    ).text
    assert _result(spelled).split("<h3>Share")[0] == _result(scaled).split("<h3>Share")[0]
    big = _result(client.get("/footprint/?accelerator=H100&params=7B&tokens=1T&pue=1.2").text)
    assert "Training FLOPs" in big
    assert "= 4.2 × 10²² (range 3.99 × 10²²–5.04 × 10²²)." in big


@pytest.mark.django_db
def test_an_amount_that_is_not_a_number_is_refused_by_name(client):
    response = client.get("/footprint/?accelerator=H100&params=7X&tokens=1T")
    assert response.status_code == 422
    assert (
        '<p class="errorlist" id="id_params_error">Parameters: “7X” is not a '
        "number. Write it as 7000000000, 7e9 or 7B (k: thousand, M: million, B: billion, "
        "T: trillion).</p>"
    ) in response.text
    assert 'id="result"' not in response.text


@pytest.mark.django_db
def test_location_by_country_name_in_english_or_french_or_from_the_picker(client):
    by_code = _result(client.get("/footprint/?accelerator=H100&hours=10&location=DE").text)
    by_name = _result(client.get("/footprint/?accelerator=H100&hours=10&location=germany").text)
    in_french = _result(client.get("/footprint/?accelerator=H100&hours=10&location=Allemagne").text)
    picked = _result(client.get("/footprint/?accelerator=H100&hours=10&country=DE").text)
    figures = by_code.split("<h3>Share")[0]
    assert "Grid carbon intensity of Germany (DEU) annual average" in figures
    assert by_name.split("<h3>Share")[0] == figures
    assert in_french.split("<h3>Share")[0] == figures
    assert picked.split("<h3>Share")[0] == figures


@pytest.mark.django_db
def test_the_country_picker_lists_countries_in_the_current_language(client):
    english = client.get("/footprint/").text
    french = client.get("/footprint/", HTTP_ACCEPT_LANGUAGE="fr").text
    assert '<option value="DE">Germany</option>' in english
    assert '<option value="DE">Allemagne</option>' in french


@pytest.mark.django_db
def test_a_country_and_a_different_region_together_are_refused(client):
    response = client.get("/footprint/?accelerator=H100&hours=10&country=DE&location=aws:eu-west-3")
    assert response.status_code == 422
    assert "Give either a country or a region, not both." in response.text


@pytest.mark.django_db
def test_internal_names_do_not_show(client):
    result = _result(client.get("/footprint/?accelerator=H100&params=7B&tokens=1T").text)
    assert "No model FLOPs utilisation given: 0.35 (range 0.15–0.55)." in result
    assert "mfu" not in result.split("<h3>Sources")[0]
    assert "SCI:" not in result
    assert "gCO2e" not in result.split("<h3>Sources")[0]


@pytest.mark.django_db
def test_numbers_follow_the_language(client):
    result = _result(client.get(f"/footprint/?{QUERY}", HTTP_ACCEPT_LANGUAGE="fr").text)
    assert "≈&nbsp;56,7\xa0t CO₂e" in result
    assert "<td>1\xa0300\xa0m³</td>" in result
    assert "<td>1\xa0080\xa0000\xa0h</td>" in result


@pytest.mark.django_db
def test_the_result_reads_in_french(client):
    result = _result(client.get(f"/footprint/?{QUERY}", HTTP_ACCEPT_LANGUAGE="fr").text)
    assert "Environ autant d&#x27;électricité que 120 logements de l&#x27;UE en un an." in result
    assert "<li>Phase non indiquée\xa0: traitée comme entraînement.</li>" in result
    assert "<li>Durée de vie du matériel 6 ans (fourchette 4–7).</li>" in result
    assert '<tr><th scope="row">Émissions totales</th><td>56,7\xa0t CO₂e</td>' in result
    assert "Énergie (MWh)</text>" in result
    assert "par entraînement." in result


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
