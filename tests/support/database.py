"""Reaching into a test server's database directly: for states the API cannot make, such as a
deletion that happened weeks ago."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import TypeVar

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from camunda_hub.server.store.db import Database
from camunda_hub.server.store.schema.base import utcnow
from camunda_hub.server.store.schema.hub import Deletion
from tests.support.server import HubServer

T = TypeVar("T")


def database_url(server: HubServer) -> str:
    return server.env.get("CAMUNDA_HUB_DATABASE_URL") or (
        f"sqlite:///{Path(server.data_dir) / 'camunda-hub.sqlite3'}"
    )


def in_database(server: HubServer, work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    async def run() -> T:
        db = Database(database_url(server))
        try:
            async with db.transaction() as session:
                return await work(session)
        finally:
            await db.dispose()

    return asyncio.run(run())


def age_deletion(server: HubServer, root_key: str, days: int) -> None:
    async def work(session: AsyncSession) -> None:
        changed = await session.execute(
            update(Deletion)
            .where(Deletion.root_key == root_key)
            .values(deleted=utcnow() - timedelta(days=days))
        )
        assert changed.rowcount == 1  # type: ignore[attr-defined]

    in_database(server, work)


def deletion_events(server: HubServer, root_key: str) -> int:
    async def work(session: AsyncSession) -> int:
        count = await session.scalar(
            select(func.count()).select_from(Deletion).where(Deletion.root_key == root_key)
        )
        return int(count or 0)

    return in_database(server, work)
