"""``/api/v1/calls``: the calls with their workstreams, and expressions of interest by API token.

Reading the organisation's expression needs the token scope ``expressions:read``, submitting it
``expressions:write`` (a token made without scopes has both).
"""

from __future__ import annotations

import datetime

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.responses import Status

from sustainai.accounts.api_auth import PUBLIC, token_with_scope
from sustainai.accounts.models import ApiScope
from sustainai.accounts.rules import is_member_user
from sustainai.calls import selectors, services
from sustainai.calls.models import Call
from sustainai.core.api import MultilineText, Text, ValidationErrors

router = Router(tags=["calls"])


class WorkstreamOut(Schema):
    slug: str
    title: str
    status: str = Field(..., alias="current_status")
    confirmation_threshold: int
    interested_organisations: int = Field(..., alias="interested")


class CallOut(Schema):
    slug: str
    title: str
    opens_at: datetime.datetime
    closes_at: datetime.datetime
    is_open: bool
    workstreams: list[WorkstreamOut]

    @staticmethod
    def resolve_workstreams(call):
        return list(call.workstreams.all())


class ChoiceIn(Schema):
    slug: Text = Field(..., max_length=100)
    role: Text = Field(..., max_length=100)
    motivation: MultilineText = ""


class ExpressionIn(Schema):
    workstreams: list[ChoiceIn] = Field(..., max_length=100)
    contact_name: Text
    contact_email: Text = Field(..., max_length=254)
    consent: bool


class ChoiceOut(Schema):
    slug: str
    role: str
    motivation: str


class ExpressionOut(Schema):
    id: int
    call: str
    organisation: str
    contact_name: str
    contact_email: str
    consent_at: datetime.datetime
    created_at: datetime.datetime
    updated_at: datetime.datetime
    workstreams: list[ChoiceOut]


class Message(Schema):
    detail: str


class FieldErrors(Schema):
    detail: str
    errors: dict[str, str]


@router.get("", response=list[CallOut], auth=PUBLIC, summary="Calls for expressions of interest")
def list_calls(request):
    return list(selectors.calls_with_workstreams())


def expression_out(call: Call, expression, organisation_slug: str, choices: list[dict]) -> dict:
    return {
        "id": expression.pk,
        "call": call.slug,
        "organisation": organisation_slug,
        "contact_name": expression.contact_name,
        "contact_email": expression.contact_email,
        "consent_at": expression.consent_at,
        "created_at": expression.created_at,
        "updated_at": expression.updated_at,
        "workstreams": choices,
    }


@router.get(
    "/{slug}/expressions/mine",
    response={200: ExpressionOut, 403: Message, 404: Message},
    auth=token_with_scope(ApiScope.READ_EXPRESSIONS),
    summary="Your organisation's expression of interest",
)
def my_expression(request, slug: Text):
    """404 when the organisation has expressed no interest in this call."""
    call = get_object_or_404(Call, slug=slug)
    if not is_member_user(request.auth):
        return Status(
            403, {"detail": "Only users of approved member organisations have expressions."}
        )
    expression = selectors.expression_of(call, request.auth.organisation_id)
    if expression is None:
        return Status(404, {"detail": "Your organisation has expressed no interest in this call."})
    choices = [
        {"slug": choice.workstream.slug, "role": choice.role, "motivation": choice.motivation}
        for choice in expression.choices.all()
    ]
    return Status(200, expression_out(call, expression, request.auth.organisation.slug, choices))


@router.post(
    "/{slug}/expressions",
    response={
        200: ExpressionOut,
        201: ExpressionOut,
        403: Message,
        409: Message,
        422: FieldErrors | ValidationErrors,
    },
    auth=token_with_scope(ApiScope.WRITE_EXPRESSIONS),
    summary="Create or update your organisation's expression of interest",
)
def submit_expression(request, slug: Text, payload: ExpressionIn):
    """201 when the expression is created, 200 when the organisation's existing one is updated."""
    call = get_object_or_404(Call, slug=slug)
    data = services.ExpressionInput(
        workstreams=[
            services.ChoiceInput(slug=c.slug, role=c.role, motivation=c.motivation)
            for c in payload.workstreams
        ],
        contact_name=payload.contact_name,
        contact_email=payload.contact_email,
        consent=payload.consent,
    )
    try:
        expression, created = services.submit_expression(call, request.auth, data)
    except services.NotAMember as error:
        return Status(403, {"detail": str(error)})
    except services.InvalidExpression as error:
        return Status(
            422, {"detail": "The expression of interest is invalid.", "errors": error.errors}
        )
    except (services.CallClosed, services.CallNotOpenYet) as error:
        return Status(409, {"detail": str(error)})
    choices = [
        {"slug": choice.slug, "role": choice.role, "motivation": choice.motivation.strip()}
        for choice in data.workstreams
    ]
    return Status(
        201 if created else 200,
        expression_out(call, expression, request.auth.organisation.slug, choices),
    )
