"""Apply the Alembic migrations (``upgrade heads``), safely when several processes start at once.

Every start checks first whether the database is already at the heads; that check reads the
revision ids from the migration files and the ``alembic_version`` table, without importing
Alembic (with Mako, its templates and their Pygments plugin, a good part of a start's CPU
time). Alembic decides whenever the two differ, or a file does not state its revisions plainly."""

from __future__ import annotations

import ast
import fcntl
import functools
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

from camunda_hub.server.store.db import POSTGRESQL_MINIMUM, Database, UnsupportedDatabaseError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"
# Any constant works; it only has to be the same in every camunda-hub process.
_PG_LOCK_ID = 0x43484D42  # "CHMB"


def alembic_config(url: str = "") -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url)
    return config


def head_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return set(ScriptDirectory.from_config(alembic_config()).get_heads())


@functools.cache
def file_heads() -> frozenset[str] | None:
    """The heads of the revision graph from the ``revision``/``down_revision`` assignments of
    the migration files (what Alembic reads them for), or None when a file's are not literals."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        found: dict[str, ast.expr] = {}
        source = path.read_bytes()
        # The revision ids are assigned above the first function; parsing only that part is a
        # tenth of the work (a file that assigns them later reads as "not plain": Alembic decides).
        head = source.find(b"\ndef ")
        for node in ast.parse(source[:head] if head >= 0 else source).body:
            if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                if node.value is not None:
                    found[node.target.id] = node.value
            elif isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        found[target.id] = node.value
        try:
            revision = ast.literal_eval(found["revision"])
            down = ast.literal_eval(found["down_revision"]) if "down_revision" in found else None
        except (KeyError, ValueError):
            return None
        if "depends_on" in found and ast.literal_eval(found["depends_on"]) is not None:
            return None
        if not isinstance(revision, str):
            return None
        revisions.add(revision)
        parents.update([down] if isinstance(down, str) else down or ())
    return frozenset(revisions - parents) if revisions else None


def _stored(connection: Connection) -> set[str] | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    return {row[0] for row in connection.execute(text("SELECT version_num FROM alembic_version"))}


def _up_to_date(connection: Connection) -> bool:
    heads = file_heads()
    if heads is not None and _stored(connection) == heads:
        return True
    return _current(connection) == head_revisions()


@contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _upgrade(connection: Connection) -> None:
    from alembic import command

    config = alembic_config()
    config.attributes["connection"] = connection
    if connection.dialect.name == "postgresql":
        # Held until this transaction commits (or rolls back): a second process waits here and
        # then finds nothing left to do. A session lock released before the commit would let it
        # in while the new tables are still invisible to it, and it would create them again.
        connection.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _PG_LOCK_ID})
        command.upgrade(config, "heads")
    else:
        command.upgrade(config, "heads")


def _current(connection: Connection) -> set[str]:
    from alembic.runtime.migration import MigrationContext

    return set(MigrationContext.configure(connection).get_current_heads())


async def upgrade(db: Database) -> None:
    database = db.url.database
    if db.is_sqlite and database and database != ":memory:":
        with _file_lock(Path(database + ".migrate.lock")):
            await _upgrade_with(db)
    else:
        await _upgrade_with(db)


async def _upgrade_with(db: Database) -> None:
    async with db.engine.connect() as connection:
        if not db.is_sqlite:
            found = int(await connection.scalar(text("SHOW server_version_num")))
            if found < POSTGRESQL_MINIMUM:
                raise UnsupportedDatabaseError(
                    f"PostgreSQL {found // 10000} is not supported: camunda-hub needs "
                    f"PostgreSQL {POSTGRESQL_MINIMUM // 10000} or later"
                )
        if await connection.run_sync(_up_to_date):
            return
        if not db.is_sqlite:
            await connection.run_sync(_upgrade)
            await connection.commit()
            return
        # A migration that rebuilds a table (copy, drop, rename: SQLite's only way to change
        # most of a table's definition) must run with foreign keys off: dropping a table they
        # point to would otherwise delete, by cascade, every row that refers to it. The pragma
        # only takes effect outside a transaction, and is checked before the commit instead.
        await connection.rollback()
        await connection.run_sync(sqlite_foreign_keys, False)
        try:
            await connection.run_sync(_upgrade)
            await connection.run_sync(_check_foreign_keys)
            await connection.commit()
        finally:
            await connection.rollback()
            await connection.run_sync(sqlite_foreign_keys, True)


def sqlite_foreign_keys(connection: Connection, enabled: bool) -> None:
    """Foreign key enforcement on or off for this SQLite connection; only takes effect while
    no transaction is open."""
    cursor = connection.connection.cursor()  # the driver's: no transaction begins
    try:
        cursor.execute(f"PRAGMA foreign_keys={'ON' if enabled else 'OFF'}")
    finally:
        cursor.close()


def _check_foreign_keys(connection: Connection) -> None:
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise RuntimeError(f"the migration left {len(broken)} rows whose foreign key has no row")


async def current_revisions(db: Database) -> set[str]:
    async with db.engine.connect() as connection:
        return await connection.run_sync(_current)
