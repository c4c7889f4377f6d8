"""The calculator page and the API take the same deployment inputs and give the same figures."""

from urllib.parse import urlencode

import pytest

URL = "/api/v1/footprint/estimate"
DEPLOYMENT = {
    "phase": "inference",
    "accelerator": "H100",
    "accelerator_count": 4,
    "params": 70.6e9,
    "precision": "bf16",
    "input_tokens": 800,
    "output_tokens": 352,
    "requests": 1000,
    "batch_size": 64,
    "kv_cache_bytes_per_token": 327680,
}


def _both(client, spec):
    """The API's answer and the page's JSON export for the same inputs (no hours given)."""
    api = client.post(URL, spec, content_type="application/json")
    page = client.get(f"/footprint/export/json/?{urlencode(spec)}")
    assert api.status_code == page.status_code == 200
    return api.json(), page.json()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "fits"),
    [({}, True), ({"accelerator_count": 1}, False), ({"batch_size": 512}, False)],
)
def test_page_and_api_agree_on_a_deployment_and_its_memory_fit(client, changes, fits):
    api, page = _both(client, {**DEPLOYMENT, **changes})
    assert api["deployment"] == page["deployment"]
    assert api["deployment"]["fits_in_memory"] is fits
    assert api["warnings"] == page["warnings"]
    assert bool(api["warnings"]) is not fits
    for figure in ("energy_kwh", "carbon_kgco2e", "embodied_kgco2e", "accelerator_hours"):
        assert api[figure] == page[figure]


@pytest.mark.django_db
def test_every_accelerator_is_counted_for_the_serving_time_idle_share_included(client):
    four, _ = _both(client, DEPLOYMENT)
    eight, _ = _both(client, {**DEPLOYMENT, "accelerator_count": 8})
    for body, count in ((four, 4), (eight, 8)):
        wall = body["deployment"]["wall_clock_hours"]["value"]
        assert body["accelerator_hours"]["value"] == pytest.approx(wall * count, rel=1e-4)
        assert any(
            text.startswith(f"All {count} accelerators are counted for the whole serving time")
            for text in body["assumptions"]
        )
    # Twice the accelerators read the weights twice as fast, but all of them are counted.
    assert (
        eight["deployment"]["wall_clock_hours"]["value"]
        < four["deployment"]["wall_clock_hours"]["value"]
    )


@pytest.mark.django_db
def test_energy_per_token_falls_as_the_batch_grows_until_compute_bound(client):
    spec = {
        **DEPLOYMENT,
        "accelerator": "H200",
        "accelerator_count": 8,
        "input_tokens": 100,
        "output_tokens": 100,
    }
    per_token, bounds = [], []
    for batch in (1, 8, 64, 512, 2048):
        api, page = _both(client, {**spec, "batch_size": batch})
        assert api["energy_j_per_output_token"] == page["energy_j_per_output_token"]
        per_token.append(api["energy_j_per_output_token"]["value"])
        bounds.append(api["deployment"]["decode_bound"])
    assert per_token == sorted(per_token, reverse=True)
    assert bounds[0] == "memory" and bounds[-1] == "compute"
    # Once compute-bound, a larger batch saves little: the weights' reads are already shared.
    assert per_token[-2] / per_token[-1] < per_token[0] / per_token[1]
