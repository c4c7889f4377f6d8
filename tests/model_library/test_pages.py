import datetime

import pytest
from django.core.management.base import OutputWrapper
from django.utils import timezone

from sustainai.toolkits.models import demo, panels, selectors
from sustainai.toolkits.models.models import Entry, Method
from tests.factories.model_library import EntryFactory
from tests.factories.workstreams import WorkstreamFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair():
    base = EntryFactory(slug="mlp", name="MLP", quality=0.97, energy_j_per_1k=2.0, size_mb=0.02)
    small = EntryFactory(
        slug="mlp-int8",
        name="MLP int8",
        base=base,
        method=Method.DYNAMIC_INT8,
        quality=0.96,
        quality_base=0.97,
        energy_j_per_1k=1.0,
        energy_low=0.5,
        energy_high=1.5,
        size_mb=0.008,
        latency_p50_ms=0.01,
        latency_p95_ms=0.02,
        hardware="Xeon (2 CPUs)",
    )
    other = EntryFactory(
        slug="minilm",
        name="MiniLM",
        task="sentence-similarity",
        dataset="minilm-card-sentences",
        metric="cosine_to_base",
        quality=1.0,
        energy_j_per_1k=900.0,
        size_mb=90.0,
    )
    return base, small, other


def test_front_and_energy_ratio(pair):
    base, small, other = pair
    entries = selectors.published()
    assert selectors.front(entries) == {base.pk, small.pk, other.pk}
    assert selectors.energy_ratio(small) == 0.5
    assert selectors.median_energy_ratio(entries) == 0.5


def test_catalogue_filters_in_a_fixed_number_of_queries(client, pair, django_assert_num_queries):
    with django_assert_num_queries(2):  # the tasks of the filter, the entries with their bases
        response = client.get("/models/", {"method": "dynamic-int8"})
    text = response.text
    assert "MLP int8" in text and ">MiniLM<" not in text
    assert "1 model" in text


def test_pareto_view_draws_the_front(client, pair):
    text = client.get("/models/pareto/").text
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in text
    assert text.count("<circle") == 3
    assert "(on the Pareto front)" in text


def test_entry_page(client, pair):
    text = client.get("/models/mlp-int8/").text
    assert "0.50 × the base model’s" in text or "0.50 × the base model's" in text
    assert "p50 0.01 ms, p95 0.02 ms" in text


def test_api_lists_exactly_the_documented_fields(client, pair):
    body = client.get(
        "/api/v1/models", {"task": "image-classification", "method": "dynamic-int8"}
    ).json()
    assert body == {
        "count": 1,
        "items": [
            {
                "slug": "mlp-int8",
                "base": "mlp",
                "method": "dynamic-int8",
                "task": "image-classification",
                "size_mb": 0.008,
                "metric": "accuracy",
                "quality": 0.96,
                "quality_base": 0.97,
                "energy_j_per_1k": {"value": 1.0, "low": 0.5, "high": 1.5},
                "latency_ms": {"p50": 0.01, "p95": 0.02},
                "hardware": "Xeon (2 CPUs)",
                "licence": "Apache-2.0",
            }
        ],
    }
    assert client.get("/api/v1/models", {"task": "nothing"}).json() == {"count": 0, "items": []}


def test_export_csv(client, pair):
    text = client.get("/models/export.csv", {"task": "image-classification"}).content.decode()
    lines = text.strip().splitlines()
    assert lines[0].startswith("slug,name,base,method,task,licence,size_mb")
    assert [line.split(",")[0] for line in lines[1:]] == ["mlp", "mlp-int8"]


def test_report_section(pair):
    Entry.objects.update(is_demo=False)
    today = timezone.localdate()
    section = panels.report_section(today - datetime.timedelta(days=1), today)
    assert [(f.value, str(f.label)) for f in section.figures] == [(3, "model entries published")]
    assert section.items[-1] == "Median energy of a compressed model: 0.5 × its base model's"
    assert (
        panels.report_section(
            today - datetime.timedelta(days=9), today - datetime.timedelta(days=5)
        )
        is None
    )


def test_panel_in_the_workstream_space(coordinator_client, pair):
    text = coordinator_client.get("/workstreams/compressed-models-library/").text
    assert "3 published models" in text


def test_demo_loads_twice_without_change():
    WorkstreamFactory(slug="compressed-models-library")
    out = OutputWrapper(__import__("io").StringIO())
    demo.load(out)
    demo.load(out)
    assert Entry.objects.filter(is_demo=True).count() == len(demo.DEMO) == 9
    assert Entry.objects.get(slug="all-minilm-l6-v2-dynamic-int8").base.slug == "all-minilm-l6-v2"


def test_french_page(client, pair):
    text = client.get("/models/", HTTP_ACCEPT_LANGUAGE="fr").text
    assert "Bibliothèque de modèles compressés" in text
