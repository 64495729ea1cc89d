"""LISTEN/NOTIFY between server processes on PostgreSQL (events/pg_wakeups.py), on a real
database: what one process announces after a commit reaches another's long-poll notifier,
coalesced per organization; and a listener whose connection is killed comes back by itself.
(Two real server processes waking each other: tests/test_events_postgres.py.)"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import asyncpg
import pytest

from camunda_hub.server.events.pg_wakeups import CHANNEL, PgWakeups
from camunda_hub.server.store.db import Database
from tests.support.postgres import PostgresCluster

pytestmark = pytest.mark.postgres


async def _until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    async with asyncio.timeout(timeout):
        while not condition():
            await asyncio.sleep(0.01)


def test_an_announced_commit_reaches_the_other_process_and_survives_a_lost_link(
    postgres: PostgresCluster,
) -> None:
    url = postgres.create_database("wakeups")

    async def scenario() -> None:
        db_a, db_b = Database(url), Database(url)
        heard: list[dict[str, int]] = []
        sender = PgWakeups(db_a, lambda _: None)
        listener = PgWakeups(db_b, heard.append)
        sender.start()
        listener.start()
        try:
            await asyncio.wait_for(sender.listening.wait(), 10)
            await asyncio.wait_for(listener.listening.wait(), 10)
            # Two commits before the sender gets to run: one notification, the higher number.
            sender.announce({"org-1": 4})
            sender.announce({"org-1": 5, "org-2": 1})
            await _until(lambda: {"org-1": 5, "org-2": 1} in heard)
            assert all(notice.get("org-1", 5) == 5 for notice in heard)

            # The listener's connection dies (a PostgreSQL restart, a proxy timeout): it is
            # reopened, and notifications arrive again.
            engine = db_a.engine
            admin = await asyncpg.connect(**engine.dialect.create_connect_args(engine.url)[1])
            try:
                killed = await admin.fetchval(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
                assert killed >= 2
                await _until(lambda: not listener.listening.is_set(), 5)
                await asyncio.wait_for(listener.listening.wait(), 10)
                await asyncio.wait_for(sender.listening.wait(), 10)
                # A payload that is not ours is ignored, not fatal.
                await admin.execute("SELECT pg_notify($1, 'not json')", CHANNEL)
            finally:
                await admin.close()
            sender.announce({"org-1": 9})
            await _until(lambda: {"org-1": 9} in heard)
        finally:
            await sender.stop()
            await listener.stop()
            await db_a.dispose()
            await db_b.dispose()

    asyncio.run(scenario())
