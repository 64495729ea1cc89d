"""Hot reads executed on the database driver itself, with SQL compiled by SQLAlchemy.

A ``GET /files/{key}`` spent ~0.4 ms of CPU in SQLAlchemy's execution machinery (session,
pool checkout, BEGIN event, greenlet hand-overs, the aiosqlite adapter's futures, result
processing) around a query that takes ~10 µs in sqlite3 (bench/reads.py). The hottest reads
therefore build their statements with SQLAlchemy Core as usual, let SQLAlchemy compile them once
per statement shape (its cache key, the same one its own compiled cache uses), and hand the SQL
and the processed parameters straight to the driver:

- SQLite (a database file): sqlite3 connections of this process run on the calling thread, as
  the inline read engine does (a WAL reader never waits for writers). A snapshot of several
  statements is one deferred transaction, as a read session's is.
- PostgreSQL: the asyncpg connection of a pooled SQLAlchemy connection; several statements share
  one REPEATABLE READ, read-only transaction. The pool's pre-ping (BEGIN, a ``;`` query and a
  ROLLBACK: three round trips, ~0.6 ms of a 0.9 ms file read) is replaced by a lazy check: a
  few connections stay checked out for these reads (``_AsyncpgConnections``), and when the
  first round trip on one of them finds the connection gone (the database restarted), it is
  discarded and the statement runs once more on a connection the pool has just pinged.
- Anything else (an in-memory SQLite database, which only its own engine can see): the same SQL
  through ``exec_driver_sql`` on the read engine.

Rows come back as the driver returns them, without SQLAlchemy's result types (SQLite gives a
timestamp as its stored text; ``stored_time_text`` asks PostgreSQL for the same text): the
caller decodes the few columns it selects. Driver errors are
raised as SQLAlchemy's DBAPI errors, so "database unavailable" is recognised as everywhere else.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import (
    AsyncIterator,
    Awaitable,
    Callable,
    Hashable,
    Iterator,
    MutableMapping,
    Sequence,
)
from contextlib import asynccontextmanager, contextmanager
from typing import Any, TypeVar

from sqlalchemy import String
from sqlalchemy import exc as sa_exc
from sqlalchemy.dialects.sqlite.aiosqlite import SQLiteDialect_aiosqlite
from sqlalchemy.engine import URL
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql import Select
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.util.concurrency import greenlet_spawn

Row = tuple[Any, ...]
T = TypeVar("T")
_COMPILED_CACHE_SIZE = 500
# Above the search's cached statements (two each, services/hub/file_reads.py).
_PLANS_CACHED = 2048
# What Snapshot.kept keeps per SQLite connection: at most this many values, of at most this
# many bytes together (a response body counts its length, anything else nothing).
_KEPT_VALUES = 1024
_KEPT_BYTES = 16 * 1024 * 1024
_MISSING = object()
# An organization's and a project's version of the rows kept reads show
# (schema/read_versions.py): triggers change them with those rows, and nothing else does.
_VERSION_SQL = {
    ("sqlite", False): "SELECT version FROM hub_read_versions WHERE organization_id = ?",
    ("sqlite", True): "SELECT version FROM hub_project_read_versions WHERE project_key = ?",
    ("postgresql", False): "SELECT version FROM hub_read_versions WHERE organization_id = $1",
    ("postgresql", True): "SELECT version FROM hub_project_read_versions WHERE project_key = $1",
}
# Which version: the organization's (its id), or a project's (its key).
_Scope = tuple[bool, str]


class stored_time_text(FunctionElement[str]):
    """A timestamp column as the text SQLite stores for it (``2026-01-02 03:04:05.000000``,
    UTC) on every database. PostgreSQL writes it with ``to_char``: turning the datetimes asyncpg
    returns into wire text cost ~1.5 µs each in Python, 0.6 ms of a 200-file project read."""

    type = String()
    name = "stored_time_text"
    inherit_cache = True


@compiles(stored_time_text)
def _stored_time_text(element: stored_time_text, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(element.clauses, **kw)


@compiles(stored_time_text, "postgresql")
def _stored_time_text_postgresql(
    element: stored_time_text, compiler: SQLCompiler, **kw: Any
) -> str:
    column = compiler.process(element.clauses, **kw)
    return f"to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')"


class _Slot:
    """Stands for one of a call's ``values`` while a statement's plan is made."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name


class _Plan:
    """A statement object's SQL and, in the SQL's order, each parameter either as its processed
    constant or as the name of a per-call value with its bind processor."""

    __slots__ = ("names", "slots", "sql", "statement")

    def __init__(
        self,
        statement: Select[Any],
        names: frozenset[str],
        sql: str,
        slots: tuple[tuple[str | None, Any], ...],
    ) -> None:
        self.statement = statement  # held, so that its id() is not reused while planned
        self.names = names
        self.sql = sql
        self.slots = slots

    def parameters(self, values: dict[str, Any]) -> tuple[Any, ...]:
        return tuple(
            value if name is None else (value(values[name]) if value else values[name])
            for name, value in self.slots
        )


class _Compiler:
    """SQL text and driver parameters of a statement, compiled once per statement shape.

    The hot reads run the same few statement objects again and again (module constants, and
    the search's cached statements), which differ per call only in their named ``bindparam()``
    values: for those, the whole result is planned once per statement object. Working it out
    from the cache key each time (hashing the statement, constructing and processing the
    parameters) cost more CPU than the file read's query itself."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.dialect = engine.dialect
        self._cache: OrderedDict[Any, SQLCompiler] = OrderedDict()
        self._plans: OrderedDict[int, _Plan] = OrderedDict()

    def __call__(
        self, statement: Select[Any], values: dict[str, Any]
    ) -> tuple[str, tuple[Any, ...]]:
        """``values``: of the statement's named ``bindparam()``s."""
        plan = self._plans.get(id(statement))
        if plan is not None and plan.statement is statement and plan.names == values.keys():
            self._plans.move_to_end(id(statement))
            return plan.sql, plan.parameters(values)
        key = statement._generate_cache_key()
        compiled = self._compiled(statement, key)
        plan = self._plan(statement, key, compiled, values)
        if plan is not None:
            self._plans[id(statement)] = plan
            if len(self._plans) > _PLANS_CACHED:
                self._plans.popitem(last=False)
            return plan.sql, plan.parameters(values)
        return self._parameters(compiled, key, values)

    def _compiled(self, statement: Select[Any], key: Any) -> SQLCompiler:
        compiled = self._cache.get(key.key) if key is not None else None
        if compiled is None:
            compiled = statement.compile(dialect=self.dialect, cache_key=key)
            assert isinstance(compiled, SQLCompiler)
            if key is not None:
                self._cache[key.key] = compiled
                if len(self._cache) > _COMPILED_CACHE_SIZE:
                    self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(key.key)
        return compiled

    def _plan(
        self, statement: Select[Any], key: Any, compiled: SQLCompiler, values: dict[str, Any]
    ) -> _Plan | None:
        """None when the SQL itself depends on the values (expanding IN lists, literal
        execution) or a parameter is computed at execution (``callable_``)."""
        if (
            key is None
            or compiled.literal_execute_params
            or compiled.post_compile_params
            or any(bind.callable is not None for bind in compiled.binds.values())
        ):
            return None
        slotted = {name: _Slot(name) for name in values}
        params = compiled.construct_params(
            slotted or None, extracted_parameters=key.bindparams, _no_postcompile=True
        )
        processors: dict[str, Any] = dict(compiled._bind_processors)
        order = compiled.positiontup
        assert order is not None, "the read dialects use positional parameters"
        slots: list[tuple[str | None, Any]] = []
        for name in order:
            value = params[name]
            processor = processors.get(name)
            if isinstance(value, _Slot):
                slots.append((value.name, processor))
            else:
                slots.append((None, processor(value) if processor else value))
        return _Plan(statement, frozenset(values), compiled.string, tuple(slots))

    @staticmethod
    def _parameters(
        compiled: SQLCompiler, key: Any, values: dict[str, Any]
    ) -> tuple[str, tuple[Any, ...]]:
        # What SQLAlchemy's execution context does with a compiled statement: this call's bound
        # values (extracted from the statement by its cache key), expanded IN lists, and each
        # value through its type's bind processor, in the positional order of the SQL.
        params: MutableMapping[str, Any] = compiled.construct_params(
            values or None,
            extracted_parameters=key.bindparams if key is not None else None,
            _no_postcompile=True,
        )
        sql = compiled.string
        processors: dict[str, Any] = dict(compiled._bind_processors)
        order: Sequence[str] | None = compiled.positiontup
        if compiled.literal_execute_params or compiled.post_compile_params:
            expanded = compiled._process_parameters_for_postcompile(params)
            sql, order = expanded.statement, expanded.positiontup
            params = dict(expanded.parameters)
            processors.update(expanded.processors)
        assert order is not None, "the read dialects use positional parameters"
        return sql, tuple(
            processors[name](params[name]) if name in processors else params[name] for name in order
        )


class _KeptValues:
    """Values made from reads, each with the data version it was made at (``Snapshot.kept``),
    least recently used first."""

    def __init__(self) -> None:
        self._values: OrderedDict[Hashable, tuple[Hashable, Any, int]] = OrderedDict()
        self._bytes = 0

    def get(self, key: Hashable, version: Hashable) -> Any:
        found = self._values.get(key)
        if found is None or found[0] != version:
            return _MISSING
        self._values.move_to_end(key)
        return found[1]

    def put(self, key: Hashable, version: Hashable, value: Any) -> None:
        size = len(value) if isinstance(value, bytes) else 0
        old = self._values.pop(key, None)
        if old is not None:
            self._bytes -= old[2]
        if size > _KEPT_BYTES // 16:
            return  # one large body would push out everything else
        self._values[key] = (version, value, size)
        self._bytes += size
        while len(self._values) > _KEPT_VALUES or self._bytes > _KEPT_BYTES:
            self._bytes -= self._values.popitem(last=False)[1][2]


class Snapshot:
    """Statements run one after another on one connection (one transaction if consistent)."""

    def __init__(
        self,
        compile: _Compiler,
        fetch: Callable[[str, tuple[Any, ...]], Any],
        keep: tuple[Callable[[_Scope], Awaitable[Hashable | None]], _KeptValues] | None = None,
    ) -> None:
        """``keep``: the data version of an organization's Hub data as this snapshot sees it,
        and the values kept, where both exist."""
        self._compile = compile
        self._fetch = fetch
        self._keep = keep

    async def kept(
        self,
        key: Hashable,
        make: Callable[[], Awaitable[T]],
        *,
        scope: str,
        project: str | None = None,
    ) -> T:
        """What ``make`` (reading through this snapshot) gives, for a result that is costly to
        make and often asked for again unchanged (a count, a response body) and that reads
        only the projects, folders and files of the organization ``scope``: in a consistent
        snapshot, the value made last time under ``key`` when the data it sees is the same:
        at the same version of the organization's rows (``hub_read_versions``: every
        transaction that inserts, updates or deletes them commits a new one, and nothing else
        changes it), made by this thread on SQLite, by this process's event loop on PostgreSQL.
        ``project``: the value reads only that project's rows (the project, its folders and
        files), and is kept under the project's version (``hub_project_read_versions``),
        which writes elsewhere in the organization leave as it is.
        ``key`` names everything the value depends on besides the data. Elsewhere it is made
        every time."""
        if self._keep is None:
            return await make()
        version_of, values = self._keep
        # Read before ``make`` reads: a commit in between leaves a newer value under the older
        # version, which the next call (seeing the newer version) makes again, never the reverse.
        version = await version_of((False, scope) if project is None else (True, project))
        if version is None:
            return await make()
        found = values.get(key, version)
        if found is not _MISSING:
            value: T = found
            return value
        value = await make()
        values.put(key, version, value)
        return value

    async def lasting_value(self, statement: Select[Any], *, scope: str, **values: Any) -> Any:
        """The first value of the statement's first row (None without rows), kept as ``kept``
        keeps values (a search's count)."""
        sql, params = self._compile(statement, values)

        async def first() -> Any:
            rows = await self._rows(sql, params)
            return rows[0][0] if rows else None

        return await self.kept((sql, params), first, scope=scope)

    async def rows(self, statement: Select[Any], **values: Any) -> list[Row]:
        sql, params = self._compile(statement, values)
        return await self._rows(sql, params)

    async def _rows(self, sql: str, params: tuple[Any, ...]) -> list[Row]:
        result = self._fetch(sql, params)
        if not isinstance(result, list):
            result = await result
        rows: list[Row] = result
        return rows

    async def row(self, statement: Select[Any], **values: Any) -> Row | None:
        rows = await self.rows(statement, **values)
        return rows[0] if rows else None


class _SqliteConnections:
    """sqlite3 connections opened like the read engine's, kept per thread (a connection is
    handed to one snapshot at a time; a second concurrent snapshot on the thread opens another)."""

    def __init__(self, url: URL, prepare: Callable[[Any, Any], None]) -> None:
        self._args, self._kwargs = SQLiteDialect_aiosqlite().create_connect_args(url)
        self._kwargs["check_same_thread"] = False  # closed by dispose(), maybe on another thread
        self._prepare = prepare
        self._local = threading.local()
        self._opened: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        # Per thread: the versions are the database's, so every connection may use them.
        self._kept = threading.local()

    def take(self) -> sqlite3.Connection:
        free: list[sqlite3.Connection] | None = getattr(self._local, "free", None)
        if free:
            return free.pop()
        connect: Callable[..., sqlite3.Connection] = sqlite3.connect
        connection = connect(*self._args, **self._kwargs)
        self._prepare(connection, None)
        with self._lock:
            self._opened.append(connection)
        return connection

    def kept_values(self) -> _KeptValues:
        values: _KeptValues | None = getattr(self._kept, "values", None)
        if values is None:
            values = self._kept.values = _KeptValues()
        return values

    def give_back(self, connection: sqlite3.Connection) -> None:
        if connection.in_transaction:  # a consistent snapshot's read transaction ends here
            connection.rollback()
        free = getattr(self._local, "free", None)
        if free is None:
            free = self._local.free = []
        free.append(connection)

    def close(self) -> None:
        with self._lock:
            opened, self._opened = self._opened, []
            self._kept = threading.local()
        self._local = threading.local()
        for connection in opened:
            connection.close()


def _connection_lost(exc: BaseException, driver: Any) -> bool:
    """The connection is gone (the server restarted, the network broke), as opposed to a
    statement failing on a live connection."""
    import asyncpg  # the PostgreSQL driver; only a PostgreSQL deployment needs it

    if driver.is_closed():
        return True
    if isinstance(exc, asyncpg.InterfaceError):  # as SQLAlchemy's asyncpg dialect tells
        return "connection is closed" in str(exc)
    return isinstance(
        exc,
        OSError
        | asyncpg.PostgresConnectionError
        | asyncpg.AdminShutdownError
        | asyncpg.CrashShutdownError
        | asyncpg.CannotConnectNowError,
    )


class _AsyncpgConnections:
    """Pooled connections kept checked out between direct reads, per event loop (an asyncpg
    connection belongs to the loop that opened it): at most ``keep`` of them, each for at most
    ``recycle`` seconds; beyond that they go back to the pool."""

    def __init__(self, engine: AsyncEngine, keep: int, recycle: float) -> None:
        self._engine = engine
        self._keep = keep
        self._recycle = recycle
        self._idle: dict[asyncio.AbstractEventLoop, list[tuple[Any, float]]] = {}
        # What consistent snapshots keep, per event loop: their versions hold for every
        # connection to the database, so one set serves them all.
        self._kept: dict[asyncio.AbstractEventLoop, _KeptValues] = {}

    def kept_values(self) -> _KeptValues:
        loop = asyncio.get_running_loop()
        values = self._kept.get(loop)
        if values is None:
            values = self._kept[loop] = _KeptValues()
        return values

    async def take(self) -> tuple[Any, float, bool]:
        """(a pooled connection, when it left the pool, whether it was kept here: unpinged)."""
        idle = self._idle.get(asyncio.get_running_loop())
        while idle:
            pooled, since = idle.pop()
            fresh_enough = time.monotonic() - since < self._recycle
            if fresh_enough and not pooled.driver_connection.is_closed():
                return pooled, since, True
            await greenlet_spawn(pooled.invalidate)
        pooled, since = await self.fresh()
        return pooled, since, False

    async def fresh(self) -> tuple[Any, float]:
        """A connection from the pool, pinged by it."""
        return await self._engine.raw_connection(), time.monotonic()

    async def give_back(self, pooled: Any, since: float) -> None:
        idle = self._idle.setdefault(asyncio.get_running_loop(), [])
        if len(idle) < self._keep:
            idle.append((pooled, since))
        else:
            await greenlet_spawn(pooled.close)
        for stale in [loop for loop in self._idle if loop.is_closed()]:
            del self._idle[stale]
        for stale in [loop for loop in self._kept if loop.is_closed()]:
            del self._kept[stale]

    async def close(self) -> None:
        """Every kept connection back to the pool (whose ``dispose()`` closes them)."""
        kept, self._idle = self._idle, {}
        self._kept = {}
        for idle in kept.values():
            for pooled, _ in idle:
                await greenlet_spawn(pooled.close)


class DirectReads:
    def __init__(
        self,
        engine: AsyncEngine,
        *,
        sqlite_url: URL | None = None,
        sqlite_prepare: Callable[[Any, Any], None] | None = None,
        asyncpg_keep: int = 4,
        asyncpg_recycle: float = 1800,
    ) -> None:
        """``sqlite_url``: a SQLite database file (read on this process's own connections);
        ``sqlite_prepare``: what the read engine does to each new connection (pragmas);
        ``asyncpg_keep``: PostgreSQL connections kept checked out for these reads, each for at
        most ``asyncpg_recycle`` seconds (as the pool recycles its own)."""
        self._engine = engine
        self._compile = _Compiler(engine)
        self._sqlite = (
            _SqliteConnections(sqlite_url, sqlite_prepare or (lambda _c, _r: None))
            if sqlite_url is not None
            else None
        )
        self._asyncpg = (
            _AsyncpgConnections(engine, keep=asyncpg_keep, recycle=asyncpg_recycle)
            if engine.dialect.driver == "asyncpg"
            else None
        )
        self.dialect: str = engine.dialect.name

    @asynccontextmanager
    async def snapshot(self, *, consistent: bool = False) -> AsyncIterator[Snapshot]:
        """``consistent``: every statement sees the same committed state (for a response made
        of several queries)."""
        if self._sqlite is not None:
            with self._sqlite_snapshot(consistent) as snapshot:
                yield snapshot
        elif self._asyncpg is not None:
            async with self._asyncpg_snapshot(self._asyncpg, consistent) as snapshot:
                yield snapshot
        else:
            async with self._engine.connect() as connection:
                yield Snapshot(self._compile, _driver_sql(connection))

    @contextmanager
    def _sqlite_snapshot(self, consistent: bool) -> Iterator[Snapshot]:
        assert self._sqlite is not None
        connection = self._sqlite.take()

        def fetch(sql: str, params: tuple[Any, ...]) -> list[Row]:
            try:
                return connection.execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                raise sa_exc.DBAPIError.instance(sql, params, exc, sqlite3.Error) from exc

        seen: dict[_Scope, int | None] = {}

        async def version(scope: _Scope) -> int | None:
            # Inside the snapshot's transaction: the version of what it sees. None (no row, the
            # data unchanged since it was made): nothing is kept, as a restored older database
            # could have no row either, with other data.
            if scope not in seen:
                rows = fetch(_VERSION_SQL["sqlite", scope[0]], (scope[1],))
                seen[scope] = rows[0][0] if rows else None
            return seen[scope]

        sqlite = self._sqlite
        try:
            if consistent:
                connection.execute("BEGIN")
            keep = (version, sqlite.kept_values()) if consistent else None
            yield Snapshot(self._compile, fetch, keep)
        finally:
            sqlite.give_back(connection)

    @asynccontextmanager
    async def _asyncpg_snapshot(
        self, connections: _AsyncpgConnections, consistent: bool
    ) -> AsyncIterator[Snapshot]:
        import asyncpg  # the PostgreSQL driver; only a PostgreSQL deployment needs it

        pooled, since, unpinged = await connections.take()
        answered = False  # a round trip has succeeded on this connection
        broken = False

        async def round_trip(operation: Callable[[Any], Awaitable[Any]], sql: str) -> Any:
            nonlocal pooled, since, unpinged, answered, broken
            while True:
                driver = pooled.driver_connection
                try:
                    result = await operation(driver)
                except (asyncpg.PostgresError, asyncpg.InterfaceError, OSError) as exc:
                    lost = _connection_lost(exc, driver)
                    if lost and unpinged and not answered:
                        # What the pool's pre-ping would have found: nothing has been read on
                        # this connection yet, so the statement runs again on a pinged one.
                        await greenlet_spawn(pooled.invalidate)
                        pooled, since = await connections.fresh()
                        unpinged = False
                        continue
                    broken = lost or not isinstance(exc, asyncpg.PostgresError)
                    raise sa_exc.DBAPIError(sql, (), exc, connection_invalidated=broken) from exc
                answered = True
                return result

        async def fetch(sql: str, params: tuple[Any, ...]) -> list[Row]:
            rows: list[Row] = await round_trip(lambda driver: driver.fetch(sql, *params), sql)
            return rows

        done = False  # the snapshot ended without a statement or transaction left half done
        try:
            if consistent:
                transaction: Any = None

                async def begin(driver: Any) -> None:
                    nonlocal transaction
                    transaction = driver.transaction(isolation="repeatable_read", readonly=True)
                    await transaction.start()

                async def in_transaction(sql: str, params: tuple[Any, ...]) -> list[Row]:
                    # Begun by the first statement that reads data: a kept value found by
                    # the version alone needs one round trip, not BEGIN, it and COMMIT.
                    if transaction is None:
                        await round_trip(begin, "BEGIN")
                    return await fetch(sql, params)

                seen: dict[_Scope, int | None] = {}

                async def version(scope: _Scope) -> int | None:
                    if transaction is not None:
                        # Something may have committed since that version, or none was read:
                        # what is made in the transaction is made afresh, as it always was.
                        return None
                    if scope not in seen:
                        # Read before the transaction begins. A value made afterwards in it
                        # is kept under this version: made from this data or later data, and
                        # once the data has changed, no later state has this version again.
                        sql = _VERSION_SQL["postgresql", scope[0]]
                        rows = await fetch(sql, (scope[1],))
                        seen[scope] = rows[0][0] if rows else None
                    return seen[scope]

                keep = (version, connections.kept_values())
                try:
                    yield Snapshot(self._compile, in_transaction, keep)
                except Exception:
                    if transaction is not None and not broken:
                        await round_trip(lambda _driver: transaction.rollback(), "ROLLBACK")
                    raise
                if transaction is not None:
                    await round_trip(lambda _driver: transaction.commit(), "COMMIT")
            else:
                yield Snapshot(self._compile, fetch)
            done = True
        except Exception:
            done = not broken  # a statement that failed on a live connection left it usable
            raise
        finally:
            if done:
                await connections.give_back(pooled, since)
            else:  # broken, or cancelled with a statement or a transaction under way
                await greenlet_spawn(pooled.invalidate)

    async def close(self) -> None:
        if self._sqlite is not None:
            self._sqlite.close()
        if self._asyncpg is not None:
            await self._asyncpg.close()


def _driver_sql(connection: AsyncConnection) -> Callable[[str, tuple[Any, ...]], Any]:
    async def fetch(sql: str, params: tuple[Any, ...]) -> list[Row]:
        result = await connection.exec_driver_sql(sql, params)
        return [tuple(row) for row in result]

    return fetch
