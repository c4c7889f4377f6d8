"""What every API operation shares at the boundary: validated text, a bounded JSON parser and error
bodies of bounded size (``sustainai.api`` installs them; docs/security.md)."""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest, HttpResponse
from ninja import Field, NinjaAPI, Schema
from ninja.errors import ValidationError
from ninja.parser import Parser
from pydantic import AfterValidator

from sustainai.core import bounded_json
from sustainai.core.text import (
    MULTI_LINE_PATTERN,
    SINGLE_LINE_PATTERN,
    control_character,
    shorten,
)

MAX_ERRORS = 20  # validation errors listed in an error body; the rest are counted
MAX_MESSAGE = 200  # characters of one error message


def _single_line(value: str) -> str:
    character = control_character(value)
    if character:
        raise ValueError(f"holds the control character {character}")
    return value


def _multi_line(value: str) -> str:
    character = control_character(value, multiline=True)
    if character:
        raise ValueError(f"holds the control character {character}")
    return value


# Every text an API schema takes is one of these (tests/core/test_input_boundary.py checks the
# OpenAPI document): no control character; a multi-line text keeps tabs and line breaks.
Text = Annotated[
    str, AfterValidator(_single_line), Field(json_schema_extra={"pattern": SINGLE_LINE_PATTERN})
]
MultilineText = Annotated[
    str, AfterValidator(_multi_line), Field(json_schema_extra={"pattern": MULTI_LINE_PATTERN})
]


class ValidationErrorItem(Schema):
    type: str
    loc: list[str | int]
    msg: str
    ctx: dict[str, Any] | None = None


class ValidationErrors(Schema):
    """The 422 body of a request that fails its schema (``bounded_validation_error``); an
    operation that may answer 422 for its own reasons declares this one too."""

    detail: list[ValidationErrorItem]


class BoundedJSONParser(Parser):
    """Request bodies through ``core.bounded_json`` (ninja answers 400 for what it refuses)."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        data: dict[str, Any] = bounded_json.loads(request.body)
        return data


def _bounded(value: Any) -> Any:
    if isinstance(value, str):
        return shorten(value, MAX_MESSAGE)
    if isinstance(value, dict):
        return {shorten(str(k), MAX_MESSAGE): _bounded(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_bounded(v) for v in value]
    return value


def bounded_validation_error(
    request: HttpRequest, exc: ValidationError, api: NinjaAPI
) -> HttpResponse:
    """422 with the first ``MAX_ERRORS`` errors, each message shortened, and a count of the rest."""
    detail = [_bounded(error) for error in exc.errors[:MAX_ERRORS]]
    left_out = len(exc.errors) - MAX_ERRORS
    if left_out > 0:
        detail.append({"type": "too_many_errors", "loc": [], "msg": f"{left_out} more errors"})
    return api.create_response(request, {"detail": detail}, status=422)
