import io
import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from sustainai.toolkits.models import services
from sustainai.toolkits.models.models import Entry, RunStatus, Status
from tests.compression.conftest import tiny_onnx
from tests.factories.model_library import EntryFactory
from tests.factories.workstreams import WorkstreamFactory

pytestmark = pytest.mark.django_db

FORM = {
    "name": "Tiny MLP",
    "method": "dynamic-int8",
    "licence": "MIT",
    "task": "tabular-classification",
    "dataset": "iris",
    "metric": "accuracy",
    "quality": 0.9,
}

CARD = """---
license: apache-2.0
pipeline_tag: text-classification
co2_eq_emissions:
  emissions: 12.5
  source: CodeCarbon
model-index:
- name: tiny-card-model
  results:
  - task: {type: tabular-classification}
    dataset: {name: iris, type: iris}
    metrics:
    - {type: accuracy, value: 0.93}
---
"""


@pytest.fixture
def library(settings, tmp_path):
    settings.SUSTAINAI_MODELS_DIR = tmp_path / "models"
    return WorkstreamFactory(slug="compressed-models-library")


def test_a_proposal_is_stored_as_proposed(library, member_user):
    entry = services.propose(member_user, FORM)
    assert (entry.slug, entry.status, entry.proposed_by, entry.workstream) == (
        "tiny-mlp",
        Status.PROPOSED,
        member_user,
        library,
    )
    assert services.propose(member_user, FORM).slug == "tiny-mlp-2"


def test_a_card_fills_the_empty_fields(library, member_user):
    entry = services.propose(member_user, {"method": "base"}, card=CARD)
    assert (entry.name, entry.licence, entry.task, entry.dataset, entry.metric) == (
        "tiny-card-model",
        "apache-2.0",
        "text-classification",
        "iris",
        "accuracy",
    )
    assert (entry.quality, entry.training_co2_g) == (0.93, 12.5)


def test_bad_input_leaves_no_entry(library, member_user, tmp_path):
    with pytest.raises(services.EntryError) as caught:
        services.propose(member_user, {**FORM, "metric": "cosine_to_base"})
    assert list(caught.value.errors) == ["metric"]
    with pytest.raises(services.EntryError) as caught:
        services.propose(member_user, FORM, card="---\nlicense: [mit\n---\n")
    assert caught.value.errors["card"].startswith("malformed YAML at line ")
    with pytest.raises(services.EntryError) as caught:
        services.propose(
            member_user, FORM, upload=SimpleUploadedFile("m.onnx", b"not an onnx model")
        )
    assert caught.value.errors["file"].startswith("not a loadable ONNX model: ")
    assert Entry.objects.count() == 0
    assert not (tmp_path / "models").exists() or not any((tmp_path / "models").rglob("*"))


def test_an_onnx_upload_is_kept_with_the_entry(library, member_user, tmp_path):
    model = tiny_onnx(tmp_path / "tiny.onnx")
    upload = SimpleUploadedFile("tiny.onnx", model.read_bytes())
    entry = services.propose(member_user, FORM, upload=upload)
    assert entry.artefact == "proposals/tiny-mlp.onnx"
    assert services.artefact_path(entry).read_bytes() == model.read_bytes()


def test_leads_decide_once(library, member_user, coordinator):
    entry = services.propose(member_user, FORM)
    services.decide(entry, coordinator, accept=True, reason="Measured here.")
    entry.refresh_from_db()
    assert (entry.status, entry.decided_by) == (Status.PUBLISHED, coordinator)
    with pytest.raises(services.EntryError):
        services.decide(entry, coordinator, accept=False)


def _base_entry(library, settings) -> Entry:
    directory = Path(settings.SUSTAINAI_MODELS_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    tiny_onnx(directory / "tiny.onnx")
    return EntryFactory(
        slug="tiny", name="Tiny", artefact="tiny.onnx", dataset="iris", workstream=library
    )


def test_compress_and_benchmark_from_the_command_line(library, settings):
    base = _base_entry(library, settings)
    out = io.StringIO()
    call_command("models", "compress", "tiny", "--method", "static-int8", stdout=out)
    compressed = Entry.objects.get(slug="tiny-static-int8")
    assert (compressed.base, compressed.method, compressed.status, compressed.artefact) == (
        base,
        "static-int8",
        Status.PUBLISHED,
        "tiny-static-int8.onnx",
    )
    assert out.getvalue().startswith("tiny-static-int8: ")
    out = io.StringIO()
    call_command("models", "benchmark", "tiny", "--format", "json", stdout=out)
    result = json.loads(out.getvalue())
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
    base.refresh_from_db()
    assert base.quality == result["quality"]
    assert base.energy_j_per_1k == result["energy_j_per_1k"]["value"]
    assert base.command == "sustainai models benchmark tiny --repeat 1 --format json"
    assert "onnxruntime" in base.software["versions"]
    compressed.refresh_from_db()
    assert compressed.quality_base == base.quality


def test_a_benchmark_run_from_the_web_records_its_progress(
    library, settings, coordinator, django_capture_on_commit_callbacks
):
    base = _base_entry(library, settings)
    # Tests use the immediate backend: the task runs once the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        run = services.start_benchmark(base, coordinator)
    run.refresh_from_db()
    assert (run.status, run.progress, run.step) == (RunStatus.DONE, 1.0, "done")
    assert run.result["metric"] == "accuracy"


def test_a_run_on_a_broken_file_fails_with_its_reason(library, settings, coordinator):
    base = _base_entry(library, settings)
    services.artefact_path(base).write_bytes(b"broken")
    run = services.perform_run(services.BenchmarkRun.objects.create(entry=base))
    assert run.status == RunStatus.FAILED
    assert run.error.startswith("model: not a loadable ONNX model: ")
