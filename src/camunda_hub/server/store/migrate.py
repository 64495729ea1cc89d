"""Apply the Alembic migrations (``upgrade heads``), safely when several processes start at once."""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Connection

from camunda_hub.server.store.db import Database

MIGRATIONS = Path(__file__).parent / "migrations"
# Any constant works; it only has to be the same in every camunda-hub process.
_PG_LOCK_ID = 0x43484D42  # "CHMB"


def alembic_config(url: str = "") -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url)
    return config


def head_revisions() -> set[str]:
    return set(ScriptDirectory.from_config(alembic_config()).get_heads())


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
        if await connection.run_sync(_current) == head_revisions():
            return
        await connection.run_sync(_upgrade)
        await connection.commit()


async def current_revisions(db: Database) -> set[str]:
    async with db.engine.connect() as connection:
        return await connection.run_sync(_current)
