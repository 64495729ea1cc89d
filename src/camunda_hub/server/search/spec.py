"""What a search endpoint declares: its filterable fields, sortable fields and paging anchor."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from sqlalchemy.orm import InstrumentedAttribute
from sqlalchemy.sql.elements import ColumnElement


class FieldKind(Enum):
    """The value type of a filter field, which decides the operators it accepts."""

    BASIC = "basic string"
    STRING = "string"
    DATETIME = "date-time"
    BOOLEAN = "boolean"
    INTEGER = "integer"


ColumnLike = ColumnElement[Any] | InstrumentedAttribute[Any]


@dataclass(frozen=True)
class Field:
    """One filterable property on the wire, bound to the SQL column it filters.

    ``eq_only`` fields accept only a bare value or ``$eq`` (the contract's member search declares
    ``workspaceKey`` that way).

    ``any_of`` makes a field that holds a *set* of values (a snapshot's file versions, an asset's
    tags): ``column`` is then the value column of the related rows, and ``any_of(condition)``
    must return "some related row of this result row satisfies ``condition``", typically
    ``select(Link.key).where(Link.owner_key == Owner.key, condition).exists()``. Operators then
    read as set membership: ``$eq``/``$in``/``$like``/comparisons hold when some value matches,
    ``$neq``/``$notIn`` when none does (so an empty set matches them), ``$exists`` when the set
    is non-empty; ``null`` as a value stands for the empty set.
    """

    column: ColumnLike
    kind: FieldKind
    eq_only: bool = False
    any_of: Callable[[ColumnElement[bool]], ColumnElement[bool]] | None = None


@dataclass(frozen=True)
class SearchSpec:
    """The search language of one endpoint.

    ``tiebreaker`` must be unique per result row: it ends every ORDER BY so that paging through
    rows with equal sort keys neither repeats nor skips any.
    """

    fields: Mapping[str, Field]
    sort_fields: Mapping[str, ColumnLike]
    tiebreaker: ColumnLike
    required_filters: tuple[str, ...] = ()
    default_sort: tuple[tuple[str, str], ...] = ()
    allow_filter: bool = True

    def __post_init__(self) -> None:
        # A misdeclared spec fails when the router module is imported, not on some request.
        for name in self.required_filters:
            if name not in self.fields:
                raise ValueError(f"required filter {name!r} is not a declared field")
        for name, order in self.default_sort:
            if name not in self.sort_fields:
                raise ValueError(f"default sort field {name!r} is not a sort field")
            if order not in ("ASC", "DESC"):
                raise ValueError(f"default sort order {order!r} must be ASC or DESC")
