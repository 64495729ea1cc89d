"""Waking long polls (and the webhook dispatcher) when events are committed.

Commits of this process announce themselves at once (events/record.py ``commit_listeners``);
commits of other processes (another server, the CLI) are seen by one poll of the counters
every ``poll_interval`` seconds, made only while someone waits: no busy loop, and at most that
long a delay between processes, on SQLite and PostgreSQL alike. On PostgreSQL, other server
processes' commits also arrive by NOTIFY (events/pg_wakeups.py, through :meth:`advance`),
which wakes a waiter within milliseconds; the poll stays, for writers that do not notify."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from sqlalchemy import select

from camunda_hub.server.events import record
from camunda_hub.server.store.db import Database
from camunda_hub.server.store.schema.events import EventCounter

log = logging.getLogger(__name__)


class FeedNotifier:
    def __init__(self, db: Database, poll_interval: float = 0.5) -> None:
        self._db = db
        self._poll_interval = poll_interval
        self._known: dict[str, int] = {}
        self._waiters: dict[str, set[asyncio.Event]] = {}
        self._poller: asyncio.Task[None] | None = None
        self._loop = asyncio.get_running_loop()
        record.commit_listeners.append(self._committed)

    def close(self) -> None:
        with contextlib.suppress(ValueError):
            record.commit_listeners.remove(self._committed)
        if self._poller is not None:
            self._poller.cancel()

    def _committed(self, written: dict[str, int]) -> None:
        # Called from the session's commit, which runs on this loop's thread.
        self.advance(written)

    def advance(self, sequences: dict[str, int]) -> None:
        for organization_id, sequence in sequences.items():
            if sequence > self._known.get(organization_id, 0):
                self._known[organization_id] = sequence
                for waiter in self._waiters.get(organization_id, ()):
                    waiter.set()

    async def wait(self, organization_id: str, after: int, timeout: float) -> bool:  # noqa: ASYNC109
        """Until an event above ``after`` may exist for the organization (True) or the time
        is up (False)."""
        if self._known.get(organization_id, 0) > after:
            return True
        waiter = asyncio.Event()
        self._waiters.setdefault(organization_id, set()).add(waiter)
        self._ensure_poller()
        try:
            async with asyncio.timeout(timeout):
                await waiter.wait()
            return True
        except TimeoutError:
            return False
        finally:
            waiting = self._waiters.get(organization_id)
            if waiting is not None:
                waiting.discard(waiter)
                if not waiting:
                    del self._waiters[organization_id]

    def _ensure_poller(self) -> None:
        if self._poller is None or self._poller.done():
            self._poller = asyncio.create_task(self._poll(), name="camunda-hub-event-poll")

    async def _poll(self) -> None:
        while self._waiters:
            try:
                async with self._db.session() as session:
                    rows = await session.execute(
                        select(EventCounter.organization_id, EventCounter.last_sequence).where(
                            EventCounter.organization_id.in_(list(self._waiters))
                        )
                    )
                    self.advance({org: int(seq) for org, seq in rows.all()})
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.debug("event counters could not be read (%s)", type(exc).__name__)
            await asyncio.sleep(self._poll_interval)
