"""``POST /api/v1/footprint/estimate``: the footprint engine over HTTP (public, no personal data).

The body is the same JSON object as ``sustainai footprint estimate`` reads; the answer is the same
JSON it prints. Invalid input gets 422 with one entry per field at fault.
"""

from django.http import HttpRequest
from ninja import Router, Schema, Status

from sustainai.accounts.api_auth import PUBLIC
from sustainai.core import bounded_json
from sustainai.footprint import FootprintInputError
from sustainai.footprint import estimate as run_estimate
from sustainai.footprint import sources as all_sources

router = Router(tags=["footprint"])


class FieldError(Schema):
    field: str
    message: str


class Invalid(Schema):
    detail: list[FieldError]


@router.post(
    "/estimate",
    auth=PUBLIC,
    response={200: dict, 422: Invalid},
    summary="Estimate energy, carbon, embodied emissions and water",
    openapi_extra={
        "requestBody": {
            "content": {
                "application/json": {
                    "schema": {"type": "object"},
                    "example": {
                        "phase": "training",
                        "accelerator": "A100-80GB",
                        "accelerator_hours": 1082990,
                        "power_w": 400,
                        "pue": 1.0,
                        "carbon_intensity_g_per_kwh": 57,
                    },
                }
            },
            "required": True,
        }
    },
)
def estimate(request: HttpRequest):
    try:
        spec = bounded_json.loads(request.body or b"null")
    except bounded_json.JSONTooComplex as error:
        return Status(422, {"detail": [{"field": "body", "message": str(error)}]})
    except ValueError as error:
        return Status(422, {"detail": [{"field": "body", "message": f"not valid JSON: {error}"}]})
    try:
        return Status(200, run_estimate(spec))
    except FootprintInputError as error:
        detail = [{"field": field, "message": message} for field, message in error.errors.items()]
        return Status(422, {"detail": detail})


@router.get(
    "/sources",
    response=list[dict],
    auth=PUBLIC,
    summary="Every constant the engine uses, with sources",
)
def sources(request: HttpRequest):
    return all_sources()
