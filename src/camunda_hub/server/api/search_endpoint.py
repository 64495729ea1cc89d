"""How a search endpoint takes its body: read as raw JSON (the search module validates it and
names what is wrong), and described in the OpenAPI document from the endpoint's ``SearchSpec``,
so the document shows exactly the filter fields, operators and sort fields the endpoint
accepts."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from pydantic_core import from_json

from camunda_hub.server.search import (
    MAX_IN_VALUES,
    MAX_LIMIT,
    OPERATORS,
    Field,
    FieldKind,
    Op,
    SearchSpec,
)
from camunda_hub.server.services.errors import InvalidInput

_VALUE_SCHEMAS: dict[FieldKind, dict[str, Any]] = {
    FieldKind.BASIC: {"type": "string"},
    FieldKind.STRING: {"type": "string"},
    FieldKind.DATETIME: {"type": "string", "format": "date-time"},
    FieldKind.BOOLEAN: {"type": "boolean"},
    FieldKind.INTEGER: {"type": "integer", "format": "int64"},
}


async def read_body(request: Request) -> object | None:
    """The JSON body, or None when there is none (a search without body is the first page)."""
    raw = await request.body()
    if not raw.strip():
        return None
    try:
        # pydantic's parser, like the one for every other body: strict JSON (no NaN, no lone
        # surrogates, which no database could store or compare).
        body = from_json(raw, allow_inf_nan=False)
    except ValueError:
        raise InvalidInput("request body: is not valid JSON") from None
    if body is None:
        # `null` is not the object the document types the body as (no body at all is fine).
        raise InvalidInput("request body: must be a JSON object, not null")
    return body


def _field_schema(field: Field) -> dict[str, Any]:
    value = _VALUE_SCHEMAS[field.kind]
    if field.eq_only:
        operators: dict[str, Any] = {Op.EQ.value: value}
    else:
        operators = {}
        for op in sorted(OPERATORS[field.kind], key=lambda o: o.value):
            if op is Op.EXISTS:
                operators[op.value] = {"type": "boolean"}
            elif op in (Op.IN, Op.NOT_IN):
                operators[op.value] = {"type": "array", "items": value, "maxItems": MAX_IN_VALUES}
            elif op is Op.LIKE:
                operators[op.value] = {
                    "type": "string",
                    "description": "`*` matches any run of characters, `?` exactly one; "
                    "a backslash escapes them.",
                }
            else:
                operators[op.value] = value
    advanced = {
        "type": "object",
        "properties": operators,
        "additionalProperties": False,
        "minProperties": 1,
    }
    return {"oneOf": [value, advanced]}


def query_schema(spec: SearchSpec) -> dict[str, Any]:
    limit = {"type": "integer", "format": "int32", "minimum": 1, "maximum": MAX_LIMIT}
    page = {
        "type": "object",
        "properties": {
            "from": {"type": "integer", "format": "int32", "minimum": 0},
            "limit": limit,
        },
        "additionalProperties": False,
    }
    sort_item = {
        "type": "object",
        "required": ["field"],
        "properties": {
            "field": {"type": "string", "enum": list(spec.sort_fields)},
            "order": {"type": "string", "enum": ["ASC", "DESC"], "default": "ASC"},
        },
        "additionalProperties": False,
    }
    properties: dict[str, Any] = {"page": page, "sort": {"type": "array", "items": sort_item}}
    required: list[str] = []
    if spec.allow_filter:
        filter_schema: dict[str, Any] = {
            "type": "object",
            "properties": {name: _field_schema(f) for name, f in spec.fields.items()},
            "additionalProperties": False,
        }
        if spec.required_filters:
            filter_schema["required"] = list(spec.required_filters)
            required.append("filter")
        properties["filter"] = filter_schema
    schema: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }
    if required:
        schema["required"] = required
    return schema


def openapi_body(spec: SearchSpec) -> dict[str, Any]:
    """``openapi_extra`` of a search route: its request body (required when a filter is)."""
    return {
        "requestBody": {
            "required": bool(spec.required_filters),
            "content": {"application/json": {"schema": query_schema(spec)}},
        }
    }
