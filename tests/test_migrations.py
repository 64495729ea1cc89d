"""The Alembic history builds exactly the schema the models declare, on SQLite and PostgreSQL,
has one head (so `upgrade heads` and `alembic upgrade head` mean the same), and every migration
can be undone (an operator rolling back a release runs ``alembic downgrade``)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from alembic import command
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


def test_the_start_up_check_reads_the_heads_alembic_reads() -> None:
    # The check every start makes without Alembic (store/migrate.py) must see the same graph.
    assert migrate.file_heads() == migrate.head_revisions()


def test_sqlite_schema_matches_the_models(tmp_path: Path) -> None:
    current, diffs = asyncio.run(_upgrade_and_compare(f"sqlite:///{tmp_path / 'm.sqlite3'}"))
    assert current == migrate.head_revisions()
    assert diffs == []


@pytest.mark.postgres
def test_postgres_schema_matches_the_models(postgres: PostgresCluster) -> None:
    current, diffs = asyncio.run(_upgrade_and_compare(postgres.create_database("migrations")))
    assert current == migrate.head_revisions()
    assert diffs == []


# Alembic compares neither partial-index predicates nor operator classes: compare the index
# definitions the database itself reports, migrated versus built straight from the models.
_INDEX_DEFINITIONS = {
    "sqlite": "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL",
    "postgresql": "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'",
}


async def _index_definitions(url: str, *, migrated: bool) -> dict[str, str]:
    from sqlalchemy import text

    db = Database(url)
    try:
        if migrated:
            await migrate.upgrade(db)
        else:
            async with db.engine.begin() as connection:
                await connection.run_sync(Base.metadata.create_all)
        async with db.engine.connect() as connection:
            rows = await connection.execute(text(_INDEX_DEFINITIONS[db.engine.dialect.name]))
            # SQLite keeps the statement as written: compare it without layout differences.
            return {name: " ".join(sql.replace('"', "").split()) for name, sql in rows}
    finally:
        await db.dispose()


def _same_indexes(migrated_url: str, models_url: str) -> None:
    migrated = asyncio.run(_index_definitions(migrated_url, migrated=True))
    from_models = asyncio.run(_index_definitions(models_url, migrated=False))
    files = {name for name in from_models if name.startswith("ix_files_")}
    assert files  # the comparison covers the indexes this was written for
    assert {n: migrated.get(n) for n in files} == {n: from_models[n] for n in files}


def test_sqlite_index_definitions_match_the_models(tmp_path: Path) -> None:
    _same_indexes(f"sqlite:///{tmp_path / 'a.sqlite3'}", f"sqlite:///{tmp_path / 'b.sqlite3'}")


@pytest.mark.postgres
def test_postgres_index_definitions_match_the_models(postgres: PostgresCluster) -> None:
    _same_indexes(postgres.create_database("migrated"), postgres.create_database("models"))


async def _down_and_up_again(url: str) -> tuple[set[str], list[object]]:
    def round_trip(connection: Connection) -> None:
        config = migrate.alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "heads")
        command.downgrade(config, "base")
        command.upgrade(config, "heads")

    db = Database(url)
    try:
        async with db.engine.begin() as connection:
            await connection.run_sync(round_trip)
        async with db.engine.connect() as connection:
            diffs = await connection.run_sync(_differences)
        return await migrate.current_revisions(db), diffs
    finally:
        await db.dispose()


def test_sqlite_history_downgrades_to_base_and_back(tmp_path: Path) -> None:
    current, diffs = asyncio.run(_down_and_up_again(f"sqlite:///{tmp_path / 'd.sqlite3'}"))
    assert current == migrate.head_revisions()
    assert diffs == []


@pytest.mark.postgres
def test_postgres_history_downgrades_to_base_and_back(postgres: PostgresCluster) -> None:
    current, diffs = asyncio.run(_down_and_up_again(postgres.create_database("downgrade")))
    assert current == migrate.head_revisions()
    assert diffs == []
