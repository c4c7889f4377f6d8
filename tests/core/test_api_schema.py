"""Schemathesis over the OpenAPI document: generated requests to every operation (valid and invalid
ones, with a member's token), a bounded number per operation, reproducible. No answer may be a
5xx, and every answer with a declared status must match its declared schema."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from sustainai.api import api

schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/"))
schema.app = get_wsgi_application()


@pytest.fixture
def member_token(world):
    return world.api_tokens["member"]


@pytest.fixture
def connections_kept_open():
    """The WSGI handler closes database connections around each request, as a server must; inside a
    test's transaction that would close it under the test (on PostgreSQL). Django's test client
    disconnects the same handler for the same reason."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_answers_within_its_schema(case, member_token, connections_kept_open, db):
    case.call_and_validate(
        headers={"Authorization": f"Bearer {member_token}"},
        checks=[not_a_server_error, response_schema_conformance],
    )
