"""How a search endpoint takes its body: read as raw JSON (the search module validates it and
names what is wrong), and described in the OpenAPI document from the endpoint's ``SearchSpec``,
so the document shows exactly the filter fields, operators and sort fields the endpoint
accepts."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar

from fastapi import Request
from pydantic_core import from_json
from sqlalchemy import Select
from sqlalchemy.ext.asyncio import AsyncSession

from camunda_hub.server.api.models.common import PageInfo, SearchResult
from camunda_hub.server.errors import InvalidInput
from camunda_hub.server.search import (
    MAX_IN_VALUES,
    MAX_LIMIT,
    OPERATORS,
    Field,
    FieldKind,
    Op,
    SearchSpec,
    parse_search,
    run_search,
)

R = TypeVar("R", bound=SearchResult[Any])

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


async def search_page(
    session: AsyncSession,
    base: Select[Any],
    spec: SearchSpec,
    body: object | None,
    result: type[R],
    item: Callable[[Any], Any],
    views: Callable[[Sequence[Any]], Awaitable[Sequence[Any]]] | None = None,
) -> R:
    """What a search endpoint answers: ``body`` checked against ``spec`` (400 naming what is
    wrong), run over ``base`` (the caller's scoped query) and each row turned into ``item`` —
    after ``views`` (one batch for the page, e.g. related rows) when given."""
    query = parse_search(spec, body)
    page = await run_search(session, base, spec, query)
    rows = page.rows if views is None else await views(page.rows)
    return result(items=[item(row) for row in rows], page=PageInfo.of(page))


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
