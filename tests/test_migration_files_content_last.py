"""Migration 0017 rebuilds SQLite's ``files`` table with ``content`` last. Nothing may be lost
on the way, above all not the rows of the tables that refer to files by a cascading foreign key
(versions, template usages), and run where foreign keys are on it must refuse, not cascade."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import insert, text
from sqlalchemy.engine import Connection

from camunda_hub.server.store import migrate
from camunda_hub.server.store.db import Database
from camunda_hub.server.store.schema.catalog import FileTemplateUsage
from camunda_hub.server.store.schema.hub import File, FileVersion, Project, Workspace
from camunda_hub.server.store.schema.identity import Organization

BEFORE = "0016_file_template_usages"
TABLES = ("files", "file_versions", "file_template_usages")
NOW = datetime(2026, 1, 1, tzinfo=UTC)


def _seed(connection: Connection) -> None:
    org, workspace, project = (str(uuid.uuid4()) for _ in range(3))
    connection.execute(insert(Organization), [{"id": org, "name": "o", "created": NOW}])
    audit = {"created": NOW, "updated": NOW}
    connection.execute(
        insert(Workspace),
        [{"key": workspace, "organization_id": org, "name": "w", "deletion_root": False, **audit}],
    )
    connection.execute(
        insert(Project),
        [{"key": project, "organization_id": org, "workspace_key": workspace, "name": "p",
          "deletion_root": False, **audit}],
    )  # fmt: skip
    files = [
        {"key": f"f{n}", "organization_id": org, "project_key": project, "folder_key": None,
         "name": f"f{n}", "type": "bpmn", "content": f"<m n='{n}'>" + "x" * (n * 997) + "</m>",
         "revision": n, "simple_path": f"f{n}.bpmn", "canonical_path": "", "deleted": None,
         "deletion_root": False, "created_by_name": "Ann \u2603", **audit}
        for n in range(1, 40)
    ]  # fmt: skip
    connection.execute(insert(File), files)
    connection.execute(
        insert(FileVersion),
        [{"key": f"v{n}", "organization_id": org, "file_key": f"f{n}", "name": "v1",
          "content": files[n - 1]["content"], **audit} for n in range(1, 40)],
    )  # fmt: skip
    connection.execute(
        insert(FileTemplateUsage),
        [{"file_key": f"f{n}", "template_id": "t", "organization_id": org, "versions": [1],
          "sole_version": 1} for n in range(1, 40)],
    )  # fmt: skip


def _dump(connection: Connection) -> dict[str, list[dict[str, Any]]]:
    return {
        table: sorted(
            (dict(row._mapping) for row in connection.execute(text(f"SELECT * FROM {table}"))),
            key=lambda row: sorted((k, str(v)) for k, v in row.items()),
        )
        for table in TABLES
    }


def _columns(connection: Connection) -> list[str]:
    return [row[1] for row in connection.exec_driver_sql("PRAGMA table_info(files)")]


def _to(connection: Connection, revision: str, down: bool) -> None:
    config = migrate.alembic_config()
    config.attributes["connection"] = connection
    (command.downgrade if down else command.upgrade)(config, revision)


async def _round_trip(url: str) -> list[Any]:
    db = Database(url)
    seen: list[Any] = []
    try:
        await migrate.upgrade(db)
        async with db.engine.begin() as connection:
            await connection.run_sync(_seed)
            seen += [await connection.run_sync(_columns), await connection.run_sync(_dump)]
        async with db.engine.connect() as connection:
            await connection.run_sync(migrate.sqlite_foreign_keys, False)
            async with connection.begin():
                await connection.run_sync(_to, BEFORE, True)
            seen += [await connection.run_sync(_columns), await connection.run_sync(_dump)]
            await connection.run_sync(migrate.sqlite_foreign_keys, True)
        await migrate.upgrade(db)  # the way a server's start upgrades
        async with db.engine.connect() as connection:
            seen += [await connection.run_sync(_columns), await connection.run_sync(_dump)]
            seen.append(
                (await connection.exec_driver_sql("PRAGMA foreign_keys")).scalar(),
            )
        return seen
    finally:
        await db.dispose()


def test_the_rebuild_keeps_every_row_and_moves_the_content_last(tmp_path: Path) -> None:
    head, at_head, old, at_old, again, at_again, foreign_keys = asyncio.run(
        _round_trip(f"sqlite:///{tmp_path / 'c.sqlite3'}")
    )
    assert head[-1] == "content" and again == head
    assert old.index("content") == old.index("type") + 1  # where 0002 put it
    assert sorted(old) == sorted(head)
    assert at_head == at_old == at_again
    assert {table: len(rows) for table, rows in at_again.items()} == dict.fromkeys(TABLES, 39)
    assert foreign_keys == 1  # the pooled connection is back to enforcing them


async def _downgrade_with_foreign_keys_on(url: str) -> tuple[str, dict[str, Any]]:
    db = Database(url)
    try:
        await migrate.upgrade(db)
        async with db.engine.begin() as connection:
            await connection.run_sync(_seed)
        with pytest.raises(RuntimeError) as refused:
            async with db.engine.begin() as connection:
                await connection.run_sync(_to, BEFORE, True)
        async with db.engine.connect() as connection:
            dump = await connection.run_sync(_dump)
        return str(refused.value), {table: len(rows) for table, rows in dump.items()}
    finally:
        await db.dispose()


def test_with_foreign_keys_on_it_refuses_and_loses_nothing(tmp_path: Path) -> None:
    message, counts = asyncio.run(
        _downgrade_with_foreign_keys_on(f"sqlite:///{tmp_path / 'r.sqlite3'}")
    )
    assert "must run with foreign keys off" in message
    assert counts == dict.fromkeys(TABLES, 39)
