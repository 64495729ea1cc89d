"""Running a search: filter, order and page the caller's query, and count its matches cheaply.

``totalItems`` is exact whenever the page itself shows where the results end (a short, non-empty
page, or an empty first page). Otherwise the matches are counted, but never more than
``offset + limit + COUNT_BEYOND_PAGE`` of them: when there are more, the response says
``hasMoreTotalItems: true`` and ``totalItems`` is that cap, a lower bound. So a search costs at
most one page plus a bounded index walk, however many rows match.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, inspect, literal_column, select
from sqlalchemy.ext.asyncio import AsyncSession

from camunda_hub.server.search.compile import order_by, where_clause
from camunda_hub.server.search.request import SearchRequest
from camunda_hub.server.search.spec import SearchSpec

COUNT_BEYOND_PAGE = 10_000


@dataclass
class SearchPage:
    """``rows``: for ``select(Model)`` the ORM objects, otherwise the ``Row`` objects."""

    rows: list[Any]
    total_items: int
    has_more_total_items: bool


async def run_search(
    session: AsyncSession, base: Select[Any], spec: SearchSpec, request: SearchRequest
) -> SearchPage:
    """``base`` is the caller's query, already scoped (organization, deleted state, joins) and
    without ORDER BY, LIMIT or GROUP BY; this adds the request's filter, order and page."""
    one_entity = _selects_one_entity(base)

    async def rows(query: Select[Any]) -> list[Any]:
        result = await session.execute(query)
        return list(result.scalars()) if one_entity else list(result)

    async def count(query: Select[Any]) -> Any:
        return await session.scalar(query)

    return await search_with(rows, count, session.get_bind().dialect.name, base, spec, request)


class SearchStatements:
    """The page query and the bounded count query of one request (the count built when first
    needed). Pure functions of the base query, spec, dialect and request: a caller that runs the
    same request again may keep them and skip building and hashing the statements."""

    def __init__(
        self, dialect: str, base: Select[Any], spec: SearchSpec, request: SearchRequest
    ) -> None:
        self.request = request
        self._counts: dict[int, Select[Any]] = {}
        self._matching = base.where(where_clause(spec, request, dialect))
        self.page = (
            self._matching.order_by(None)
            .order_by(*order_by(spec, request, dialect))
            .offset(request.offset)
            .limit(request.limit)
        )

    @property
    def cap(self) -> int:
        return self.request.offset + self.request.limit + COUNT_BEYOND_PAGE

    def count(self) -> Select[Any]:
        """The count of at most ``cap + 1`` matches (built once per cap)."""
        cap = self.cap
        query = self._counts.get(cap)
        if query is None:
            query = self._counts[cap] = select(func.count()).select_from(
                _countable(self._matching).limit(cap + 1).subquery()
            )
        return query


async def search_with(
    rows: Callable[[Select[Any]], Awaitable[list[Any]]],
    count: Callable[[Select[Any]], Awaitable[Any]],
    dialect: str,
    base: Select[Any],
    spec: SearchSpec,
    request: SearchRequest,
) -> SearchPage:
    """``run_search`` on any executor: ``rows`` runs the page query, ``count`` the count query
    (one value)."""
    return await run_statements(rows, count, SearchStatements(dialect, base, spec, request))


async def run_statements(
    rows: Callable[[Select[Any]], Awaitable[list[Any]]],
    count: Callable[[Select[Any]], Awaitable[Any]],
    statements: SearchStatements,
) -> SearchPage:
    """``search_with`` of statements built earlier."""
    request = statements.request
    found = await rows(statements.page)

    if (found and len(found) < request.limit) or (not found and request.offset == 0):
        return SearchPage(found, request.offset + len(found), False)
    cap = statements.cap
    total = int((await count(statements.count())) or 0)
    if total > cap:
        return SearchPage(found, cap, True)
    return SearchPage(found, total, False)


def _countable(matching: Select[Any]) -> Select[Any]:
    # Counting needs no columns, and selecting none lets SQLite answer from an index alone; a
    # DISTINCT query must keep its columns, or its distinct rows would collapse into one.
    if matching._distinct:
        return matching.order_by(None)
    return matching.order_by(None).with_only_columns(
        literal_column("1"), maintain_column_froms=True
    )


def _selects_one_entity(query: Select[Any]) -> bool:
    descriptions = query.column_descriptions
    if len(descriptions) != 1:
        return False
    info = inspect(descriptions[0]["expr"], raiseerr=False)
    return bool(
        info is not None
        and (getattr(info, "is_mapper", False) or getattr(info, "is_aliased_class", False))
    )
