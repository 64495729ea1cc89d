"""Snapshot capture, restore, duplication and the external-resource check hold one batch of
contents at a time (``snapshots.BATCH``, made 3 here), and a project of several batches comes
out exactly as it went in (SQLite and PostgreSQL, at the service layer)."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from camunda_hub.server.security.principal import Principal
from camunda_hub.server.services import organizations
from camunda_hub.server.services.hub import (
    external_resources,
    files,
    folders,
    projects,
    snapshot_restore,
    snapshots,
    workspaces,
)
from camunda_hub.server.store import migrate
from camunda_hub.server.store.db import Database
from camunda_hub.server.store.schema.hub import File, Folder
from tests.support.postgres import PostgresCluster

BATCH = 3
ZEEBE = "http://camunda.org/schema/zeebe/1.0"


def _bpmn(n: int, called: str) -> str:
    return (
        '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
        f'xmlns:zeebe="{ZEEBE}" id="d{n}"><bpmn:process id="p{n}">'
        f'<bpmn:callActivity id="c"><bpmn:extensionElements><zeebe:calledElement processId="{called}"/>'
        "</bpmn:extensionElements></bpmn:callActivity></bpmn:process></bpmn:definitions>"
    )


def _files() -> list[tuple[str, str, str | None]]:
    """(name, content, folder name) for 12 files: several batches, a content two files share,
    and call activities that resolve only across batches (f10 calls p0, of the first one)."""
    made = [(f"f{n:02}", _bpmn(n, f"p{(n + 1) % 11}"), ("a", "b", None)[n % 3]) for n in range(11)]
    return [*made, ("f11", made[3][1], "a")]


async def _tree(session: AsyncSession, project_key: str) -> set[tuple[Any, ...]]:
    """The project's live files as (name, type, folder path by names, content)."""
    names = {
        f.key: f.name
        for f in await session.scalars(select(Folder).where(Folder.project_key == project_key))
    }
    rows = await session.execute(
        select(File.name, File.type, File.canonical_path, File.content).where(
            File.project_key == project_key, File.deleted.is_(None)
        )
    )
    return {
        (name, kind, "/".join(names[k] for k in path.split("/")) if path else "", content)
        for name, kind, path, content in rows
    }


async def _snapshot_tree(session: AsyncSession, org: str, key: str) -> set[tuple[Any, ...]]:
    states = await snapshots.captured_states(session, key)
    return {
        (s.name, s.type, "/".join(s.folder_names), content)
        async for batch in snapshots.with_captured_contents(session, org, states)
        for s, content in batch
    }


async def _scenario(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(snapshots, "BATCH", BATCH)
    loads: list[int] = []

    def counted(load: Callable[..., Awaitable[dict[str, str]]]) -> Callable[..., Any]:
        async def wrapper(session: AsyncSession, *args: Any) -> dict[str, str]:
            keys: Sequence[str] = args[-1]
            loads.append(len(keys))
            return await load(session, *args)

        return wrapper

    monkeypatch.setattr(snapshots, "_live_contents", counted(snapshots._live_contents))
    monkeypatch.setattr(snapshots, "_captured_contents", counted(snapshots._captured_contents))

    db = Database(url)
    try:
        await migrate.upgrade(db)
        async with db.transaction() as session:
            org = (await organizations.create(session, f"o{uuid.uuid4().hex[:6]}", actor="t")).id
        caller = Principal("c", org, frozenset({"create", "read", "update", "delete"}), "n", "e@x")
        async with db.transaction() as session:
            ws = await workspaces.create(session, caller, name="w", description=None)
            project = await projects.create(session, caller, name="p", workspace_key=ws.key)
            a = await folders.create(
                session, caller, name="a", project_key=project.key, parent_folder_key=None
            )
            b = await folders.create(
                session, caller, name="b", project_key=project.key, parent_folder_key=a.key
            )
            made = {}
            for name, content, where in _files():
                folder = {"a": a.key, "b": b.key, None: None}[where]
                made[name] = await files.create(
                    session, caller, name=name, project_key=project.key, folder_key=folder,
                    file_type="bpmn", content=content,
                )  # fmt: skip
            keys = {name: file.key for name, file in made.items()}
            project_key, ws_key = project.key, ws.key

        async with db.transaction() as session:
            original = await _tree(session, project_key)
            loads.clear()
            view = await snapshots.create(
                session, caller, project_key=project_key, name="S", description=None
            )
            snapshot = view.snapshot.key
        assert loads and max(loads) <= BATCH and len(loads) >= 4
        async with db.session() as session:
            assert await _snapshot_tree(session, org, snapshot) == original
        assert len(original) == 12

        # Changed every way a restore undoes: content, name, place, deletion, a newcomer.
        async with db.transaction() as session:
            for name in ("f00", "f05", "f10"):
                file = await files.get(session, caller, keys[name])
                await files.update(
                    session, caller, file.key, revision=file.revision,
                    changes={"content": _bpmn(99, "elsewhere")},
                )  # fmt: skip
            file = await files.get(session, caller, keys["f01"])
            await files.update(
                session, caller, file.key, revision=file.revision,
                changes={"name": "renamed", "folderKey": None},
            )  # fmt: skip
            await files.create(
                session, caller, name="newcomer", project_key=project_key, folder_key=None,
                file_type="bpmn", content=_bpmn(50, "p0"),
            )  # fmt: skip
        async with db.transaction() as session:
            assert await _tree(session, project_key) != original
            loads.clear()
            await snapshot_restore.restore(session, caller, snapshot)
        assert loads and max(loads) <= BATCH
        async with db.session() as session:
            assert await _tree(session, project_key) == original

        async with db.transaction() as session:
            loads.clear()
            copy = await snapshot_restore.duplicate(
                session, caller, snapshot, target_workspace_key=ws_key
            )
            copy_key = copy.key
        assert loads and max(loads) <= BATCH
        async with db.session() as session:
            assert await _tree(session, copy_key) == original

        async with db.session() as session:
            states = await snapshots.captured_states(session, snapshot)
            analysis = external_resources.Analysis()
            everything = []
            async for batch in snapshots.with_captured_contents(session, org, states):
                analysis.add([(s.type, content) for s, content in batch])
                everything += [(s.type, content) for s, content in batch]
        # Each process is called from another batch than its own: the batches must add up.
        assert analysis.result() == external_resources.analyse(everything)
        assert analysis.result().call_activities is False
    finally:
        await db.dispose()


def test_sqlite_snapshots_of_several_batches_are_exact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asyncio.run(_scenario(f"sqlite:///{tmp_path / 's.sqlite3'}", monkeypatch))


@pytest.mark.postgres
def test_postgres_snapshots_of_several_batches_are_exact(
    postgres: PostgresCluster, monkeypatch: pytest.MonkeyPatch
) -> None:
    asyncio.run(_scenario(postgres.create_database("batches"), monkeypatch))
