"""The API's reference at /api/docs: drawn on the server from the same OpenAPI schema as
/api/openapi.json, one page for the list and one per operation."""

import pytest

from sustainai.api import api
from sustainai.api_docs import operations, type_text

pytestmark = pytest.mark.django_db


def test_the_reference_lists_every_operation_of_the_schema(client):
    page = client.get("/api/docs").content.decode()
    schema = api.get_openapi_schema()
    listed = [(method.upper(), path) for path, item in schema["paths"].items() for method in item]
    for method, path in listed:
        assert f"<code>{method} {path}</code>" in page
    assert page.count('<li><a href="/api/docs/') == len(listed)
    assert '<a href="/api/openapi.json">' in page
    assert '<a href="/api/docs/try">' in page
    assert "swagger-ui-bundle.js" not in page


def test_an_operation_page_gives_parameters_body_answers_and_schemas(client):
    page = client.get("/api/docs/sustainai_calls_api_submit_expression").content.decode()
    assert '<h1 class="api-path"><code>POST /api/v1/calls/{slug}/expressions</code></h1>' in page
    assert "Needs an API token (Authorization: Bearer TOKEN)." in page
    assert "<td><code>slug</code> <small>(required)</small></td><td>path</td>" in page
    assert "<li><code>201</code> Created" in page
    assert '<section id="schema-' in page


def test_public_and_token_operations_are_told_apart():
    by_id = {operation.id: operation for operation in operations()}
    assert by_id["sustainai_atlas_api_list_initiatives"].token is False
    assert by_id["sustainai_calls_api_submit_expression"].token is True
    initiatives = by_id["sustainai_atlas_api_list_initiatives"]
    assert initiatives.answers[0].type == "InitiativeList"
    assert [schema.name for schema in initiatives.schemas][0] == "InitiativeType"


def test_an_unknown_operation_is_not_found(client):
    assert client.get("/api/docs/no_such_operation").status_code == 404


@pytest.mark.parametrize(
    ("schema", "text"),
    [
        ({"type": "string", "maxLength": 200}, "string (at most 200 characters)"),
        ({"type": "array", "items": {"$ref": "#/components/schemas/Bid"}}, "list of Bid"),
        ({"anyOf": [{"type": "integer"}, {"type": "null"}]}, "integer, or null"),
        ({"type": "number", "minimum": 0, "maximum": 1}, "number (≥ 0; ≤ 1)"),
        ({"type": "string", "enum": ["a", "b"]}, "string (one of a, b)"),
        ({"type": "object", "additionalProperties": {"type": "number"}}, "object of number"),
        ({"type": "string", "format": "date"}, "string (date)"),
    ],
)
def test_types_read_as_short_phrases(schema, text):
    assert type_text(schema) == text
