"""The database handle: one async engine per process, SQLite or PostgreSQL by URL."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from camunda_hub.server.settings import DEFAULT_DB_POOL_SIZE
from camunda_hub.server.store.direct_reads import DirectReads
from camunda_hub.server.store.sqlite_inline import begin_immediate, inline_creator

# Any constant works; it only has to be the same in every camunda-hub process.
_SETUP_LOCK_ID = 0x43484D53  # "CHMS"
# How long a writer waits for another process's write transaction before "database is locked".
_BUSY_TIMEOUT_S = 10


class DatabaseUrlError(ValueError):
    pass


class UnsupportedDatabaseError(DatabaseUrlError):
    """The URL names a database this version cannot run on (PostgreSQL older than 13)."""


# The oldest PostgreSQL release supported (README.md: "PostgreSQL 13 or later").
POSTGRESQL_MINIMUM = 130000


def async_url(url: str) -> URL:
    """Map the URL users write (``sqlite:///…``, ``postgresql://…``) onto our async drivers."""
    try:
        parsed = make_url(url)
    except Exception as exc:  # sqlalchemy raises ArgumentError with the URL in it
        raise DatabaseUrlError("the database URL is not valid") from exc
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return parsed.set(drivername="sqlite+aiosqlite")
    if backend in ("postgresql", "postgres"):
        return parsed.set(drivername="postgresql+asyncpg")
    raise DatabaseUrlError(f"unsupported database {backend!r}: use sqlite:/// or postgresql://")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin (see _begin_*).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    # WAL lets the CLI admin commands write while a server reads; busy_timeout makes concurrent
    # writers wait for the lock instead of failing at once.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={int(_BUSY_TIMEOUT_S * 1000)}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _begin_deferred(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN")


def _begin_immediate(conn: Any) -> None:
    # A writer takes the write lock up front: a deferred transaction that reads and then writes
    # fails with SQLITE_BUSY when another writer committed in between, and no timeout helps.
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def _inline_writer_pragmas(dbapi_connection: Any, _record: Any) -> None:
    _sqlite_pragmas(dbapi_connection, _record)
    # An inline writer must never sleep in SQLite's busy handler: that would stall the loop.
    # Its one waiting statement, BEGIN IMMEDIATE, waits in begin_immediate instead.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=0")
    cursor.close()


def _begin_immediate_inline(conn: Any) -> None:
    begin_immediate(conn, _BUSY_TIMEOUT_S)


class Database:
    def __init__(
        self, url: str, *, echo: bool = False, pool_size: int = DEFAULT_DB_POOL_SIZE
    ) -> None:
        self.url = async_url(url)
        self.is_sqlite = self.url.get_backend_name() == "sqlite"
        kwargs: dict[str, Any] = {"echo": echo}
        if not self.is_sqlite:
            kwargs.update(
                # Every connection kept, none opened per request: an overflow connection is
                # closed when it is returned, so requests beyond a small pool each paid a new
                # backend (fork, authentication) and writes at 32 clients fell below one
                # client's rate (docs/benchmarks.md).
                pool_size=pool_size,
                max_overflow=0,
                pool_pre_ping=True,
                pool_recycle=1800,
                # An unreachable database must fail a request within seconds (503), not hang it
                # for asyncpg's 60 s connect timeout or the pool's 30 s wait.
                pool_timeout=5,
                connect_args={"timeout": 5},
            )
        inline = self.is_sqlite and self.url.database not in (None, "", ":memory:")
        if inline:
            # Reads and writes run SQLite on the loop's thread (see sqlite_inline).
            kwargs["async_creator"] = inline_creator(self.url)
        self.engine: AsyncEngine = create_async_engine(self.url, **kwargs)
        # The hottest reads skip the engine's execution machinery (see direct_reads).
        self.direct = DirectReads(
            self.engine,
            sqlite_url=self.url if inline else None,
            sqlite_prepare=_sqlite_pragmas,
        )
        self.write_engine = self.engine
        if self.is_sqlite:
            self.write_engine = create_async_engine(self.url, **kwargs)
            writer_pragmas = _inline_writer_pragmas if inline else _sqlite_pragmas
            for engine, connect, begin in (
                (self.engine, _sqlite_pragmas, _begin_deferred),
                (
                    self.write_engine,
                    writer_pragmas,
                    _begin_immediate_inline if inline else _begin_immediate,
                ),
            ):
                event.listen(engine.sync_engine, "connect", connect)
                event.listen(engine.sync_engine, "begin", begin)
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False)
        self.write_sessions = async_sessionmaker(self.write_engine, expire_on_commit=False)
        # SQLite has one writer at a time. Left to SQLite, concurrent writers of this process
        # poll its busy handler with growing sleeps, so the lock sits idle between them and
        # throughput falls as clients are added; queued here, the next writer starts the moment
        # the last one commits. Writers of other processes still wait in the busy handler
        # (bounded by busy_timeout). Reads never take this lock (WAL: they never wait).
        self._write_locks: dict[asyncio.AbstractEventLoop, asyncio.Lock] = {}

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        """A session for reads (and writes that need no read-then-write atomicity)."""
        async with self.sessions() as session:
            yield session

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """A read-write transaction, committed on exit, rolled back on error. Not to be
        nested: on SQLite an inner one would wait for the outer one forever."""
        if not self.is_sqlite:
            async with self.write_sessions() as session, session.begin():
                yield session
            return
        async with self._write_lock(), self.write_sessions() as session, session.begin():
            yield session

    def _write_lock(self) -> asyncio.Lock:
        # One per event loop: a lock cannot be shared between loops (admin commands and tests
        # run several loops, one after another, on one Database).
        loop = asyncio.get_running_loop()
        lock = self._write_locks.get(loop)
        if lock is None:
            for stale in [other for other in self._write_locks if other.is_closed()]:
                del self._write_locks[stale]
            lock = self._write_locks[loop] = asyncio.Lock()
        return lock

    @asynccontextmanager
    async def exclusive_transaction(self) -> AsyncIterator[AsyncSession]:
        """A write transaction that no other process runs at the same time: first-start set-up
        (secret check, first key, bootstrap client) done by processes started together."""
        async with self.transaction() as session:
            if not self.is_sqlite:
                # SQLite's BEGIN IMMEDIATE already serialises writers; PostgreSQL needs a lock,
                # released by the commit or rollback.
                await session.execute(
                    text("SELECT pg_advisory_xact_lock(:id)"), {"id": _SETUP_LOCK_ID}
                )
            yield session

    async def dispose(self) -> None:
        await self.direct.close()
        await self.engine.dispose()
        if self.write_engine is not self.engine:
            await self.write_engine.dispose()
