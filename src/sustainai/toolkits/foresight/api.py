"""``POST /api/v1/foresight/run``: the scenario model over HTTP, and ``GET /presets``.

Public, like the footprint estimate: it reads no stored data and returns only figures computed
from the request and published sources. What limits abuse is the size: a body of bounded JSON
depth and length, at most ``API_MAX_SAMPLES`` Monte Carlo samples per run (about a tenth of a
second of computation), and a per-address limit of runs per minute.
"""

from django.http import HttpRequest
from ninja import Router, Schema, Status

from sustainai.accounts.api_auth import PUBLIC
from sustainai.core import bounded_json, throttle
from sustainai.foresight import PARAMETERS, PRESETS, ForesightInputError
from sustainai.toolkits.foresight.selectors import results

router = Router(tags=["foresight"])

API_MAX_SAMPLES = 5000
API_LIMIT = throttle.Limit(limit=30, period=60)
MAX_BODY = 20_000


class FieldError(Schema):
    field: str
    message: str


class Invalid(Schema):
    detail: list[FieldError]


def _invalid(field: str, message: str) -> Status:
    return Status(422, {"detail": [{"field": field, "message": message}]})


@router.post(
    "/run",
    auth=PUBLIC,
    response={200: dict, 422: Invalid, 429: Invalid},
    summary="Run a scenario: energy, emissions and water to 2035 with ranges and sensitivity",
    openapi_extra={
        "requestBody": {
            "content": {
                "application/json": {
                    "schema": {"type": "object"},
                    "example": {
                        "preset": "iea-base",
                        "overrides": {
                            "calls_per_task": {"low": 8, "mode": 15, "high": 30},
                            "output_tokens_per_call": 800,
                        },
                        "samples": 2000,
                        "seed": 1,
                    },
                }
            },
            "required": True,
        }
    },
)
def run_scenario(request: HttpRequest):
    if not throttle.hit("foresight-api", throttle.client_ip(request), API_LIMIT):
        return Status(
            429, {"detail": [{"field": "body", "message": "too many runs; wait a minute"}]}
        )
    if len(request.body) > MAX_BODY:
        return _invalid("body", f"at most {MAX_BODY:,} bytes")
    try:
        spec = bounded_json.loads(request.body or b"null")
    except bounded_json.JSONTooComplex as error:
        return _invalid("body", str(error))
    except ValueError as error:
        return _invalid("body", f"not valid JSON: {error}")
    if not isinstance(spec, dict):
        return _invalid("body", "a JSON object")
    try:
        return Status(200, results(spec, max_samples=API_MAX_SAMPLES))
    except ForesightInputError as error:
        detail = [{"field": field, "message": message} for field, message in error.errors.items()]
        return Status(422, {"detail": detail})


@router.get("/presets", response=list[dict], auth=PUBLIC, summary="Presets and parameters")
def presets(request: HttpRequest):
    return [
        {
            "slug": p.slug,
            "title": p.title,
            "description": p.description,
            "parameters": {
                name: {"low": d.low, "mode": d.mode, "high": d.high, "source": d.source}
                for name, d in p.distributions().items()
            },
        }
        for p in PRESETS.values()
    ] + [
        {
            "slug": "_parameters",
            "title": "Parameters",
            "description": "Every parameter a scenario may override, with its unit and bounds",
            "parameters": {
                p.name: {"unit": p.unit, "what": p.what, "minimum": p.minimum, "maximum": p.maximum}
                for p in PARAMETERS
            },
        }
    ]
