"""Bad input at the boundary: control characters, absurd numbers, deep structures and huge bodies
are refused with a clear answer of bounded size (docs/security.md, "Input at the boundary")."""

import importlib
import inspect
import json
import pkgutil

import pytest
from django import forms
from django.core.management import call_command
from django.core.management.base import CommandError

import sustainai
from sustainai.accounts.tokens import create_token
from sustainai.api import api
from sustainai.atlas.forms import InitiativeForm
from sustainai.core import bounded_json
from sustainai.core.forms import ControlCharacterGuard
from sustainai.core.text import control_character
from sustainai.footprint import engine
from tests.factories.accounts import MemberUserFactory

ESTIMATE = "/api/v1/footprint/estimate"


def test_control_characters_are_found_with_tabs_and_line_breaks_allowed_in_multi_line_text():
    assert control_character("a\x00b") == "U+0000"
    assert control_character("a\tb") == "U+0009"
    assert control_character("a\tb\r\n", multiline=True) is None
    assert control_character("a\x85b", multiline=True) == "U+0085"
    assert control_character("Sobriété – “ok” €") is None


def _form_classes():
    for module in pkgutil.walk_packages(sustainai.__path__, "sustainai."):
        if module.name.rsplit(".", 1)[-1] in {"forms", "filters"}:
            imported = importlib.import_module(module.name)
            for _name, value in inspect.getmembers(imported, inspect.isclass):
                if issubclass(value, forms.BaseForm) and value.__module__ == module.name:
                    yield value


def test_every_form_of_the_platform_refuses_control_characters():
    found = list(_form_classes())
    assert len(found) >= 18
    assert [f.__qualname__ for f in found if not issubclass(f, ControlCharacterGuard)] == []


def test_a_form_refuses_control_characters_and_keeps_line_breaks_in_textareas():
    required = {"type": "tool", "scope": "national", "status": "active"}
    form = InitiativeForm({**required, "name": "Green\x07AI", "description": "One\tline\r\nTwo"})
    assert form.errors == {"name": ["Remove the control character U+0007: it cannot be stored."]}
    form = InitiativeForm({**required, "name": "Green AI", "description": "One\x0cTwo"})
    assert form.errors == {
        "description": ["Remove the control character U+000C: it cannot be stored."]
    }
    form = InitiativeForm({**required, "name": "Green AI", "description": "One\tline\r\nTwo"})
    assert form.errors == {}


@pytest.mark.django_db
def test_the_directory_leaves_out_a_search_with_a_control_character(client):
    response = client.get("/atlas/", {"q": "green\x00"})
    assert response.status_code == 200
    assert response.context["filters"].q == ""


def _request_strings(node, schemas, path="$"):
    """(path, schema) of every string in a request schema that is not an enumeration."""
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        yield from _request_strings(schemas[name], schemas, f"{path}<{name}>")
        return
    if node.get("type") == "string" and "enum" not in node and "format" not in node:
        yield path, node
    for key in ("anyOf", "oneOf", "allOf"):
        for index, option in enumerate(node.get(key, [])):
            yield from _request_strings(option, schemas, f"{path}.{key}[{index}]")
    for name, prop in node.get("properties", {}).items():
        yield from _request_strings(prop, schemas, f"{path}.{name}")
    if "items" in node:
        yield from _request_strings(node["items"], schemas, f"{path}[]")


def test_every_text_an_api_operation_takes_refuses_control_characters():
    document = api.get_openapi_schema(path_prefix="/api/")
    schemas = document["components"]["schemas"]
    strings = []
    for url, operations in document["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                where = f"{method} {url} {parameter['name']}"
                strings += [(where, s) for _p, s in _request_strings(parameter["schema"], schemas)]
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if body:
                strings += [
                    (f"{method} {url}{p}", s) for p, s in _request_strings(body["schema"], schemas)
                ]
    # The calls' slug in /expressions/mine (GET) is the tenth; a confidential figure's nine texts
    # (its value may come as text, "1 250,5"), the standards list's two, the pilots list's
    # country, the challenges' slug in its leaderboard and its submissions, and the models list's
    # two (task, method) follow.
    assert len(strings) == 26
    assert [where for where, s in strings if "pattern" not in s] == []


@pytest.mark.django_db
def test_api_refuses_control_characters_and_a_huge_offset(client):
    response = client.get("/api/v1/initiatives", {"q": "green\x00"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"] == "Value error, holds the control character U+0000"
    response = client.get("/api/v1/initiatives", {"offset": str(2**63)})
    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"] == "Input should be less than or equal to 1000000"


@pytest.fixture
def token(db):
    return create_token(MemberUserFactory())[1]


def _post_expression(client, token, body):
    return client.post(
        "/api/v1/calls/any/expressions",
        body,
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )


def test_api_refuses_deep_nesting_and_long_numbers_in_a_body(client, token):
    response = _post_expression(client, token, "[" * 100_000 + "]" * 100_000)
    assert (response.status_code, response.json()) == (400, {"detail": "Cannot parse request body"})
    response = _post_expression(client, token, '{"consent": ' + "9" * 5000 + "}")
    assert (response.status_code, response.json()) == (400, {"detail": "Cannot parse request body"})


def test_api_validation_errors_are_bounded(client, token):
    body = {"workstreams": [{"motivation": "x" * 10_000}] * 50, "contact_email": "a@b.c"}
    response = _post_expression(client, token, body)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert len(detail) == 21
    assert detail[-1] == {"type": "too_many_errors", "loc": [], "msg": "82 more errors"}


def test_a_request_body_over_the_limit_is_refused(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post(ESTIMATE, {"location": "x" * 2000}, content_type="application/json")
    assert response.status_code == 400


def _estimate(client, body):
    data = body if isinstance(body, str) else json.dumps(body)
    return client.post(ESTIMATE, data, content_type="application/json")


def test_footprint_refuses_absurd_numbers_and_deep_structures(client):
    response = _estimate(client, '{"accelerator_hours": ' + "9" * 5000 + "}")
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"field": "body", "message": "a number has more than 40 digits"}
    ]
    response = _estimate(client, "[" * 100_000 + "]" * 100_000)
    assert response.json()["detail"] == [
        {"field": "body", "message": "nested deeper than 32 levels"}
    ]
    response = _estimate(client, {"accelerator": "A100-80GB", "accelerator_hours": 1e308})
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"field": "accelerator_hours", "message": "must be at most 1e+30"}
    ]
    response = _estimate(client, '{"accelerator_hours": 1e999}')
    assert response.json()["detail"] == [
        {"field": "body", "message": "a number is too large (1e999…)"}
    ]


def test_footprint_error_bodies_are_bounded(client):
    response = _estimate(client, {f"k{i}": 1 for i in range(60_000)})
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert [d["field"] for d in detail] == [
        "k0", "k1", "k10", "k100", "k1000", "k10000", "k10001", "k10002", "k10003", "k10004",
        "input",
    ]  # fmt: skip
    assert detail[-1]["message"] == "59990 more unknown fields"
    assert len(response.content) < 5000
    response = _estimate(client, {"location": "x" * 1_000_000})
    assert response.json()["detail"] == [
        {"field": "location", "message": "must be at most 200 characters"}
    ]
    response = _estimate(client, {"accelerator": "A100\x00"})
    assert response.json()["detail"] == [
        {"field": "accelerator", "message": "holds the control character U+0000"}
    ]
    response = _estimate(client, {"phase": ["training"] * 1000})
    assert response.json()["detail"] == [
        {"field": "phase", "message": "must be one of training, inference (got a JSON list)"}
    ]


def test_footprint_results_must_be_finite():
    assert engine._finite({"a": [1.0, {"b": 2.0}], "c": "text"}) is True
    assert engine._finite({"a": [1.0, {"b": float("inf")}]}) is False
    with pytest.raises(engine.FootprintInputError) as error:
        engine.validate({"hours": "1e400", "accelerator_count": 10**400})
    assert error.value.errors == {
        "accelerator_count": "must be a number (got " + "1" + "0" * 58 + "…)",
        "hours": "must be a finite number",
    }


def test_footprint_command_refuses_deep_nesting(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(CommandError) as error:
        call_command("footprint", "estimate", str(path))
    assert str(error.value) == f"{path}: nested deeper than 32 levels"


def test_bounded_json_refuses_non_numbers():
    with pytest.raises(bounded_json.JSONTooComplex) as error:
        bounded_json.loads('{"a": NaN}')
    assert str(error.value) == "NaN is not a number JSON allows"
    assert bounded_json.loads('{"a": "[[[[", "b": [1.5, -12]}') == {"a": "[[[[", "b": [1.5, -12]}
