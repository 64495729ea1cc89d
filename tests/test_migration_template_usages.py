"""Migration 0016 derives ``file_template_usages`` for files written before it, in batches,
exactly as the write path derives it (SQLite and PostgreSQL)."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import insert, select
from sqlalchemy.engine import Connection

from camunda_hub.server.services.hub import template_usages
from camunda_hub.server.store import migrate
from camunda_hub.server.store.db import Database
from camunda_hub.server.store.schema.catalog import FileTemplateUsage
from camunda_hub.server.store.schema.hub import File, Project, Workspace
from camunda_hub.server.store.schema.identity import Organization
from tests.support.postgres import PostgresCluster
from tests.test_api_catalog import bpmn

BEFORE = "0015_event_counter_trigger"
# More than the migration's batch of 200, so the keyset pagination is crossed.
FILES = 450


def _content(n: int) -> tuple[str, str]:
    kind = n % 9
    if kind == 0:
        return "bpmn", bpmn()
    if kind == 1:
        return "bpmn", bpmn((f"t{n % 4}", n % 3), (f"t{n % 5}", None))
    if kind == 2:
        return "bpmn", bpmn(("t1", 1), ("t1", 2), ("t1", None))[:-30]  # not well-formed
    if kind == 3:
        return "bpmn", bpmn(("x" * 256, 1), ("t2", 10**30))  # id too long; version > 64 bits
    if kind == 4:
        return "form", '{"modelerTemplate": "t1"}'
    if kind == 5:
        return "bpmn", '<!DOCTYPE x [<!ENTITY e "t1">]><x modelerTemplate="&e;"/>'
    return "bpmn", bpmn((f"t{n % 7}", n % 2 + 1))


def _rows(organization: str, project: str) -> list[dict[str, Any]]:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    rows = []
    for n in range(FILES):
        file_type, content = _content(n)
        rows.append(
            {
                "key": str(uuid.uuid4()),
                "organization_id": organization,
                "project_key": project,
                "folder_key": None,
                "name": f"f{n}",
                "type": file_type,
                "content": content,
                "revision": 1,
                "simple_path": f"f{n}.{file_type}",
                "canonical_path": "",
                "created": now,
                "updated": now,
                # Soft-deleted files keep their rows, for a restoration.
                "deleted": now if n % 10 == 7 else None,
                "deletion_root": n % 10 == 7,
            }
        )
    return rows


def _seed_and_remigrate(connection: Connection) -> tuple[dict[Any, Any], dict[Any, Any]]:
    organization, workspace, project = (str(uuid.uuid4()) for _ in range(3))
    now = datetime(2026, 1, 1, tzinfo=UTC)
    connection.execute(insert(Organization), [{"id": organization, "name": "o", "created": now}])
    connection.execute(
        insert(Workspace),
        [{"key": workspace, "organization_id": organization, "name": "w", "created": now,
          "updated": now, "deletion_root": False}],
    )  # fmt: skip
    connection.execute(
        insert(Project),
        [{"key": project, "organization_id": organization, "workspace_key": workspace,
          "name": "p", "created": now, "updated": now, "deletion_root": False}],
    )  # fmt: skip
    rows = _rows(organization, project)
    connection.execute(insert(File), rows)
    config = migrate.alembic_config()
    config.attributes["connection"] = connection
    command.downgrade(config, BEFORE)
    command.upgrade(config, "heads")
    expected = {
        (usage["file_key"], usage["template_id"]): (usage["versions"], usage["sole_version"])
        for row in rows
        for usage in template_usages.rows(organization, row["key"], row["type"], row["content"])
    }
    stored = {
        (usage.file_key, usage.template_id): (usage.versions, usage.sole_version)
        for usage in connection.execute(select(FileTemplateUsage))
    }
    assert {usage.organization_id for usage in connection.execute(select(FileTemplateUsage))} == {
        organization
    }
    return expected, stored


async def _backfilled(url: str) -> tuple[dict[Any, Any], dict[Any, Any]]:
    db = Database(url)
    try:
        await migrate.upgrade(db)
        async with db.engine.connect() as connection:
            if db.is_sqlite:  # as migrate.upgrade runs migrations (0017 rebuilds files)
                await connection.run_sync(migrate.sqlite_foreign_keys, False)
            async with connection.begin():
                return await connection.run_sync(_seed_and_remigrate)
    finally:
        await db.dispose()


def _check(expected: dict[Any, Any], stored: dict[Any, Any]) -> None:
    assert stored == expected
    # The corpus has every kind: used templates, several versions, none, a huge number.
    assert len(expected) > 100
    assert any(None in versions for versions, _sole in expected.values())
    assert any(10**30 in versions for versions, _sole in expected.values())
    assert any(sole is not None for _versions, sole in expected.values())
    assert not any(len(template) > 255 for _key, template in expected)


def test_sqlite_backfill_derives_every_file(tmp_path: Path) -> None:
    _check(*asyncio.run(_backfilled(f"sqlite:///{tmp_path / 'b.sqlite3'}")))


@pytest.mark.postgres
def test_postgres_backfill_derives_every_file(postgres: PostgresCluster) -> None:
    _check(*asyncio.run(_backfilled(postgres.create_database("backfill"))))
