"""Checks on backup archives shared by the SQLite and PostgreSQL backup tests."""

from __future__ import annotations

import asyncio
import zipfile
from pathlib import Path
from typing import Any

import httpx

from camunda_hub.server.portability import archive_format as fmt
from camunda_hub.server.portability.backup import write_backup
from camunda_hub.server.store.db import Database
from tests.support.deployment_seed import bpmn


def table_rows(backup: Path, table: str) -> list[dict[str, Any]]:
    with zipfile.ZipFile(backup) as archive:
        manifest = fmt.Manifest.from_json(archive.read(fmt.MANIFEST))
        entry = manifest.table(table)
        assert entry is not None
        names = [c.name for c in entry.columns]
        codecs = [fmt.DECODERS[c.codec] for c in entry.columns]
        lines = archive.read(entry.file).splitlines()
    return [dict(zip(names, fmt.decode_row(codecs, line), strict=True)) for line in lines]


async def backup_during_writes(client: httpx.AsyncClient, token: str, url: str, tmp: Path) -> None:
    """Back up while a writer runs; every write acknowledged before the backup is in it, and
    no write is in it half-applied."""
    headers = {"Authorization": f"Bearer {token}"}

    async def post(path: str, body: dict[str, Any]) -> dict[str, Any]:
        response = await client.post(f"/api/v2{path}", json=body, headers=headers)
        assert response.status_code == 200, response.text
        result: dict[str, Any] = response.json()
        return result

    workspace = (await post("/workspaces", {"name": "w"}))["workspaceKey"]
    project = (await post("/projects", {"name": "p", "workspaceKey": workspace}))["projectKey"]
    for name in ("a", "b", "c"):
        body = {"name": name, "projectKey": project, "type": "bpmn", "content": bpmn(name)}
        await post("/files", body)
    acknowledged: list[str] = []
    stop = asyncio.Event()

    async def writer() -> None:
        # Each snapshot is one transaction writing a row per file: a half-applied one would
        # show up as a snapshot with fewer than three files.
        while not stop.is_set():
            made = await post("/project-snapshots", {"projectKey": project, "name": "s"})
            acknowledged.append(made["projectSnapshotKey"])

    task = asyncio.create_task(writer())
    try:
        while len(acknowledged) < 5:
            await asyncio.sleep(0.01)
        before = set(acknowledged)
        backup = tmp / "during.zip"

        async def take_backup() -> None:
            db = Database(url)
            try:
                await write_backup(db, backup)
            finally:
                await db.dispose()

        # On a loop of its own, as `camunda-hub db backup` runs in a process of its own: SQLite
        # reads run on their loop's thread, so on this loop the writer would wait it out.
        await asyncio.to_thread(asyncio.run, take_backup())
        during = set(acknowledged)
    finally:
        stop.set()
        await task

    snapshots = {row["key"] for row in table_rows(backup, "project_snapshots")}
    assert before <= snapshots <= set(acknowledged)
    assert len(during) > len(before), "the writer did not run during the backup"
    captured: dict[str, int] = {}
    for row in table_rows(backup, "snapshot_files"):
        captured[row["snapshot_key"]] = captured.get(row["snapshot_key"], 0) + 1
    assert captured == dict.fromkeys(snapshots, 3)
