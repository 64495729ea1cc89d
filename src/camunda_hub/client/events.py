"""``hub.events``: the change feed (a camunda-hub extension), sync and async as mirror images.

    for event in hub.events.iterate(after=last_seen, types=["file."]):
        ...  # follows the feed for ever (long polls); remember event.sequence to resume

A reader that fell behind the server's retention gets :class:`ResyncRequired`: read the state
again, then continue from the newest sequence (``hub.events.head()``)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar
from urllib.parse import urlencode

from camunda_hub.client.errors import ApiError, HubError, ProtocolError
from camunda_hub.client.operations import Call

T = TypeVar("T")

MAX_WAIT = 25.0
_GONE = 410


class ResyncRequired(HubError):
    """The events after the sequence asked for are no longer kept by the server."""

    def __init__(self, after: int, detail: str, pruned_through: int | None = None) -> None:
        super().__init__(f"the change feed no longer holds events after {after}: {detail}")
        self.after = after
        # The lowest ``after`` the feed still answers (None from servers that do not say).
        self.pruned_through = pruned_through


def long_poll_wait(timeout: float) -> float:
    """The ``wait`` of a long poll: it must end before the client's own read timeout."""
    return max(0.0, min(MAX_WAIT, timeout - 5))


def pruned_through(exc: ApiError) -> int | None:
    """From a 410 of ``GET /events``: up to which sequence retention dropped the events."""
    value = exc.extra.get("prunedThrough") if exc.status == _GONE else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


@dataclass(frozen=True)
class Event:
    event_key: str
    sequence: int
    type: str
    occurred: datetime
    actor_name: str | None
    actor_email: str | None
    organization: str
    resource_type: str
    resource_key: str
    parents: dict[str, str | None]
    correlation_id: str | None
    data: dict[str, Any]
    raw: dict[str, Any]

    @classmethod
    def of(cls, item: Any) -> Event:
        try:
            return cls(
                event_key=item["eventKey"],
                sequence=int(item["sequence"]),
                type=item["type"],
                occurred=datetime.fromisoformat(item["occurred"].replace("Z", "+00:00")),
                actor_name=(item.get("actor") or {}).get("name"),
                actor_email=(item.get("actor") or {}).get("email"),
                organization=item["organization"],
                resource_type=item["resource"]["type"],
                resource_key=item["resource"]["key"],
                parents=dict(item.get("parents") or {}),
                correlation_id=item.get("correlationId"),
                data=dict(item.get("data") or {}),
                raw=dict(item),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ProtocolError(f"GET /events answered with a malformed event ({exc})") from None


@dataclass(frozen=True)
class EventPage:
    items: list[Event]
    next_after: int


def _page(data: Any) -> EventPage:
    if not isinstance(data, dict) or "items" not in data or "nextAfter" not in data:
        raise ProtocolError("GET /events answered with something that is not an event page")
    return EventPage([Event.of(item) for item in data["items"]], int(data["nextAfter"]))


def page_call(
    after: int, *, limit: int = 100, types: Iterable[str] | None = None, wait: float = 0
) -> Call[EventPage]:
    query: list[tuple[str, str]] = [("after", str(after)), ("limit", str(limit))]
    query += [("type", t) for t in (types or [])]
    if wait:
        query.append(("wait", f"{wait:g}"))
    return Call("GET", "/events?" + urlencode(query), _page)


def _resync(exc: ApiError, after: int) -> ResyncRequired | None:
    if exc.status != _GONE:
        return None
    return ResyncRequired(after, exc.detail or "resync", pruned_through(exc))


class Events:
    def __init__(self, run: Callable[[Call[Any]], Any], *, timeout: float) -> None:
        self._run = run
        self._wait = long_poll_wait(timeout)

    def page(
        self,
        after: int = 0,
        *,
        limit: int = 100,
        types: Iterable[str] | None = None,
        wait: float = 0,
    ) -> EventPage:
        try:
            result: EventPage = self._run(page_call(after, limit=limit, types=types, wait=wait))
        except ApiError as exc:
            raise (_resync(exc, after) or exc) from None
        return result

    def head(self) -> int:
        """The newest sequence: where a reader that only wants what comes next starts."""
        after = 0
        while True:
            try:
                page = self.page(after, limit=1000)
            except ResyncRequired as exc:
                # Retention dropped the oldest events: the head is past them.
                if exc.pruned_through is None or exc.pruned_through <= after:
                    raise
                after = exc.pruned_through
                continue
            if not page.items:
                return page.next_after
            after = page.next_after

    def iterate(
        self, after: int = 0, *, types: Iterable[str] | None = None, follow: bool = True
    ) -> Iterator[Event]:
        """Every event after ``after`` in order; with ``follow`` it long-polls for new ones
        for ever, otherwise it stops at the end of the feed."""
        types = list(types or [])
        while True:
            page = self.page(after, limit=1000, types=types, wait=self._wait if follow else 0)
            yield from page.items
            if not page.items and not follow:
                return
            after = page.next_after


class AsyncEvents:
    def __init__(self, run: Callable[[Call[Any]], Awaitable[Any]], *, timeout: float) -> None:
        self._run = run
        self._wait = long_poll_wait(timeout)

    async def page(
        self,
        after: int = 0,
        *,
        limit: int = 100,
        types: Iterable[str] | None = None,
        wait: float = 0,
    ) -> EventPage:
        try:
            result: EventPage = await self._run(
                page_call(after, limit=limit, types=types, wait=wait)
            )
        except ApiError as exc:
            raise (_resync(exc, after) or exc) from None
        return result

    async def head(self) -> int:
        after = 0
        while True:
            try:
                page = await self.page(after, limit=1000)
            except ResyncRequired as exc:
                if exc.pruned_through is None or exc.pruned_through <= after:
                    raise
                after = exc.pruned_through
                continue
            if not page.items:
                return page.next_after
            after = page.next_after

    async def iterate(
        self, after: int = 0, *, types: Iterable[str] | None = None, follow: bool = True
    ) -> AsyncIterator[Event]:
        types = list(types or [])
        while True:
            page = await self.page(after, limit=1000, types=types, wait=self._wait if follow else 0)
            for event in page.items:
                yield event
            if not page.items and not follow:
                return
            after = page.next_after
