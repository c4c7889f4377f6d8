"""Writes: proposing an entry (from a form or a model card, with an optional ONNX file), the
leads' decision, compressing an entry into a new one, and recording a benchmark. Every input is
checked before anything is written: a bad ONNX file, a malformed card or a metric that does not
fit the dataset leaves no entry behind."""

from __future__ import annotations

import math
import shlex
import shutil
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify

from sustainai.compression import CompressionError, check, environment, read_card
from sustainai.compression import benchmark as run_benchmark_pipeline
from sustainai.compression import compress as compress_model
from sustainai.compression.datasets import SEED, split
from sustainai.compression.models import check_onnx
from sustainai.toolkits.models.models import BenchmarkRun, Entry, Method, RunStatus, Status
from sustainai.workstreams.models import Workstream

MAX_UPLOAD = 50 * 1024 * 1024


class EntryError(ValueError):
    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


def models_dir() -> Path:
    return Path(getattr(settings, "SUSTAINAI_MODELS_DIR", settings.VAR_DIR / "models"))


def artefact_path(entry: Entry) -> Path:
    return models_dir() / entry.artefact


def workstream() -> Workstream:
    from sustainai.toolkits.models.apps import WORKSTREAM_SLUG

    found = Workstream.objects.filter(slug=WORKSTREAM_SLUG).first()
    if found is None:
        raise EntryError({"workstream": "the compressed-models workstream is not open"})
    return found


def _unique_slug(text: str) -> str:
    base = slugify(text)[:90] or "model"
    slug, n = base, 2
    while Entry.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def card_fields(text: str) -> dict[str, Any]:
    """The entry fields a model card gives (``EntryError`` on a malformed card)."""
    try:
        card = read_card(text)
    except CompressionError as error:
        raise EntryError(error.errors) from None
    fields: dict[str, Any] = {
        "licence": card["licence"],
        "task": card["task"],
        "base_name": card["base_model"],
        "training_co2_g": card["co2_eq_emissions_g"],
    }
    if card["name"]:
        fields["name"] = card["name"]
    if card["results"]:
        first = card["results"][0]
        fields.update(dataset=first["dataset"], metric=first["metric"], quality=first["value"])
        fields["task"] = fields["task"] or first["task"]
    return {k: v for k, v in fields.items() if v not in ("", None)}


def propose(user, data: dict[str, Any], *, card: str = "", upload: Any = None) -> Entry:
    """A proposed entry from ``data`` (the form's fields), completed by a model card's metadata
    where the form leaves a field empty, with an optional ONNX file. Raises ``EntryError``."""
    values = {k: v for k, v in data.items() if v not in ("", None)}
    if card.strip():
        for key, value in card_fields(card).items():
            values.setdefault(key, value)
    errors: dict[str, str] = {}
    for required in ("name", "method", "licence", "task", "dataset", "metric"):
        if not values.get(required):
            errors[required] = "required"
    for key in ("quality", "quality_base", "size_mb", "energy_j_per_1k"):
        value = values.get(key)
        if value is not None and (not math.isfinite(float(value)) or float(value) < 0):
            errors[key] = "a finite number, zero or more"
    if not errors:
        try:
            check(values["dataset"], values["metric"])
        except CompressionError as error:
            errors.update(error.errors)
    if errors:
        raise EntryError(errors)
    staged = _stage_upload(upload) if upload is not None else None
    try:
        with transaction.atomic():
            entry = Entry.objects.create(
                workstream=workstream(),
                slug=_unique_slug(values["name"]),
                status=Status.PROPOSED,
                proposed_by=user,
                **{k: v for k, v in values.items() if k in _ENTRY_FIELDS},
            )
            if staged is not None:
                target = models_dir() / "proposals" / f"{entry.slug}.onnx"
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(str(staged), target)
                entry.artefact = str(target.relative_to(models_dir()))
                entry.size_mb = round(target.stat().st_size / 1e6, 4)
                entry.save(update_fields=["artefact", "size_mb"])
    finally:
        if staged is not None and staged.exists():
            staged.unlink()
    return entry


_ENTRY_FIELDS = {
    "name",
    "base",
    "base_name",
    "method",
    "licence",
    "task",
    "dataset",
    "metric",
    "quality",
    "quality_base",
    "size_mb",
    "params",
    "energy_j_per_1k",
    "hardware",
    "source",
    "training_co2_g",
}


def _stage_upload(upload: Any) -> Path:
    """The uploaded file in a temporary place, once ONNX Runtime loads it."""
    if upload.size > MAX_UPLOAD:
        raise EntryError({"file": f"at most {MAX_UPLOAD // (1024 * 1024)} MB"})
    with tempfile.NamedTemporaryFile(suffix=".onnx", delete=False) as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    path = Path(handle.name)
    try:
        check_onnx(path)
    except CompressionError as error:
        path.unlink()
        raise EntryError({"file": error.errors["model"]}) from None
    return path


def decide(entry: Entry, user, *, accept: bool, reason: str = "") -> Entry:
    if entry.status != Status.PROPOSED:
        raise EntryError({"status": "already decided"})
    with transaction.atomic():
        entry.status = Status.PUBLISHED if accept else Status.REJECTED
        entry.decided_by = user
        entry.decision_reason = reason
        entry.save(update_fields=["status", "decided_by", "decision_reason", "updated_at"])
    return entry


def compress_entry(entry: Entry, method: str, *, user=None) -> Entry:
    """A new published entry: ``entry``'s model compressed by ``method`` (files under the models
    directory), with its quality measured against the base; raises ``EntryError``."""
    if not entry.artefact or not artefact_path(entry).is_file():
        raise EntryError({"entry": f"{entry.slug} has no model file to compress"})
    source = artefact_path(entry)
    target = source.with_name(f"{source.stem}-{method}{source.suffix}")
    calibration = None
    if method == "static-int8":
        try:
            calibration = split(entry.dataset)[0]
        except CompressionError as error:
            raise EntryError(error.errors) from None
    try:
        compress_model(source, target, method, calibration=calibration)
    except CompressionError as error:
        raise EntryError(error.errors) from None
    name = f"{entry.name}, {Method(method).label}"
    with transaction.atomic():
        compressed, _ = Entry.objects.update_or_create(
            slug=f"{entry.slug}-{method}"[:100],
            defaults={
                "workstream": entry.workstream,
                "name": name,
                "base": entry,
                "method": method,
                "licence": entry.licence,
                "task": entry.task,
                "dataset": entry.dataset,
                "metric": entry.metric,
                "artefact": str(target.relative_to(models_dir())),
                "size_mb": round(target.stat().st_size / 1e6, 4),
                "quality_base": entry.quality,
                "seed": SEED,
                "command": f"sustainai models compress {shlex.quote(entry.slug)} --method {method}",
                "status": Status.PUBLISHED,
                "is_demo": entry.is_demo,
                "proposed_by": user,
            },
        )
    return compressed


def benchmark_entry(entry: Entry, *, repeat: int = 1, progress: Any = None) -> dict[str, Any]:
    """Run the pipeline's benchmark on the entry's file and record it; returns the result."""
    if not entry.artefact or not artefact_path(entry).is_file():
        raise EntryError({"entry": f"{entry.slug} has no model file to benchmark"})
    base = artefact_path(entry.base) if entry.base is not None and entry.base.artefact else None
    try:
        result = run_benchmark_pipeline(
            artefact_path(entry),
            entry.dataset,
            entry.metric,
            base=base,
            repeat=repeat,
            progress=progress,
        )
    except CompressionError as error:
        raise EntryError(error.errors) from None
    record_benchmark(entry, result, repeat=repeat)
    return result


def record_benchmark(entry: Entry, result: dict[str, Any], *, repeat: int) -> None:
    with transaction.atomic():
        entry.size_mb = result["size_mb"]
        entry.params = result["params"]
        entry.quality = result["quality"]
        entry.latency_p50_ms = result["latency_ms"]["p50"]
        entry.latency_p95_ms = result["latency_ms"]["p95"]
        energy = result["energy_j_per_1k"]
        entry.energy_j_per_1k, entry.energy_low, entry.energy_high = (
            energy["value"],
            energy["low"],
            energy["high"],
        )
        entry.energy_method = result["method"]
        entry.hardware = result["hardware"][:300]
        entry.software = environment()
        entry.seed = SEED
        entry.command = (
            f"sustainai models benchmark {shlex.quote(entry.slug)} --repeat {repeat} --format json"
        )
        if entry.base is not None:
            entry.quality_base = entry.base.quality
        entry.save()
        # The entries compressed from this one compare against its new quality.
        Entry.objects.filter(base=entry).update(quality_base=entry.quality)


def start_benchmark(entry: Entry, user, *, repeat: int = 1) -> BenchmarkRun:
    """A queued benchmark run, done by the worker (``tasks.benchmark_task``)."""
    if not entry.artefact:
        raise EntryError({"entry": "no model file to benchmark"})
    run = BenchmarkRun.objects.create(entry=entry, repeat=repeat, requested_by=user)
    from sustainai.toolkits.models.tasks import benchmark_task  # deferred: tasks import this module

    transaction.on_commit(lambda: benchmark_task.enqueue(run.pk))
    return run


def perform_run(run: BenchmarkRun) -> BenchmarkRun:
    run.status, run.step = RunStatus.RUNNING, "started"
    run.save(update_fields=["status", "step"])

    def progress(fraction: float, step: str) -> None:
        BenchmarkRun.objects.filter(pk=run.pk).update(progress=fraction, step=step)

    try:
        result = benchmark_entry(run.entry, repeat=run.repeat, progress=progress)
    except EntryError as error:
        run.status, run.error = RunStatus.FAILED, str(error)
    else:
        run.status, run.result, run.progress, run.step = RunStatus.DONE, result, 1.0, "done"
    run.save(update_fields=["status", "error", "result", "progress", "step"])
    return run
