"""The v1 search body (``{filter, sort, page, size}``) → the Hub search engine's request.

- ``filter``: fields of the item type, all ANDed; equality, except dates. A null value does not
  filter (clients serialise unset fields as null). ``createdBy``/``updatedBy`` are matched as
  objects (``{"email": …}`` and/or ``{"name": …}``). A field the endpoint cannot filter is a
  400 naming it.
- Dates: ``[<|<=|>|>=]<ZonedDateTime>[||/y|M|w|d|h|m|s]``. The suffix rounds to that unit
  (weeks start on Monday) in the value's own zone; a bare value with a suffix means "within
  that unit"; with ``>``/``<=`` the bound rounds up to the unit's end, with ``>=``/``<`` down
  to its start (Elasticsearch date math, which v1's syntax is).
- ``sort``: a list of ``{field, direction}`` (a lone object is taken as a list of one).
- ``page``: zero-based page index; ``size``: items per page, default 10, at most 50."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from camunda_hub.server.search import Condition, Op, SearchRequest, SearchSpec, SortKey
from camunda_hub.server.search.spec import FieldKind
from camunda_hub.server.services.errors import InvalidInput

DEFAULT_SIZE = 10
MAX_SIZE = 50
INT32_MAX = 2**31 - 1
USER_FIELDS = ("createdBy", "updatedBy")

_DATE_MATH = re.compile(r"^(<=|>=|<|>)?(.+?)(?:\|\|/([yMwdhms]))?$", re.DOTALL)
_FRACTION = re.compile(r"(\.\d{6})\d+")
_REGION = re.compile(r"^(.*)\[([^\]]+)\]$")


@dataclass(frozen=True)
class V1Search:
    """``spec`` names its fields as v1 does (``createdBy.email`` for the nested ones);
    ``translate`` turns a v1 value into the stored one (e.g. ``BPMN`` → ``bpmn``)."""

    spec: SearchSpec
    translate: Mapping[str, Callable[[Any], Any]] = field(default_factory=dict)


def _zoned(text: str, where: str) -> datetime:
    value = text.strip()
    zone = None
    region = _REGION.match(value)
    if region:
        value, zone_name = region.group(1), region.group(2)
        try:
            zone = ZoneInfo(zone_name)
        except (ZoneInfoNotFoundError, ValueError):
            raise InvalidInput(f"{where}: unknown time zone {zone_name[:64]!r}") from None
    value = _FRACTION.sub(r"\1", value)
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise InvalidInput(
            f"{where}: {text[:64]!r} is not a date-time (e.g. 2023-09-20T11:31:20.206801604Z)"
        ) from None
    if zone is not None:
        parsed = parsed.replace(tzinfo=zone) if parsed.tzinfo is None else parsed.astimezone(zone)
    elif parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def _floor(value: datetime, unit: str) -> datetime:
    if unit == "y":
        return value.replace(month=1, day=1, hour=0, minute=0, second=0, microsecond=0)
    if unit == "M":
        return value.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    day = value.replace(hour=0, minute=0, second=0, microsecond=0)
    if unit == "w":
        return day - timedelta(days=value.weekday())
    if unit == "d":
        return day
    if unit == "h":
        return value.replace(minute=0, second=0, microsecond=0)
    if unit == "m":
        return value.replace(second=0, microsecond=0)
    return value.replace(microsecond=0)


def _next(start: datetime, unit: str) -> datetime:
    if unit == "y":
        return start.replace(year=start.year + 1)
    if unit == "M":
        return start.replace(year=start.year + start.month // 12, month=start.month % 12 + 1)
    step = {"w": timedelta(weeks=1), "d": timedelta(days=1), "h": timedelta(hours=1)}
    step |= {"m": timedelta(minutes=1), "s": timedelta(seconds=1)}
    return start + step[unit]


def date_conditions(name: str, value: object) -> list[Condition]:
    where = f"filter.{name}"
    if not isinstance(value, str):
        raise InvalidInput(f"{where}: must be a date-time string")
    match = _DATE_MATH.match(value.strip())
    if match is None:
        raise InvalidInput(f"{where}: {value[:64]!r} is not a date filter")
    prefix, text, unit = match.group(1), match.group(2), match.group(3)
    moment = _zoned(text, where)
    try:
        if unit is None:
            op = {None: Op.EQ, ">": Op.GT, ">=": Op.GTE, "<": Op.LT, "<=": Op.LTE}[prefix]
            return [Condition(name, op, moment.astimezone(UTC))]
        start = _floor(moment, unit)
        end = _next(start, unit)
    except (OverflowError, ValueError):
        raise InvalidInput(f"{where}: {value[:64]!r} is out of the supported date range") from None
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    if prefix is None:
        return [Condition(name, Op.GTE, start), Condition(name, Op.LT, end)]
    if prefix == ">=":
        return [Condition(name, Op.GTE, start)]
    if prefix == ">":
        return [Condition(name, Op.GTE, end)]
    if prefix == "<":
        return [Condition(name, Op.LT, start)]
    return [Condition(name, Op.LT, end)]


def _equality(search: V1Search, name: str, value: object) -> Condition:
    kind = search.spec.fields[name].kind
    where = f"filter.{name}"
    if kind is FieldKind.INTEGER:
        if not isinstance(value, int) or isinstance(value, bool):
            raise InvalidInput(f"{where}: must be an integer")
    elif kind is FieldKind.BOOLEAN:
        if not isinstance(value, bool):
            raise InvalidInput(f"{where}: must be a boolean")
    elif not isinstance(value, str):
        raise InvalidInput(f"{where}: must be a string")
    elif "\x00" in value:
        raise InvalidInput(f"{where}: must not contain NUL characters")
    translate = search.translate.get(name)
    return Condition(name, Op.EQ, translate(value) if translate else value)


def _filter(search: V1Search, filter_: object) -> list[Condition]:
    if filter_ is None:
        return []
    if not isinstance(filter_, dict):
        raise InvalidInput("filter: must be an object")
    fields = search.spec.fields
    conditions: list[Condition] = []
    for name, value in filter_.items():
        if value is None:
            continue
        if name in USER_FIELDS and any(key.startswith(name + ".") for key in fields):
            if not isinstance(value, dict):
                raise InvalidInput(f"filter.{name}: must be an object ({{email, name}})")
            for part, inner in value.items():
                nested = f"{name}.{part}"
                if inner is None:
                    continue
                if nested not in fields:
                    raise InvalidInput(f"filter.{nested}: is not a filterable field")
                conditions.append(_equality(search, nested, inner))
            continue
        if name not in fields:
            raise InvalidInput(
                f"filter.{str(name)[:64]}: is not a filterable field (choose from "
                f"{', '.join(sorted({key.split('.')[0] for key in fields}))})"
            )
        if fields[name].kind is FieldKind.DATETIME:
            conditions.extend(date_conditions(name, value))
        else:
            conditions.append(_equality(search, name, value))
    return conditions


def _sort(search: V1Search, sort: object) -> tuple[SortKey, ...]:
    if sort is None:
        return ()
    entries = [sort] if isinstance(sort, dict) else sort
    if not isinstance(entries, list):
        raise InvalidInput("sort: must be a list of {field, direction}")
    keys = []
    for index, entry in enumerate(entries):
        where = f"sort[{index}]"
        if not isinstance(entry, dict):
            raise InvalidInput(f"{where}: must be an object {{field, direction}}")
        name = entry.get("field")
        if not isinstance(name, str) or name not in search.spec.sort_fields:
            raise InvalidInput(
                f"{where}.field: must be one of {', '.join(search.spec.sort_fields)}"
            )
        direction = entry.get("direction", "ASC")
        if not isinstance(direction, str) or direction.upper() not in ("ASC", "DESC"):
            raise InvalidInput(f"{where}.direction: must be ASC or DESC")
        keys.append(SortKey(name, direction.upper() == "DESC"))
    return tuple(keys)


def _integer(body: dict[str, Any], name: str, default: int, high: int) -> int:
    value = body.get(name)
    if value is None:
        return default
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= high:
        raise InvalidInput(f"{name}: must be an integer from 0 to {high}")
    return value


@dataclass(frozen=True)
class V1Page:
    request: SearchRequest
    # ``size: 0`` asks for the total alone: the engine reads one row to count, none is shown.
    shown: int


def parse_v1_search(search: V1Search, body: object) -> V1Page:
    if body is None:
        body = {}
    if not isinstance(body, dict):
        raise InvalidInput("request body: must be an object {filter, sort, page, size}")
    page = _integer(body, "page", 0, INT32_MAX)
    size = _integer(body, "size", DEFAULT_SIZE, MAX_SIZE)
    request = SearchRequest(
        offset=page * size,
        limit=max(size, 1),
        sort=_sort(search, body.get("sort")),
        conditions=tuple(_filter(search, body.get("filter"))),
    )
    return V1Page(request, size)
