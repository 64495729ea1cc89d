"""Helpers that build the Hub search language: ``filter`` objects with ``$eq``…``$like``
operators, ``sort`` arrays and ``page`` objects.

    files.search(name=like("order*"), type=is_in("bpmn", "dmn"), updated=after(yesterday))
    files.search(filter={"name": {"$like": "order*"}}, sort=[desc("updated")])

A bare value is an exact match; operators on the same field combine with :func:`all_of`."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any, Literal

FilterValue = str | bool | int | datetime | Mapping[str, Any]
SortOrder = Literal["ASC", "DESC"]

MAX_PAGE_SIZE = 10_000
DEFAULT_PAGE_SIZE = 100

_LIKE_SPECIAL = re.compile(r"([\\*?])")


def _value(value: Any) -> Any:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    return value


def eq(value: Any) -> dict[str, Any]:
    return {"$eq": _value(value)}


def neq(value: Any) -> dict[str, Any]:
    return {"$neq": _value(value)}


def exists(present: bool = True) -> dict[str, Any]:
    return {"$exists": present}


def is_in(*values: Any) -> dict[str, Any]:
    return {"$in": [_value(v) for v in values]}


def not_in(*values: Any) -> dict[str, Any]:
    return {"$notIn": [_value(v) for v in values]}


def like(pattern: str) -> dict[str, Any]:
    """``*`` matches any run of characters, ``?`` exactly one; see :func:`escape_like`."""
    return {"$like": pattern}


def escape_like(text: str) -> str:
    """Quote ``*``, ``?`` and ``\\`` so ``text`` matches literally inside a ``like`` pattern."""
    return _LIKE_SPECIAL.sub(r"\\\1", text)


def contains(text: str) -> dict[str, Any]:
    return like(f"*{escape_like(text)}*")


def starts_with(text: str) -> dict[str, Any]:
    return like(f"{escape_like(text)}*")


def gt(value: datetime | str) -> dict[str, Any]:
    return {"$gt": _value(value)}


def gte(value: datetime | str) -> dict[str, Any]:
    return {"$gte": _value(value)}


def lt(value: datetime | str) -> dict[str, Any]:
    return {"$lt": _value(value)}


def lte(value: datetime | str) -> dict[str, Any]:
    return {"$lte": _value(value)}


def after(value: datetime | str) -> dict[str, Any]:
    return gt(value)


def before(value: datetime | str) -> dict[str, Any]:
    return lt(value)


def between(start: datetime | str, end: datetime | str) -> dict[str, Any]:
    """``start`` ≤ value < ``end``."""
    return {**gte(start), **lt(end)}


def all_of(*conditions: Mapping[str, Any]) -> dict[str, Any]:
    """Several operators on one field, e.g. ``all_of(gte(a), lt(b))``."""
    merged: dict[str, Any] = {}
    for condition in conditions:
        for operator, operand in condition.items():
            if operator in merged and merged[operator] != operand:
                raise ValueError(f"{operator} is given twice with different values")
            merged[operator] = operand
    return merged


def asc(field: str) -> dict[str, str]:
    return {"field": field, "order": "ASC"}


def desc(field: str) -> dict[str, str]:
    return {"field": field, "order": "DESC"}


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def build_filter(
    filter: Mapping[str, Any] | None = None, **fields: FilterValue | None
) -> dict[str, Any]:
    """Merge an explicit filter object with keyword conditions (snake_case names become the
    contract's camelCase: ``folder_key=`` → ``folderKey``). ``None`` values are left out."""
    result: dict[str, Any] = dict(filter or {})
    for name, condition in fields.items():
        if condition is None:
            continue
        key = camel(name)
        value = dict(condition) if isinstance(condition, Mapping) else _value(condition)
        if key in result and result[key] != value:
            raise ValueError(f"the filter names {key} twice")
        result[key] = value
    return result


def build_sort(sort: Iterable[str | Mapping[str, str]] | str | None) -> list[dict[str, str]]:
    """``"name"``, ``"-updated"`` (descending) or ``{"field":…, "order":…}`` entries."""
    if sort is None:
        return []
    entries = [sort] if isinstance(sort, str) else list(sort)
    result = []
    for entry in entries:
        if isinstance(entry, str):
            result.append(desc(camel(entry[1:])) if entry.startswith("-") else asc(camel(entry)))
        else:
            result.append({"field": entry["field"], "order": entry.get("order", "ASC").upper()})
    return result


def search_body(
    filter: Mapping[str, Any] | None = None,
    sort: Iterable[str | Mapping[str, str]] | str | None = None,
    *,
    offset: int | None = None,
    limit: int | None = None,
) -> dict[str, Any]:
    body: dict[str, Any] = {}
    if filter:
        body["filter"] = dict(filter)
    sorts = build_sort(sort)
    if sorts:
        body["sort"] = sorts
    page: dict[str, int] = {}
    if offset is not None:
        if offset < 0:
            raise ValueError("offset must be 0 or more")
        page["from"] = offset
    if limit is not None:
        if not 1 <= limit <= MAX_PAGE_SIZE:
            raise ValueError(f"limit must be between 1 and {MAX_PAGE_SIZE}")
        page["limit"] = limit
    if page:
        body["page"] = page
    return body
