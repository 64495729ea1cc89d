"""The change feed: writers append a row; every process polls it to refresh its caches.

This is how a client revoked from the CLI, or a key rotated on another server process, reaches
a running server within ``sync_interval`` seconds, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from camunda_hub.server.store.schema.base import utcnow
from camunda_hub.server.store.schema.identity import Change

CLIENT = "client"
KEY = "key"

_RETENTION = timedelta(days=1)


def record(session: AsyncSession, kind: str, ref: str) -> None:
    session.add(Change(kind=kind, ref=ref))


@dataclass(frozen=True)
class ChangeRow:
    seq: int
    kind: str
    ref: str


async def latest_seq(session: AsyncSession) -> int:
    return int((await session.scalar(select(func.max(Change.seq)))) or 0)


async def since(session: AsyncSession, seq: int, limit: int = 1000) -> list[ChangeRow]:
    rows = await session.execute(
        select(Change.seq, Change.kind, Change.ref)
        .where(Change.seq > seq)
        .order_by(Change.seq)
        .limit(limit)
    )
    return [ChangeRow(*row) for row in rows]


async def prune(session: AsyncSession) -> None:
    # Keep the newest row so max(seq) never goes backwards (SQLite could reuse a freed seq).
    newest = await latest_seq(session)
    await session.execute(
        delete(Change).where(Change.at < utcnow() - _RETENTION, Change.seq < newest)
    )
