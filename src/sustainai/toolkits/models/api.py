"""``GET /api/v1/models?task=&method=``: the published library, public like its pages."""

from django.http import HttpRequest
from ninja import Router, Schema

from sustainai.accounts.api_auth import PUBLIC
from sustainai.core.api import Text
from sustainai.toolkits.models import selectors

router = Router(tags=["models"])


class Energy(Schema):
    value: float | None
    low: float | None
    high: float | None


class Latency(Schema):
    p50: float | None
    p95: float | None


class Item(Schema):
    slug: str
    base: str
    method: str
    task: str
    size_mb: float | None
    metric: str
    quality: float | None
    quality_base: float | None
    energy_j_per_1k: Energy
    latency_ms: Latency
    hardware: str
    licence: str


class Page(Schema):
    count: int
    items: list[Item]


@router.get("", response=Page, auth=PUBLIC, summary="The published compressed-models library")
def list_models(request: HttpRequest, task: Text = "", method: Text = ""):
    entries = selectors.published(selectors.Filters(task=task[:100], method=method[:20]))
    return {
        "count": len(entries),
        "items": [
            {
                "slug": e.slug,
                "base": e.base_label,
                "method": e.method,
                "task": e.task,
                "size_mb": e.size_mb,
                "metric": e.metric,
                "quality": e.quality,
                "quality_base": e.quality_base,
                "energy_j_per_1k": {
                    "value": e.energy_j_per_1k,
                    "low": e.energy_low,
                    "high": e.energy_high,
                },
                "latency_ms": {"p50": e.latency_p50_ms, "p95": e.latency_p95_ms},
                "hardware": e.hardware,
                "licence": e.licence,
            }
            for e in entries
        ],
    }
