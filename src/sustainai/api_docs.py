"""The API's reference at /api/docs, drawn on the server from the OpenAPI schema.

Swagger UI (``/api/docs/try``) weighs 1.4 MB of script and some 750 elements; most readers want
to know which operations exist and what they take and give, on any screen. The reference reads
the same schema that ``/api/openapi.json`` serves, so it cannot drift from the code: one page
lists the operations, and one page per operation gives its parameters, body, answers and the
fields of each schema it uses.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from sustainai.api import api
from sustainai.core.permissions import public

_REF_PREFIX = "#/components/schemas/"


@dataclasses.dataclass(frozen=True)
class Field:
    name: str
    type: str
    required: bool
    description: str
    where: str = ""


@dataclasses.dataclass(frozen=True)
class Schema:
    name: str
    description: str
    fields: list[Field]
    values: list[str]


@dataclasses.dataclass(frozen=True)
class Answer:
    status: str
    description: str
    type: str


@dataclasses.dataclass(frozen=True)
class Operation:
    id: str
    method: str
    path: str
    summary: str
    description: str
    area: str
    token: bool
    parameters: list[Field]
    body: str
    answers: list[Answer]
    schemas: list[Schema]


def _ref_name(ref: str) -> str:
    return ref.removeprefix(_REF_PREFIX)


def type_text(schema: dict[str, Any]) -> str:
    """A JSON schema as a short phrase: ``string (at most 200 characters)``, ``list of Bid``."""
    if "$ref" in schema:
        return _ref_name(schema["$ref"])
    for key in ("anyOf", "oneOf"):
        if key in schema:
            kinds = [type_text(part) for part in schema[key] if part.get("type") != "null"]
            text = _(" or ").join(dict.fromkeys(kinds))
            if any(part.get("type") == "null" for part in schema[key]):
                text = _("%(type)s, or null") % {"type": text}
            return text
    if "allOf" in schema and len(schema["allOf"]) == 1:
        return type_text(schema["allOf"][0])
    kind = schema.get("type", _("any value"))
    if kind == "array":
        text = _("list of %(type)s") % {"type": type_text(schema.get("items", {}))}
    elif kind == "object" and "additionalProperties" in schema:
        values = schema["additionalProperties"]
        text = _("object of %(type)s") % {
            "type": type_text(values) if isinstance(values, dict) else _("any value")
        }
    else:
        text = str(kind)
        if "format" in schema:
            text += f" ({schema['format']})"
    limits = []
    if "enum" in schema:
        limits.append(_("one of %(values)s") % {"values": ", ".join(map(str, schema["enum"]))})
    if "maxLength" in schema:
        limits.append(_("at most %(count)d characters") % {"count": schema["maxLength"]})
    if "maxItems" in schema:
        limits.append(_("at most %(count)d items") % {"count": schema["maxItems"]})
    for key, phrase in (
        ("minimum", _("≥ %(value)s")),
        ("exclusiveMinimum", _("> %(value)s")),
        ("maximum", _("≤ %(value)s")),
        ("exclusiveMaximum", _("< %(value)s")),
    ):
        if key in schema:
            limits.append(phrase % {"value": schema[key]})
    return f"{text} ({'; '.join(limits)})" if limits else text


def _refs(value: Any) -> list[str]:
    """The names of the schemas a part of the document refers to, in order of appearance."""
    found: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "$ref" and isinstance(item, str):
                found.append(_ref_name(item))
            else:
                found += _refs(item)
    elif isinstance(value, list):
        for item in value:
            found += _refs(item)
    return found


def _schemas_used(operation: dict[str, Any], components: dict[str, Any]) -> list[Schema]:
    """Every schema the operation reaches, following references from schema to schema."""
    names: list[str] = []
    queue = _refs(operation)
    while queue:
        name = queue.pop(0)
        if name in names or name not in components:
            continue
        names.append(name)
        queue += _refs(components[name])
    schemas = []
    for name in names:
        component = components[name]
        required = set(component.get("required", []))
        schemas.append(
            Schema(
                name=name,
                description=component.get("description", ""),
                fields=[
                    Field(
                        name=field,
                        type=type_text(spec),
                        required=field in required,
                        description=spec.get("description", ""),
                    )
                    for field, spec in component.get("properties", {}).items()
                ],
                values=[str(value) for value in component.get("enum", [])],
            )
        )
    return schemas


def _body_type(part: dict[str, Any]) -> str:
    for media in part.get("content", {}).values():
        return type_text(media.get("schema", {}))
    return ""


def operations() -> list[Operation]:
    """The API's operations, in the order the schema lists them."""
    document = api.get_openapi_schema()
    components = document.get("components", {}).get("schemas", {})
    found = []
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            found.append(
                Operation(
                    id=operation["operationId"],
                    method=method.upper(),
                    path=path,
                    summary=operation.get("summary", ""),
                    description=operation.get("description", ""),
                    area=(operation.get("tags") or [""])[0],
                    token=bool(operation.get("security")),
                    parameters=[
                        Field(
                            name=parameter["name"],
                            type=type_text(parameter.get("schema", {})),
                            required=parameter.get("required", False),
                            description=parameter.get("description", ""),
                            where=parameter["in"],
                        )
                        for parameter in operation.get("parameters", [])
                    ],
                    body=_body_type(operation.get("requestBody", {})),
                    answers=[
                        Answer(str(status), answer.get("description", ""), _body_type(answer))
                        for status, answer in operation.get("responses", {}).items()
                    ],
                    schemas=_schemas_used(operation, components),
                )
            )
    return found


@public
def reference(request):
    found = operations()
    areas: dict[str, list[Operation]] = {}
    for operation in found:
        areas.setdefault(operation.area, []).append(operation)
    return render(request, "core/api_reference.html", {"api": api, "areas": areas})


@public
def operation(request, operation_id: str):
    found = {operation.id: operation for operation in operations()}
    if operation_id not in found:
        raise Http404(_("No such operation."))
    return render(
        request, "core/api_operation.html", {"api": api, "operation": found[operation_id]}
    )
