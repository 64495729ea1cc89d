"""SQLite connections that run their calls on the event loop's own thread, for reads and writes.

aiosqlite runs every call (cursor, execute, fetch, close, begin, rollback) on a worker thread
and wakes the event loop for each result: six to nine thread hand-overs for one ``GET
/files/{key}`` and about twenty for one ``POST /files``, which cost several times the SQL itself
on a busy core (bench/reads.py, bench/writes.py). A read from a WAL database does not wait for
writers and is served from the page cache in microseconds, so the read engine runs SQLite
inline. So does the write engine: its writers are queued in the process (``Database``'s write
lock) and, once ``BEGIN IMMEDIATE`` holds SQLite's write lock, nothing in the transaction waits
for another connection (WAL: readers never block a writer; the checkpoint at commit is passive).
The one statement that may wait is that ``BEGIN IMMEDIATE``, for another process's writer;
:func:`begin_immediate` waits for it with asyncio sleeps instead of SQLite's busy handler, so
the loop keeps serving meanwhile. The commit is the same ``sqlite3`` commit on either thread: an
acknowledged write is in the WAL file before the response is sent, and survives ``kill -9``.

The class keeps aiosqlite's interface, so SQLAlchemy's aiosqlite dialect drives it unchanged."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Awaitable, Callable
from typing import Any

import aiosqlite
from sqlalchemy.dialects.sqlite.aiosqlite import SQLiteDialect_aiosqlite
from sqlalchemy.engine import URL, Connection
from sqlalchemy.util import await_only


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


# What SQLite's own busy handler sleeps between attempts (sqliteDefaultBusyCallback), in ms:
# short waits first, as most write transactions of another process last a few milliseconds.
_BUSY_DELAYS_MS = (1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100)


def _busy(exc: sqlite3.OperationalError) -> bool:
    return getattr(exc, "sqlite_errorcode", 0) & 0xFF == sqlite3.SQLITE_BUSY


def begin_immediate(connection: Connection, timeout: float) -> None:
    """``BEGIN IMMEDIATE`` on an inline connection (whose ``busy_timeout`` is 0), waiting up to
    ``timeout`` seconds for another process's writer without blocking the event loop. For
    SQLAlchemy's ``begin`` event, which runs in the async engine's greenlet."""
    driver = connection.connection.driver_connection
    assert isinstance(driver, InlineConnection)
    raw: sqlite3.Connection = driver._conn
    deadline = time.monotonic() + timeout
    attempt = 0
    while time.monotonic() < deadline:
        try:
            raw.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as exc:
            if not _busy(exc):
                break
        delay = _BUSY_DELAYS_MS[min(attempt, len(_BUSY_DELAYS_MS) - 1)] / 1000
        attempt += 1
        await_only(asyncio.sleep(min(delay, max(0.0, deadline - time.monotonic()))))
    # The last attempt goes through SQLAlchemy, so a failure ("database is locked" after the
    # timeout, or any other error) surfaces exactly as a blocking BEGIN's would.
    connection.exec_driver_sql("BEGIN IMMEDIATE")
