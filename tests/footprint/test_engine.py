import math

import pytest

from sustainai.footprint import FootprintInputError, estimate
from sustainai.footprint.quantity import Q

BLOOM = {
    "accelerator": "A100-80GB",
    "accelerator_hours": 1_082_990,
    "power_w": 400,
    "pue": 1.0,
    "carbon_intensity_g_per_kwh": 57,
}


def errors_of(spec):
    with pytest.raises(FootprintInputError) as caught:
        estimate(spec)
    return caught.value.errors


def test_usage_route_with_exact_inputs_is_exact():
    result = estimate(BLOOM)
    assert result["route"] == "usage"
    assert result["energy_kwh"] == {"value": 433196.0, "low": 433196.0, "high": 433196.0}
    assert result["carbon_kgco2e"] == {"value": 24692.2, "low": 24692.2, "high": 24692.2}
    assert result["accelerator_hours"]["value"] == 1082990.0


def test_count_times_hours_equals_accelerator_hours():
    by_count = estimate({**BLOOM, "accelerator_hours": None, "accelerator_count": 384, "hours": 10})
    assert by_count["accelerator_hours"]["value"] == 3840.0
    assert by_count["energy_kwh"]["value"] == 1536.0


def test_pue_multiplies_energy_and_is_shown_as_overhead():
    result = estimate({**BLOOM, "pue": 1.2})
    assert result["energy_kwh"]["value"] == 519835.0
    assert result["energy_by_part_kwh"]["accelerators"]["value"] == 433196.0
    assert result["energy_by_part_kwh"]["facility_overhead"]["value"] == 86639.2


def test_default_pue_gives_a_range_and_says_so():
    spec = {key: value for key, value in BLOOM.items() if key != "pue"}
    result = estimate(spec)
    assert result["pue"] == {"value": 1.56, "low": 1.1, "high": 2.0}
    assert result["energy_kwh"] == {"value": 675786.0, "low": 476516.0, "high": 866392.0}
    assert any("No PUE given" in line for line in result["assumptions"])
    assert "pue" in [source["id"] for source in result["sources"]]


def test_embodied_is_amortised_over_lifetime_and_use():
    result = estimate({**BLOOM, "embodied_kgco2e_per_accelerator": 462.5})
    # 462.5 kg / (6 years × 8,760 h × 0.85) per GPU-hour, the BLOOM study's method.
    assert result["embodied_kgco2e"]["value"] == pytest.approx(
        1_082_990 * 462.5 / (6 * 8760 * 0.85), rel=1e-5
    )
    given = estimate(
        {
            **BLOOM,
            "embodied_kgco2e_per_accelerator": 1000,
            "hardware_lifetime_years": 5,
            "hardware_use_fraction": 1,
        }
    )
    assert given["embodied_kgco2e"]["value"] == pytest.approx(
        1_082_990 * 1000 / (5 * 8760), rel=1e-5
    )
    assert given["embodied_kgco2e"]["low"] == given["embodied_kgco2e"]["high"]


def test_water_is_it_energy_times_wue():
    result = estimate({**BLOOM, "pue": 1.5, "wue_l_per_kwh": 0.5})
    assert result["water_l"]["value"] == 216598.0


def test_default_power_is_the_catalogue_tdp_with_a_range():
    result = estimate({"accelerator": "H100", "accelerator_hours": 10, "pue": 1, "location": "FR"})
    assert result["power_w_per_accelerator"] == {"value": 700.0, "low": 350.0, "high": 910.0}
    assert result["energy_kwh"] == {"value": 7.0, "low": 3.5, "high": 9.1}


def test_utilisation_scales_the_tdp_exactly():
    result = estimate({"accelerator": "A100-40GB", "accelerator_hours": 10, "utilisation": 0.5})
    assert result["power_w_per_accelerator"]["value"] == 200.0
    assert result["power_w_per_accelerator"]["low"] == 200.0


def test_host_power_is_added_to_each_accelerator():
    result = estimate({**BLOOM, "host_power_w": 100})
    assert result["power_w_per_accelerator"]["value"] == 500.0
    assert result["energy_kwh"]["value"] == 541495.0
    assert result["energy_by_part_kwh"]["accelerators"]["value"] == 433196.0
    assert result["energy_by_part_kwh"]["host"]["value"] == 108299.0
    assert any("Host draw" in line for line in result["assumptions"])


def test_compute_route_training_from_params_and_tokens():
    result = estimate(
        {
            "accelerator": "A100-80GB",
            "params": 7e9,
            "tokens": 2e12,
            "precision": "bf16",
            "mfu": 0.5,
            "power_w": 400,
            "pue": 1.0,
            "carbon_intensity_g_per_kwh": 100,
        }
    )
    hours = 6 * 7e9 * 2e12 / (312e12 * 0.5) / 3600
    assert result["route"] == "compute"
    assert result["accelerator_hours"]["value"] == pytest.approx(hours, rel=1e-5)
    # Only the 6ND coefficient is uncertain here: 5.7 to 7.2.
    assert result["accelerator_hours"]["low"] == pytest.approx(hours * 5.7 / 6, rel=1e-5)
    assert result["accelerator_hours"]["high"] == pytest.approx(hours * 7.2 / 6, rel=1e-5)


def test_active_params_drive_mixture_of_experts_compute():
    dense = estimate({"accelerator": "H100", "params": 47e9, "tokens": 1e12, "pue": 1})
    sparse = estimate(
        {"accelerator": "H100", "params": 47e9, "active_params": 13e9, "tokens": 1e12, "pue": 1}
    )
    ratio = sparse["accelerator_hours"]["value"] / dense["accelerator_hours"]["value"]
    assert ratio == pytest.approx(13 / 47, rel=1e-5)


def test_inference_roofline_per_request_and_per_token():
    result = estimate(
        {
            "phase": "inference",
            "accelerator": "H100",
            "params": 7e9,
            "input_tokens": 0,
            "output_tokens": 100,
            "requests": 10,
            "precision": "bf16",
            "mfu": 0.5,
            "power_w": 700,
            "pue": 1.0,
            "carbon_intensity_g_per_kwh": 100,
        }
    )
    # Batch 1: each step reads 14 GB at 3,350 GB/s × 0.6 (the default bandwidth utilisation);
    # prefill reads the weights once more: 101 reads in all.
    step = 14e9 / (3350e9 * 0.6)
    per_request_kwh = 101 * step * 700 / 3.6e6
    assert result["per_request"]["energy_kwh"]["value"] == pytest.approx(per_request_kwh, rel=1e-5)
    assert result["energy_kwh"]["value"] == pytest.approx(10 * per_request_kwh, rel=1e-5)
    assert result["energy_j_per_output_token"]["value"] == pytest.approx(
        1.01 * step * 700, rel=1e-5
    )


def test_inference_batching_lowers_energy_per_request():
    spec = {
        "phase": "inference",
        "accelerator": "A100-80GB",
        "params": 7e9,
        "input_tokens": 200,
        "output_tokens": 200,
        "requests": 100,
        "location": "FR",
    }
    one = estimate(spec)["per_request"]["energy_kwh"]["value"]
    sixteen = estimate({**spec, "batch_size": 16})["per_request"]["energy_kwh"]["value"]
    assert sixteen < one / 5


def test_location_resolves_country_state_and_cloud_regions():
    base = {"accelerator": "H100", "accelerator_hours": 1, "power_w": 1000, "pue": 1}
    france = estimate({**base, "location": "FR"})
    assert france["carbon_intensity_g_per_kwh"]["value"] == 56.039
    assert estimate({**base, "location": "FRA"})["carbon_intensity_g_per_kwh"]["value"] == 56.039
    assert (
        estimate({**base, "location": "aws:eu-west-3"})["carbon_intensity_g_per_kwh"]["value"]
        == 56.039
    )
    # eGRID2023 California, 394.769 lb/MWh.
    assert estimate({**base, "location": "US-CA"})["carbon_intensity_g_per_kwh"]["value"] == 179.064
    gcp = estimate({**base, "location": "gcp:asia-east1"})
    assert gcp["carbon_intensity_g_per_kwh"]["value"] == 451.0
    assert france["carbon_kgco2e"] == {"value": 0.056039, "low": 0.0504351, "high": 0.0616429}


def test_no_location_uses_the_world_average_with_a_wide_range():
    result = estimate({"accelerator": "H100", "accelerator_hours": 1, "power_w": 1000, "pue": 1})
    intensity = result["carbon_intensity_g_per_kwh"]
    assert intensity["value"] == 475
    assert intensity["low"] < 100 < 700 < intensity["high"]


def test_cpu_only_takes_its_tdp_from_codecarbon():
    result = estimate(
        {"accelerator": "CPU-only", "cpu_model": "AMD EPYC 7763", "hours": 1, "utilisation": 1}
    )
    assert result["power_w_per_accelerator"]["value"] == 280.0


def test_unknown_fields_are_named():
    errors = errors_of({"accelerator": "H100", "hours": 1, "gpu": "x", "watts": 3})
    assert sorted(errors) == ["gpu", "watts"]
    assert errors["gpu"].startswith("unknown field")


def test_invalid_values_are_named_with_the_reason():
    errors = errors_of({"hours": -1, "pue": 0.5, "precision": "fp64", "accelerator_count": 1.5})
    assert errors == {
        "accelerator_count": "must be a whole number (got 1.5)",
        "hours": "must be greater than 0",
        "precision": "must be one of fp32, tf32, fp16, bf16, fp8, int8, int4 (got 'fp64')",
        "pue": "must be at least 1",
    }


def test_unknown_accelerator_location_and_missing_power_are_explained():
    assert "not in the catalogue" in errors_of({"accelerator": "Z80", "hours": 1})["accelerator"]
    assert errors_of({"accelerator": "TPU v5e", "hours": 1}) == {
        "power_w": "TPU v5e has no published power figure in the catalogue: give power_w"
    }
    assert "location" in errors_of({"power_w": 100, "hours": 1, "location": "Atlantis"})
    assert (
        "aws region"
        in errors_of({"power_w": 100, "hours": 1, "location": "aws:mars-1"})["location"]
    )
    assert errors_of({"accelerator": "V100", "flops": 1e20, "precision": "bf16"}) == {
        "precision": "V100 has no bf16 peak in the catalogue; known: fp32, fp16"
    }


def test_missing_route_inputs_are_named():
    assert sorted(errors_of({"accelerator": "H100"})) == ["params", "tokens"]
    assert errors_of({"accelerator": "H100", "accelerator_count": 8}) == {
        "hours": "required with accelerator_count (wall-clock hours)"
    }
    assert errors_of({"phase": "training", "accelerator": "H100", "hours": 1, "requests": 5}) == {
        "requests": "does not apply to training"
    }
    assert errors_of([1, 2]) == {"input": "must be a JSON object of fields"}


def test_quantity_with_a_zero_low_bound_keeps_zero_as_low():
    product = Q(2.0, 0.0, 3.0) * Q(1.0, 0.5, 2.0)
    assert (product.value, product.low) == (2.0, 0.0)
    assert product.high == pytest.approx(2 * math.exp(math.hypot(math.log(1.5), math.log(2))))


def test_quantity_combines_independent_factors_in_log_space():
    a = Q(1.0, 0.5, 2.0)
    product = a * a
    assert product.value == 1.0
    assert product.low == pytest.approx(math.exp(-math.sqrt(2) * math.log(2)))
    assert product.high == pytest.approx(math.exp(math.sqrt(2) * math.log(2)))
    quotient = Q.exact(1.0) / Q(2.0, 1.0, 4.0)
    assert (quotient.low, quotient.high) == (pytest.approx(0.25), pytest.approx(1.0))
