"""Turning a validated request into SQLAlchemy expressions — bound parameters only.

Decisions, each chosen to be what a user of the API expects:

* ``null`` semantics: a row whose value is null does not equal anything, so it IS matched by
  ``$neq: x`` and ``$notIn: [...]`` (SQL's own ``!=`` and ``NOT IN`` would silently drop it) and is
  never matched by ``$eq``, ``$in``, ``$like`` or a comparison. ``$eq: null`` / a bare ``null`` mean
  "is null", ``$neq: null`` means "is not null", like ``$exists``.
* ``$like`` is case-sensitive on every database. PostgreSQL's ``LIKE`` already is and gets
  ``LIKE :pattern ESCAPE '\\'``. SQLite's ``LIKE`` ignores ASCII case, and the switch that changes
  that (``PRAGMA case_sensitive_like``) is per connection and also silently disables the index
  optimisation for the usual BINARY indexes; so on SQLite the pattern is rendered for ``GLOB``,
  which is case-sensitive and uses a BINARY index for a literal prefix (``name GLOB 'order*'`` is
  a range scan over ``name >= 'order' AND name < 'ordes'``; GLOB's own ``[`` is bracketed as a
  literal). A pattern without wildcards becomes plain equality, and ``*`` alone "is not null".
  On PostgreSQL a prefix ``LIKE`` can use an index only if it is built with ``text_pattern_ops``
  or on a ``COLLATE "C"`` column.
* Sorting puts nulls first in ascending and last in descending order on every database (SQLite's
  native order, so its indexes still serve the ORDER BY); elsewhere that is spelled out. Strings
  sort by the column's collation: code point order on SQLite (BINARY), and on PostgreSQL the
  same only for ``COLLATE "C"`` columns.
* The tiebreaker always ends the ORDER BY, ascending, so equal sort keys page deterministically.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Column, and_, false, or_, true
from sqlalchemy.orm import QueryableAttribute
from sqlalchemy.sql.elements import ColumnElement

from camunda_hub.server.search.like import LikePattern, to_sql_like, to_sqlite_glob
from camunda_hub.server.search.request import Condition, Op, SearchRequest
from camunda_hub.server.search.spec import ColumnLike, Field, SearchSpec

LIKE_ESCAPE = "\\"


def where_clause(spec: SearchSpec, request: SearchRequest, dialect: str) -> ColumnElement[bool]:
    return and_(
        true(), *(_field_condition(spec.fields[c.field], c, dialect) for c in request.conditions)
    )


def _field_condition(field: Field, condition: Condition, dialect: str) -> ColumnElement[bool]:
    if field.any_of is None:
        return _condition(field.column, condition, dialect)
    return _set_condition(field.any_of, field.column, condition, dialect)


# For a set-valued field, each negative operator is "no value satisfies the positive one".
_POSITIVE = {Op.NEQ: Op.EQ, Op.NOT_IN: Op.IN}


def _set_condition(
    any_of: Callable[[ColumnElement[bool]], ColumnElement[bool]],
    column: ColumnLike,
    condition: Condition,
    dialect: str,
) -> ColumnElement[bool]:
    op, value = condition.op, condition.value
    if op is Op.EXISTS:
        return any_of(true()) if value else ~any_of(true())
    if op in (Op.EQ, Op.NEQ) and value is None:
        # null stands for the empty set: "$eq: null" = no values, "$neq: null" = some value.
        return ~any_of(true()) if op is Op.EQ else any_of(true())
    positive = _POSITIVE.get(op)
    if positive is not None:
        return ~any_of(_condition(column, Condition(condition.field, positive, value), dialect))
    return any_of(_condition(column, condition, dialect))


def order_by(spec: SearchSpec, request: SearchRequest, dialect: str) -> list[ColumnElement[Any]]:
    clauses: list[ColumnElement[Any]] = []
    for key in request.sort:
        column = spec.sort_fields[key.field]
        clause = column.desc() if key.descending else column.asc()
        if dialect != "sqlite" and _may_be_null(column):
            clause = clause.nulls_last() if key.descending else clause.nulls_first()
        clauses.append(clause)
    clauses.append(spec.tiebreaker.asc())
    return clauses


def _condition(column: ColumnLike, condition: Condition, dialect: str) -> ColumnElement[bool]:
    op, value = condition.op, condition.value
    if op is Op.EQ:
        return column.is_(None) if value is None else column == value
    if op is Op.NEQ:
        return column.is_not(None) if value is None else column.is_distinct_from(value)
    if op is Op.EXISTS:
        return column.is_not(None) if value else column.is_(None)
    if op is Op.IN:
        return _in(column, value)
    if op is Op.NOT_IN:
        return or_(column.is_(None), ~_in(column, value)) if value else true()
    if op is Op.LIKE:
        return _like(column, value, dialect)
    if op is Op.GT:
        return column > value
    if op is Op.GTE:
        return column >= value
    if op is Op.LT:
        return column < value
    if op is Op.LTE:
        return column <= value
    raise AssertionError(op)


def _in(column: ColumnLike, values: Sequence[Any]) -> ColumnElement[bool]:
    # An empty list matches nothing; say so instead of relying on each dialect's empty-IN trick.
    return column.in_(values) if values else false()


def _like(column: ColumnLike, pattern: LikePattern, dialect: str) -> ColumnElement[bool]:
    if pattern.is_literal:
        return column == pattern.literal
    if pattern.matches_any_string:
        return column.is_not(None)
    if dialect == "sqlite":
        return column.op("GLOB", is_comparison=True)(to_sqlite_glob(pattern))
    return column.like(to_sql_like(pattern), escape=LIKE_ESCAPE)


def _may_be_null(column: ColumnLike) -> bool:
    expression = column.expression if isinstance(column, QueryableAttribute) else column
    return not (isinstance(expression, Column) and expression.nullable is False)
