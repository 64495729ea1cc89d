"""Validating a search body (``{page?, sort?, filter?}``) against an endpoint's spec.

Every rejection is an ``InvalidInput`` whose message starts with the location of the problem
(``filter.name.$in[2]``, ``sort[0].field``, ``page.limit``), so the 400 says exactly what to fix.

Leniencies, each for a shape the published docs show: ``sort`` may be a single object instead of
an array (the migration guide's examples), ``order`` may be lower case, ``page.from`` may be given
without ``limit``, and ``null`` for ``page``/``sort``/``filter`` means "not given" (as does an
empty ``sort`` array: the endpoint's default order applies).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from camunda_hub.server.errors import InvalidInput
from camunda_hub.server.search.like import LikePatternError, parse_like
from camunda_hub.server.search.request import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    Condition,
    Op,
    SearchRequest,
    SortKey,
)
from camunda_hub.server.search.spec import Field, FieldKind, SearchSpec
from camunda_hub.server.search.values import ValueProblem, convert, describe, text, whole_number

MAX_FROM = 2**31 - 1  # the contract's int32
MAX_IN_VALUES = 1000

_COMPARABLE = frozenset({Op.EQ, Op.NEQ, Op.EXISTS, Op.GT, Op.GTE, Op.LT, Op.LTE, Op.IN, Op.NOT_IN})
OPERATORS: Mapping[FieldKind, frozenset[Op]] = {
    FieldKind.BASIC: frozenset({Op.EQ, Op.NEQ, Op.EXISTS, Op.IN, Op.NOT_IN}),
    FieldKind.STRING: frozenset({Op.EQ, Op.NEQ, Op.EXISTS, Op.IN, Op.NOT_IN, Op.LIKE}),
    FieldKind.DATETIME: _COMPARABLE,
    FieldKind.INTEGER: _COMPARABLE,
    FieldKind.BOOLEAN: frozenset({Op.EQ, Op.NEQ, Op.EXISTS}),
}
_OP_BY_NAME = {op.value: op for op in Op}
_TOP_LEVEL = ("page", "sort", "filter")


def parse_search(spec: SearchSpec, body: object | None) -> SearchRequest:
    if body is None:
        body = {}
    if not isinstance(body, dict):
        raise InvalidInput(f"the search request must be a JSON object, not {describe(body)}")
    unknown = [key for key in body if key not in _TOP_LEVEL]
    if unknown:
        raise InvalidInput(
            f"{_echo(unknown[0])}: unknown property of the search request "
            "(allowed: page, sort, filter)"
        )
    offset, limit = _page(body.get("page"))
    sort = _sort(spec, body.get("sort"))
    conditions = _filter(spec, body.get("filter"))
    return SearchRequest(offset=offset, limit=limit, sort=sort, conditions=conditions)


def _page(page: object) -> tuple[int, int]:
    if page is None:
        return 0, DEFAULT_LIMIT
    if not isinstance(page, dict):
        raise InvalidInput(
            f"page: must be an object with 'from' and/or 'limit', not {describe(page)}"
        )
    for key in page:
        if key not in ("from", "limit"):
            raise InvalidInput(f"page.{_echo(key)}: unknown property (allowed: from, limit)")
    offset = _int_in(page, "from", 0, 0, MAX_FROM)
    limit = _int_in(page, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT)
    return offset, limit


def _int_in(page: dict[str, Any], key: str, default: int, low: int, high: int) -> int:
    given = page.get(key, default)
    value = whole_number(given)
    if value is None:
        raise InvalidInput(f"page.{key}: must be an integer, not {describe(given)}")
    if not low <= value <= high:
        raise InvalidInput(f"page.{key}: must be between {low} and {high}")
    return value


def _sort(spec: SearchSpec, sort: object) -> tuple[SortKey, ...]:
    if sort is None or sort == []:
        return tuple(SortKey(name, order == "DESC") for name, order in spec.default_sort)
    items = [sort] if isinstance(sort, dict) else sort
    if not isinstance(items, list):
        raise InvalidInput(
            f"sort: must be an array of {{field, order}} objects, not {describe(sort)}"
        )
    keys: list[SortKey] = []
    seen: set[str] = set()
    for index, item in enumerate(items):
        where = f"sort[{index}]"
        if not isinstance(item, dict):
            raise InvalidInput(f"{where}: must be an object {{field, order}}, not {describe(item)}")
        for key in item:
            if key not in ("field", "order"):
                raise InvalidInput(
                    f"{where}.{_echo(key)}: unknown property (allowed: field, order)"
                )
        if "field" not in item:
            raise InvalidInput(f"{where}.field: is required")
        name = item["field"]
        if not isinstance(name, str):
            raise InvalidInput(f"{where}.field: must be a string, not {describe(name)}")
        if name not in spec.sort_fields:
            allowed = ", ".join(spec.sort_fields) or "none"
            raise InvalidInput(f"{where}.field: {_echo(name)!r} is not sortable ({allowed})")
        order = item.get("order", "ASC")
        if not isinstance(order, str) or order.upper() not in ("ASC", "DESC"):
            raise InvalidInput(f"{where}.order: must be ASC or DESC")
        # Sorting again on a field already sorted on cannot change the order; drop it.
        if name not in seen:
            seen.add(name)
            keys.append(SortKey(name, order.upper() == "DESC"))
    return tuple(keys)


def _filter(spec: SearchSpec, filter_: object) -> tuple[Condition, ...]:
    if filter_ is None:
        filter_ = {}
    if not isinstance(filter_, dict):
        raise InvalidInput(f"filter: must be an object, not {describe(filter_)}")
    if filter_ and not spec.allow_filter:
        raise InvalidInput("filter: this search does not accept a filter")
    conditions: list[Condition] = []
    for name, value in filter_.items():
        field = spec.fields.get(name)
        if field is None:
            allowed = ", ".join(spec.fields) or "none"
            raise InvalidInput(f"filter.{_echo(name)}: unknown field ({allowed})")
        required = name in spec.required_filters
        conditions.extend(_field_conditions(name, field, value, required))
    for name in spec.required_filters:
        if not any(c.field == name and c.op is Op.EQ for c in conditions):
            raise InvalidInput(f"filter.{name} is required (as a value or with $eq)")
    return tuple(conditions)


def _field_conditions(name: str, field: Field, value: object, required: bool) -> list[Condition]:
    where = f"filter.{name}"
    if not isinstance(value, dict):
        return [Condition(name, Op.EQ, _operand(where, field, Op.EQ, value, required))]
    if not value:
        raise InvalidInput(f"{where}: an operator object needs at least one operator")
    allowed = frozenset({Op.EQ}) if field.eq_only else OPERATORS[field.kind]
    conditions = []
    for key, operand in value.items():
        op = _OP_BY_NAME.get(key)
        if op is None:
            raise InvalidInput(f"{where}: unknown operator {_echo(key)!r}")
        if op not in allowed:
            names = ", ".join(o.value for o in Op if o in allowed)
            raise InvalidInput(f"{where}: operator {key!r} is not supported here ({names})")
        conditions.append(
            Condition(name, op, _operand(f"{where}.{key}", field, op, operand, required))
        )
    return conditions


def _operand(where: str, field: Field, op: Op, operand: object, required: bool) -> Any:
    try:
        if op is Op.EXISTS:
            if not isinstance(operand, bool):
                raise ValueProblem(f"must be true or false, not {describe(operand)}")
            return operand
        if op in (Op.IN, Op.NOT_IN):
            return _list(where, field, operand)
        if operand is None:
            if op in (Op.EQ, Op.NEQ) and not required:
                return None
            raise ValueProblem("must not be null")
        if op is Op.LIKE:
            return parse_like(text(operand))
        return convert(field.kind, operand)
    except ValueProblem as problem:
        raise InvalidInput(f"{where}: {problem}") from None
    except LikePatternError as problem:
        raise InvalidInput(f"{where}: {problem}") from None


def _list(where: str, field: Field, operand: object) -> tuple[Any, ...]:
    if not isinstance(operand, list):
        raise InvalidInput(f"{where}: must be an array, not {describe(operand)}")
    if len(operand) > MAX_IN_VALUES:
        raise InvalidInput(f"{where}: at most {MAX_IN_VALUES} values are allowed")
    values = []
    for index, item in enumerate(operand):
        try:
            if item is None:
                raise ValueProblem("must not be null (use $exists to match missing values)")
            values.append(convert(field.kind, item))
        except ValueProblem as problem:
            raise InvalidInput(f"{where}[{index}]: {problem}") from None
    return tuple(values)


def _echo(name: str) -> str:
    """A client-chosen name quoted back in a message, cut short so it cannot flood the reply."""
    shown = name if len(name) <= 64 else name[:64] + "…"
    # A lone surrogate could not even be encoded into the error response.
    return shown.encode("utf-8", "backslashreplace").decode("utf-8")
