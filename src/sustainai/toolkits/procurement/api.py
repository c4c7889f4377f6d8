"""``POST /api/v1/procurement/evaluate``: rank bids under the toolkit's default scoring rules
(``sustainai.procurement_scoring``, docs/procurement.md). Token-protected like every operation of
ours; it stores nothing. The body is bounded JSON of at most ``MAX_BODY`` bytes."""

from django.http import HttpRequest
from ninja import Router, Schema, Status

from sustainai.core import bounded_json
from sustainai.procurement_scoring import ScoringInputError, evaluate, sensitivity

router = Router(tags=["Public procurement"])

MAX_BODY = 200_000


class FieldError(Schema):
    bid: str | None = None
    field: str
    message: str


class Invalid(Schema):
    detail: list[FieldError]


def _invalid(field: str, message: str) -> Status:
    return Status(422, {"detail": [{"bid": None, "field": field, "message": message}]})


@router.post(
    "/evaluate",
    response={200: dict, 422: Invalid},
    summary="Rank bids: price and energy per functional unit, discounted by evidence",
    description=(
        "Weights sum to 1. Price points = weight × lowest price / price. Energy points = weight × "
        "lowest credible energy / energy × evidence factor (verified 1.0, measured 0.8, modelled "
        "0.5, or the `factors` given); evidence `none` gets no energy points and never sets the "
        "lowest energy. Any other weight is a criterion the buyer marks from 0 to 1 per bid in "
        "`scores`. A bid gives `energy_wh_per_unit`, or `footprint` (a footprint specification: "
        "accelerator, accelerator_count, hours, pue...) and `units` (the functional units those "
        "hours served). The answer adds `sensitivity`: the winner with the energy weight ±10 "
        "points."
    ),
    openapi_extra={
        "requestBody": {
            "content": {
                "application/json": {
                    "schema": {"type": "object"},
                    "example": {
                        "weights": {"price": 0.7, "energy": 0.3},
                        "bids": [
                            {
                                "name": "A",
                                "price": 100,
                                "energy_wh_per_unit": 2,
                                "evidence": "verified",
                            },
                            {
                                "name": "B",
                                "price": 80,
                                "footprint": {"accelerator": "H100 SXM", "hours": 2},
                                "units": 1000,
                                "evidence": "modelled",
                            },
                        ],
                    },
                }
            },
            "required": True,
        }
    },
)
def evaluate_bids(request: HttpRequest):
    if len(request.body) > MAX_BODY:
        return _invalid("body", f"at most {MAX_BODY:,} bytes")
    try:
        payload = bounded_json.loads(request.body or b"null")
    except bounded_json.JSONTooComplex as error:
        return _invalid("body", str(error))
    except ValueError as error:
        return _invalid("body", f"not valid JSON: {error}")
    try:
        result = evaluate(payload)
        result["sensitivity"] = sensitivity(payload)
    except ScoringInputError as error:
        return Status(422, {"detail": error.errors})
    return Status(200, result)
