"""PostgreSQL LISTEN/NOTIFY between server processes: a commit that wrote events in one process
wakes the long polls waiting in the others at once, instead of at their next poll of the
event counters (events/notifier.py).

Only an accelerator: the counter poll keeps running, so nothing depends on a notification
arriving. That is why the NOTIFY can be sent after the commit, from this process's commit
listener, on a connection of its own (the outbox write path is not touched, and a lost
notification, or one never sent by a writer that has no listener such as the admin CLI, costs
at most one poll interval). One dedicated asyncpg connection per process, outside the pool,
with the engine's own connect arguments: it LISTENs, and it carries this process's NOTIFYs,
coalesced (``{organization: last sequence}``, the highest per organization). A lost connection
is reopened with a growing pause (0.5 s … 30 s); a quiet one is checked every
:data:`KEEPALIVE` seconds so a silently dropped link is noticed."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Callable
from functools import partial
from typing import Any

from camunda_hub.server.store.db import Database

log = logging.getLogger(__name__)

CHANNEL = "camunda_hub_events"
KEEPALIVE = 30.0
MAX_BACKOFF = 30.0
# NOTIFY payloads must stay under 8000 bytes: organizations per notification.
_PER_NOTIFY = 50


def _parsed(payload: str) -> dict[str, int]:
    try:
        data = json.loads(payload)
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        str(org): seq
        for org, seq in data.items()
        if isinstance(seq, int) and not isinstance(seq, bool)
    }


class PgWakeups:
    def __init__(self, db: Database, on_notice: Callable[[dict[str, int]], None]) -> None:
        self._db = db
        self._on_notice = on_notice
        self._pending: dict[str, int] = {}
        self._send = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        # Whether the LISTEN is in place (tests, and a hint in logs).
        self.listening = asyncio.Event()

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="camunda-hub-event-listen")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    def announce(self, written: dict[str, int]) -> None:
        """Called on this loop's thread after a commit that wrote events."""
        for organization_id, sequence in written.items():
            if sequence > self._pending.get(organization_id, 0):
                self._pending[organization_id] = sequence
        self._send.set()

    def _lost(self, lost: asyncio.Event, _connection: Any) -> None:
        lost.set()
        self._send.set()  # wakes _serve, which then returns and the connection is reopened

    def _received(self, _conn: Any, _pid: int, _channel: str, payload: str) -> None:
        found = _parsed(payload)
        if found:
            self._on_notice(found)

    async def _connect(self) -> Any:
        import asyncpg

        engine = self._db.engine
        _, options = engine.dialect.create_connect_args(engine.url)
        return await asyncpg.connect(**{**options, "timeout": 5})

    async def _run(self) -> None:
        backoff = 0.5
        while True:
            connection = None
            try:
                connection = await self._connect()
                lost = asyncio.Event()
                connection.add_termination_listener(partial(self._lost, lost))
                await connection.add_listener(CHANNEL, self._received)
                self.listening.set()
                backoff = 0.5
                await self._serve(connection, lost)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.debug("event notifications unavailable (%s)", type(exc).__name__)
            finally:
                self.listening.clear()
                if connection is not None:
                    with contextlib.suppress(Exception):
                        await asyncio.wait_for(connection.close(), 2)
            await asyncio.sleep(backoff)
            backoff = min(MAX_BACKOFF, backoff * 2)

    async def _serve(self, connection: Any, lost: asyncio.Event) -> None:
        """Send what is pending until the connection is lost (then return)."""
        while not lost.is_set():
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(KEEPALIVE):
                    await self._send.wait()
            self._send.clear()
            if not self._pending:
                await connection.execute("SELECT 1", timeout=5)
                continue
            pending, self._pending = self._pending, {}
            items = sorted(pending.items())
            try:
                for start in range(0, len(items), _PER_NOTIFY):
                    payload = json.dumps(dict(items[start : start + _PER_NOTIFY]))
                    await connection.execute(
                        "SELECT pg_notify($1, $2)", CHANNEL, payload, timeout=5
                    )
            except BaseException:
                # Sent again on the next connection (a late wake-up is harmless).
                for organization_id, sequence in pending.items():
                    self._pending[organization_id] = max(
                        sequence, self._pending.get(organization_id, 0)
                    )
                raise
