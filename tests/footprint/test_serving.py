"""Serving deployments on the compute route: accelerator_count without hours is the number of
accelerators one copy of the model is served on."""

import pytest

from sustainai.footprint import FootprintInputError, estimate

# Llama-3.1-70B: 80 layers, 8 KV heads of 128 → 2 × 80 × 8 × 128 × 2 bytes per token at bf16.
LLAMA_70B_KV = 327_680
ISSUE_EXAMPLE = {
    "phase": "inference",
    "accelerator": "H100",
    "accelerator_count": 4,
    "params": 70.6e9,
    "input_tokens": 800,
    "output_tokens": 352,
    "requests": 1000,
    "batch_size": 64,
}
EXACT = {
    "phase": "inference",
    "accelerator": "H100",
    "accelerator_count": 4,
    "params": 70e9,
    "input_tokens": 0,
    "output_tokens": 100,
    "requests": 10,
    "precision": "bf16",
    "mfu": 0.5,
    "kv_cache_bytes_per_token": LLAMA_70B_KV,
    "power_w": 700,
    "pue": 1.0,
    "carbon_intensity_g_per_kwh": 100,
}


def test_the_issue_example_runs_and_fits_on_four_h100():
    result = estimate({**ISSUE_EXAMPLE, "kv_cache_bytes_per_token": LLAMA_70B_KV})
    assert result["route"] == "compute"
    assert result["warnings"] == []
    deployment = result["deployment"]
    assert deployment["accelerator_count"] == 4
    assert deployment["fits_in_memory"] is True
    assert deployment["decode_bound"] == "memory"
    # 70.6e9 × 2 bytes; 327,680 bytes × (800 + 352) tokens × 64 requests; 4 × 80 GB.
    assert deployment["memory_gb"] == {"weights": 141.2, "kv_cache": 24.16, "available": 320}
    assert result["energy_j_per_output_token"]["value"] > 0


def test_memory_bound_decoding_is_timed_from_bandwidth_over_all_accelerators():
    result = estimate(EXACT)
    bandwidth = 4 * 3350e9 * 0.6  # four H100 at the default bandwidth utilisation
    prefill = 140e9 / bandwidth  # no input tokens: one read of the weights
    step = (LLAMA_70B_KV * 50 + 140e9) / bandwidth  # weights + KV cache at mean context 50
    wall_seconds = prefill + 100 * step
    assert result["deployment"]["wall_clock_hours"]["value"] == pytest.approx(
        10 * wall_seconds / 3600, rel=1e-5
    )
    assert result["accelerator_hours"]["value"] == pytest.approx(
        4 * 10 * wall_seconds / 3600, rel=1e-5
    )
    assert result["energy_kwh"]["value"] == pytest.approx(
        4 * 10 * wall_seconds * 700 / 3.6e6, rel=1e-5
    )


def test_every_accelerator_is_counted_for_the_whole_time_idle_share_included():
    result = estimate(EXACT)
    wall = result["deployment"]["wall_clock_hours"]["value"]
    accelerators_kwh = result["energy_by_part_kwh"]["accelerators"]["value"]
    assert accelerators_kwh == pytest.approx(4 * wall * 700 / 1000, rel=1e-5)
    # The arithmetic alone would keep the four accelerators busy for a tiny share of that time.
    flop_seconds = 2 * 70e9 * 100 * 10 / (4 * 989.4e12 * 0.5)
    assert wall * 3600 > 100 * flop_seconds


def test_a_model_too_large_for_the_deployment_is_said_not_to_fit():
    result = estimate({**ISSUE_EXAMPLE, "accelerator_count": 1})
    assert result["deployment"]["fits_in_memory"] is False
    assert result["warnings"] == [
        "Does not fit: the weights take 141.2 GB at bf16, more than the 80 GB of 1 × H100; "
        "serving this model needs at least 2 of them, or a lower precision."
    ]
    fp8 = estimate({**ISSUE_EXAMPLE, "accelerator_count": 2, "precision": "fp8"})
    assert fp8["deployment"]["memory_gb"]["weights"] == 70.6


def test_a_batch_whose_kv_cache_does_not_fit_is_said_so_with_the_largest_batch():
    result = estimate(
        {**ISSUE_EXAMPLE, "batch_size": 1024, "kv_cache_bytes_per_token": LLAMA_70B_KV}
    )
    assert result["deployment"]["fits_in_memory"] is False
    # (320 − 141.2) GB ÷ (327,680 B × 1,152 tokens) = 473.6 requests.
    assert result["warnings"] == [
        "Does not fit: the weights (141.2 GB) and the KV cache of 1024 requests of 1,152 tokens "
        "(386.5 GB) exceed the 320 GB of 4 × H100; at most 473 requests fit in a batch."
    ]


def test_energy_per_token_falls_with_the_batch_until_compute_bound():
    spec = {**EXACT, "input_tokens": 100, "kv_cache_bytes_per_token": 1000}
    per_token = {}
    for batch in (1, 4, 16, 64, 256, 512, 1024):
        result = estimate({**spec, "batch_size": batch})
        per_token[batch] = result["energy_j_per_output_token"]["value"]
        bound = result["deployment"]["decode_bound"]
        assert bound == ("memory" if batch <= 64 else "compute")
    assert per_token[1] > per_token[4] > per_token[16] > per_token[64] > per_token[256]
    # Compute-bound: each token costs its FLOPs at peak × mfu, whatever the batch.
    assert per_token[512] == pytest.approx(per_token[1024], rel=1e-4)
    compute_j = 2 * 70e9 * 2 / (4 * 989.4e12 * 0.5) * 4 * 700  # prefill and decode FLOPs
    assert per_token[1024] == pytest.approx(compute_j, rel=1e-3)


def test_mixture_of_experts_reads_only_the_active_weights_at_batch_one():
    moe = {**EXACT, "params": 140e9, "active_params": 70e9, "accelerator_count": 8}
    dense = {**EXACT, "accelerator_count": 8}
    assert estimate(moe)["accelerator_hours"]["value"] == pytest.approx(
        estimate(dense)["accelerator_hours"]["value"], rel=1e-9
    )
    assert estimate(moe)["deployment"]["memory_gb"]["weights"] == 280


def test_usage_route_keeps_count_and_hours():
    result = estimate({**EXACT, "hours": 2})
    assert result["route"] == "usage"
    assert result["accelerator_hours"]["value"] == 8
    assert "deployment" not in result


def test_training_still_needs_hours_with_accelerator_count():
    with pytest.raises(FootprintInputError) as caught:
        estimate({"phase": "training", "accelerator": "H100", "accelerator_count": 8})
    assert caught.value.errors == {"hours": "required with accelerator_count (wall-clock hours)"}


def test_default_kv_cache_scales_with_parameters_and_precision():
    result = estimate({**ISSUE_EXAMPLE, "precision": "fp8", "power_w": 700})
    lines = [line for line in result["assumptions"] if line.startswith("No kv_cache")]
    # 1.63e-5 × 70.6e9 parameters × 1 byte ÷ 2.
    assert lines == [
        "No kv_cache_bytes_per_token given: 575,400 (range 163,800–2.746e+06) bytes per token "
        "of context, from the parameters (the range spans grouped-query to full multi-head "
        "attention)."
    ]
