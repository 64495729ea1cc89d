"""Iterating over every result of a search, one page request at a time.

Pages are requested with ``from``/``limit``; iteration ends once ``totalItems`` is reached
when the server says the total is exact, else at a short or empty page."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import TypeVar

from camunda_hub.client.filters import DEFAULT_PAGE_SIZE
from camunda_hub.client.models import Page

T = TypeVar("T")


def _done(page: Page[T], offset: int, page_size: int) -> bool:
    if not page.items:
        return True
    if not page.has_more_total_items:
        # An exact total: a server that caps the page size below ours still gets asked on.
        return offset >= page.total_items
    return len(page.items) < page_size


def iterate(
    fetch: Callable[[int, int], Page[T]],
    *,
    page_size: int = DEFAULT_PAGE_SIZE,
    max_items: int | None = None,
) -> Iterator[T]:
    """Yield items of successive pages; ``fetch(offset, limit)`` returns one page."""
    offset = 0
    yielded = 0
    while True:
        page = fetch(offset, page_size)
        for item in page.items:
            if max_items is not None and yielded >= max_items:
                return
            yield item
            yielded += 1
        offset += len(page.items)
        if _done(page, offset, page_size):
            return


async def aiterate(
    fetch: Callable[[int, int], Awaitable[Page[T]]],
    *,
    page_size: int = DEFAULT_PAGE_SIZE,
    max_items: int | None = None,
) -> AsyncIterator[T]:
    offset = 0
    yielded = 0
    while True:
        page = await fetch(offset, page_size)
        for item in page.items:
            if max_items is not None and yielded >= max_items:
                return
            yield item
            yielded += 1
        offset += len(page.items)
        if _done(page, offset, page_size):
            return
