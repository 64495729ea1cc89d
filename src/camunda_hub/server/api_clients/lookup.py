"""A token request naming a client this process does not know yet: one bounded look-up in the
database, so a client created a moment ago (by the CLI or the console, maybe through another
server) is usable at once instead of after the next change-feed sync.

The look-up is bounded three ways, since any caller can name any id: ids longer than the column
are never looked up; at most ``CONCURRENT`` look-ups run at once (others answer from memory); and
an id found missing is remembered as missing for ``NEGATIVE_SECONDS``. Each request is counted
in its address's rate before it gets here (``throttle/ratelimit.py``)."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable

from camunda_hub.server.api_clients.registry import ClientRegistry
from camunda_hub.server.store.db import Database

log = logging.getLogger("camunda_hub.oauth")

CONCURRENT = 4
NEGATIVE_SECONDS = 2.0
_ID_MAX = 64  # the column's size
_NEGATIVE_MAX = 10_000


class ClientLookup:
    def __init__(
        self,
        registry: ClientRegistry,
        db: Callable[[], Database],
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._registry = registry
        self._db = db
        self._clock = clock
        self._missing: dict[str, float] = {}
        self._running: dict[str, asyncio.Future[None]] = {}

    async def ensure(self, client_id: str | None) -> None:
        """Makes ``client_id`` known to the registry if the database has it."""
        if not client_id or len(client_id) > _ID_MAX or self._registry.get(client_id):
            return
        now = self._clock()
        if self._missing.get(client_id, 0.0) > now:
            return
        running = self._running.get(client_id)
        if running is not None:
            await asyncio.shield(running)
            return
        if len(self._running) >= CONCURRENT:
            return
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._running[client_id] = done
        try:
            async with self._db().session() as session:
                await self._registry.refresh(session, [client_id])
        except Exception as exc:
            # The change feed will bring the client; this request is answered from memory.
            log.debug("client look-up failed (%s)", type(exc).__name__)
        finally:
            del self._running[client_id]
            done.set_result(None)
        if self._registry.get(client_id) is None:
            if len(self._missing) >= _NEGATIVE_MAX:
                self._missing = {k: v for k, v in self._missing.items() if v > now}
                if len(self._missing) >= _NEGATIVE_MAX:
                    self._missing.clear()
            self._missing[client_id] = now + NEGATIVE_SECONDS
