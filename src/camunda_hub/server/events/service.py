"""The change feed's part of a running server: the notifier that wakes long polls and the
background task that drops events past their retention."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import timedelta
from typing import Any

from camunda_hub.server.events import feed, record
from camunda_hub.server.events.dispatcher import WebhookDispatcher
from camunda_hub.server.events.notifier import FeedNotifier
from camunda_hub.server.events.pg_wakeups import PgWakeups
from camunda_hub.server.outbound import policy_for
from camunda_hub.server.settings import Settings
from camunda_hub.server.store.db import Database
from camunda_hub.server.store.schema.base import utcnow
from camunda_hub.server.store.unavailable import means_unavailable

log = logging.getLogger("camunda_hub.events")

PRUNE_SECONDS = 3600.0


class EventsService:
    def __init__(self, db: Database, settings: Settings, *, kek: bytes) -> None:
        self.db = db
        self.settings = settings
        self.kek = kek
        self.retention_days = settings.event_retention_days
        self.policy = policy_for(settings.outbound_allow)
        self.notifier = FeedNotifier(db)
        # PostgreSQL: other server processes' commits wake long polls by NOTIFY, not only by
        # the counter poll.
        notify = settings.event_notify and not db.is_sqlite
        self.wakeups = PgWakeups(db, self.notifier.advance) if notify else None
        self.dispatcher = WebhookDispatcher(
            db, kek=kek, policy=self.policy, retry_scale=settings.webhook_retry_scale
        )
        self._tasks: list[asyncio.Task[None]] = []

    def start(self) -> None:
        self._tasks.append(asyncio.create_task(self._prune_loop(), name="camunda-hub-events"))
        self.dispatcher.start()
        if self.wakeups is not None:
            record.commit_listeners.append(self.wakeups.announce)
            self.wakeups.start()

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks.clear()
        if self.wakeups is not None:
            with contextlib.suppress(ValueError):
                record.commit_listeners.remove(self.wakeups.announce)
            await self.wakeups.stop()
        await self.dispatcher.stop()
        self.notifier.close()

    async def prune_now(self) -> int:
        async with self.db.transaction() as session:
            return await feed.prune(session, utcnow() - timedelta(days=self.retention_days))

    async def _prune_loop(self) -> None:
        while True:
            try:
                removed = await self.prune_now()
                if removed:
                    log.info("dropped %d events older than %d days", removed, self.retention_days)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.warning(
                    "dropping old events failed (%s)",
                    type(exc).__name__,
                    exc_info=not means_unavailable(exc),
                )
            await asyncio.sleep(PRUNE_SECONDS)


def events_of(runtime: Any) -> EventsService:
    service: EventsService = runtime.events
    return service
