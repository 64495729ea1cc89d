"""The Alembic history builds exactly the schema the models declare, on SQLite and PostgreSQL,
and has one head (so `upgrade heads` and `alembic upgrade head` mean the same)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.engine import Connection

from camunda_hub.server.store import migrate
from camunda_hub.server.store.db import Database
from camunda_hub.server.store.schema import Base
from tests.support.postgres import PostgresCluster


def _differences(connection: Connection) -> list[object]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, Base.metadata))


async def _upgrade_and_compare(url: str) -> tuple[set[str], list[object]]:
    db = Database(url)
    try:
        await migrate.upgrade(db)
        # A second run finds nothing to do (several processes start at once in production).
        await migrate.upgrade(db)
        async with db.engine.connect() as connection:
            diffs = await connection.run_sync(_differences)
        return await migrate.current_revisions(db), diffs
    finally:
        await db.dispose()


def test_the_history_has_one_head() -> None:
    assert len(migrate.head_revisions()) == 1


def test_sqlite_schema_matches_the_models(tmp_path: Path) -> None:
    current, diffs = asyncio.run(_upgrade_and_compare(f"sqlite:///{tmp_path / 'm.sqlite3'}"))
    assert current == migrate.head_revisions()
    assert diffs == []


@pytest.mark.postgres
def test_postgres_schema_matches_the_models(postgres: PostgresCluster) -> None:
    current, diffs = asyncio.run(_upgrade_and_compare(postgres.create_database("migrations")))
    assert current == migrate.head_revisions()
    assert diffs == []
