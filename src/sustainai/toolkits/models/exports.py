"""The catalogue as CSV and XLSX, through ``core.spreadsheets``."""

from __future__ import annotations

from sustainai.core.spreadsheets import csv_text, xlsx_bytes
from sustainai.toolkits.models.models import Entry

HEADER = (
    "slug",
    "name",
    "base",
    "method",
    "task",
    "licence",
    "size_mb",
    "params",
    "dataset",
    "metric",
    "quality",
    "quality_base",
    "latency_p50_ms",
    "latency_p95_ms",
    "energy_j_per_1k",
    "energy_low",
    "energy_high",
    "energy_method",
    "hardware",
    "command",
    "source",
)


def rows(entries: list[Entry]) -> list[list[object]]:
    return [
        [
            e.slug,
            e.name,
            e.base_label,
            e.method,
            e.task,
            e.licence,
            e.size_mb,
            e.params,
            e.dataset,
            e.metric,
            e.quality,
            e.quality_base,
            e.latency_p50_ms,
            e.latency_p95_ms,
            e.energy_j_per_1k,
            e.energy_low,
            e.energy_high,
            e.energy_method,
            e.hardware,
            e.command,
            e.source,
        ]
        for e in entries
    ]


def csv_table(entries: list[Entry]) -> str:
    return csv_text(HEADER, rows(entries))


def workbook(entries: list[Entry]) -> bytes:
    return xlsx_bytes([("Models", HEADER, rows(entries))], bold_header=True)
