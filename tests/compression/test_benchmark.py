import pytest

from sustainai.compression import CompressionError, benchmark, check, evaluate, nvml
from sustainai.compression.benchmark import latency


def test_dataset_and_metric_must_match():
    assert check("digits", "accuracy").kind == "classification"
    with pytest.raises(CompressionError) as caught:
        check("digits", "cosine_to_base")
    assert caught.value.errors == {
        "metric": "'cosine_to_base' does not apply to digits (classification); use accuracy, f1_macro"
    }
    with pytest.raises(CompressionError) as caught:
        check("imagenet", "accuracy")
    assert list(caught.value.errors) == ["dataset"]


def test_quality_and_latency_of_a_tiny_model(tiny):
    # Random weights: the score is whatever it is, but between 0 and 1 and the same each time.
    score = evaluate(tiny, "iris", "accuracy")
    assert 0.0 <= score <= 1.0
    assert evaluate(tiny, "iris", "accuracy") == score
    lat = latency(tiny, "iris")
    assert set(lat) == {"p50", "p95"}
    assert 0 < lat["p50"] <= lat["p95"]


def test_benchmark_gives_the_documented_shape(tiny):
    pytest.importorskip("codecarbon")
    steps = []
    result = benchmark(tiny, "iris", "accuracy", progress=lambda f, s: steps.append(s))
    assert list(result) == [
        "size_mb",
        "params",
        "metric",
        "quality",
        "latency_ms",
        "energy_j_per_1k",
        "hardware",
        "method",
    ]
    assert result["params"] == 4 * 8 + 8 + 8 * 3
    assert result["size_mb"] == round(tiny.stat().st_size / 1e6, 4)
    assert result["metric"] == "accuracy"
    energy = result["energy_j_per_1k"]
    assert 0 <= energy["low"] <= energy["value"] <= energy["high"]
    assert result["method"] in ("measured", "estimated")
    assert "CPUs" in result["hardware"]
    assert steps == ["quality", "latency", "energy", "done"]


def test_repeat_is_bounded(tiny):
    with pytest.raises(CompressionError) as caught:
        benchmark(tiny, "iris", "accuracy", repeat=0)
    assert caught.value.errors == {"repeat": "from 1 to 20"}


@pytest.mark.skipif(not nvml.available(), reason="no NVIDIA GPU visible to NVML on this machine")
def test_nvml_reading_has_the_same_shape(tmp_path):
    import sys

    reading = nvml.measure_nvml([sys.executable, "-c", "pass"])
    assert reading["exit_code"] == 0
    assert set(reading["energy_kwh"]) == {"value", "low", "high"}
    assert (
        reading["energy_kwh"]["low"]
        <= reading["energy_kwh"]["value"]
        <= reading["energy_kwh"]["high"]
    )
    assert reading["methods"]["gpu"].startswith("measured")
    assert reading["hardware"]["gpu_count"] >= 1
