"""SQLite connections for reads that run their calls on the event loop's own thread.

aiosqlite runs every call (cursor, execute, fetch, close, begin, rollback) on a worker thread
and wakes the event loop for each result: six to nine thread hand-overs for one ``GET
/files/{key}``, which cost several times the query itself on a busy core (bench/reads.py). A
read from a WAL database does not wait for writers and is served from the page cache in
microseconds, so the read engine runs SQLite inline instead. Writers keep aiosqlite's thread:
they may wait for another process's write lock (busy_timeout), which must not stall the loop.

The class keeps aiosqlite's interface, so SQLAlchemy's aiosqlite dialect drives it unchanged."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Awaitable, Callable
from typing import Any

import aiosqlite
from sqlalchemy.dialects.sqlite.aiosqlite import SQLiteDialect_aiosqlite
from sqlalchemy.engine import URL


class _RunAtOnce:
    """Stands in for aiosqlite's queue to its worker thread: runs each call as it is queued and
    settles its future (SQLAlchemy's adapter queues some calls itself, bypassing the
    connection's methods, so the queue is the one place that sees them all)."""

    def put_nowait(self, item: tuple[asyncio.Future[Any] | None, Callable[[], Any]]) -> None:
        future, function = item
        try:
            result = function()
        except BaseException as exc:
            if future is not None and not future.done():
                future.set_exception(exc)
            return
        if future is not None and not future.done():
            future.set_result(result)


class InlineConnection(aiosqlite.Connection):
    """An ``aiosqlite.Connection`` whose calls run where they are awaited (no worker thread,
    which is never started)."""

    def __init__(self, connector: Callable[[], sqlite3.Connection]) -> None:
        super().__init__(connector, iter_chunk_size=64)
        self._tx = _RunAtOnce()  # type: ignore[assignment]


def inline_creator(url: URL) -> Callable[[], Awaitable[InlineConnection]]:
    """``async_creator`` for ``create_async_engine``: connections as the dialect would open."""
    args, kwargs = SQLiteDialect_aiosqlite().create_connect_args(url)
    connect: Callable[..., sqlite3.Connection] = sqlite3.connect

    async def create() -> InlineConnection:
        def connector() -> sqlite3.Connection:
            return connect(*args, **kwargs)

        connection = InlineConnection(connector)
        await connection._connect()
        return connection

    return create
