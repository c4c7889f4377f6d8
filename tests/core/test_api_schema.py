"""Schemathesis over the OpenAPI document: generated requests to every operation (valid and invalid
ones, with a member's token), a bounded number per operation, reproducible. No answer may be a
5xx, and every answer with a declared status must match its declared schema."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from sustainai.api import api

schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/"))
schema.app = get_wsgi_application()


@pytest.fixture
def member_token(world):
    return world.api_tokens["member"]


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_answers_within_its_schema(case, member_token, db):
    case.call_and_validate(
        headers={"Authorization": f"Bearer {member_token}"},
        checks=[not_a_server_error, response_schema_conformance],
    )
