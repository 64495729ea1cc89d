"""A validated search request: what ``parse_search`` produces and ``run_search`` executes."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

DEFAULT_LIMIT = 100
MAX_LIMIT = 10_000


class Op(Enum):
    EQ = "$eq"
    NEQ = "$neq"
    EXISTS = "$exists"
    IN = "$in"
    NOT_IN = "$notIn"
    LIKE = "$like"
    GT = "$gt"
    GTE = "$gte"
    LT = "$lt"
    LTE = "$lte"


@dataclass(frozen=True)
class Condition:
    """One operator applied to one field; all conditions of a request are ANDed.

    ``value`` is already converted to the field's Python type: ``str``, aware UTC ``datetime``,
    ``bool``, ``int``, ``None`` (``$eq``/``$neq`` against null), a tuple of those for
    ``$in``/``$notIn``, or a :class:`~camunda_hub.server.search.like.LikePattern` for ``$like``.
    """

    field: str
    op: Op
    value: Any


@dataclass(frozen=True)
class SortKey:
    field: str
    descending: bool


@dataclass(frozen=True)
class SearchRequest:
    offset: int = 0
    limit: int = DEFAULT_LIMIT
    sort: tuple[SortKey, ...] = ()
    conditions: tuple[Condition, ...] = ()
