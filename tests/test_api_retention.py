"""Retention of soft-deleted resources: deletion events older than the retention period are
removed for good (``camunda-hub db purge-deleted``, and the hourly sweep of every server), whole
and nothing else: younger deletions stay restorable and live resources are never touched.

Runs against the session server, so on SQLite and (in the PostgreSQL pass) on PostgreSQL. Ages
are made by moving this test's own deletion events back in time in the database; every other
test's deletions are minutes old and stay out of reach of a 30-day cut-off."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from camunda_hub.server.services.hub import retention
from camunda_hub.server.store.db import Database
from camunda_hub.server.store.schema.base import new_key, utcnow
from camunda_hub.server.store.schema.hub import Deletion, File
from tests.support.database import age_deletion, database_url, deletion_events, in_database
from tests.support.responses import ok
from tests.support.server import HubServer


def _status(response: httpx.Response) -> int:
    return response.status_code


@dataclass
class Tree:
    project: str
    folder: str
    in_folder: str  # deleted first, on its own
    with_folder: str  # deleted with the folder
    at_root: str  # deleted recently
    live: str


@pytest.fixture
def tree(api: httpx.Client) -> Tree:
    workspace = ok(api.post("/workspaces", json={"name": "Retention"}))["workspaceKey"]
    project = ok(api.post("/projects", json={"name": "P", "workspaceKey": workspace}))["projectKey"]
    folder = ok(api.post("/folders", json={"name": "old", "projectKey": project}))["folderKey"]

    def file(name: str, folder_key: str | None) -> str:
        body = {"name": name, "projectKey": project, "folderKey": folder_key, "type": "form"}
        return str(ok(api.post("/files", json={**body, "content": "{}"}))["fileKey"])

    return Tree(
        project,
        folder,
        file("first", folder),
        file("second", folder),
        file("recent", None),
        file("live", None),
    )


def test_expired_deletions_are_removed_whole_and_younger_ones_stay(
    hub: HubServer, api: httpx.Client, tree: Tree
) -> None:
    assert _status(api.delete(f"/files/{tree.in_folder}")) == 204
    assert _status(api.delete(f"/folders/{tree.folder}")) == 204
    assert _status(api.delete(f"/files/{tree.at_root}")) == 204
    age_deletion(hub, tree.in_folder, days=45)
    age_deletion(hub, tree.folder, days=40)
    age_deletion(hub, tree.at_root, days=29)

    dry = hub.cli("db", "purge-deleted", "--older-than-days", "30", "--dry-run")
    assert dry.stdout.strip() == "2 deletions older than 30 days would be removed"
    assert _status(api.post(f"/folders/{tree.folder}/restoration")) == 200  # nothing removed
    assert _status(api.delete(f"/folders/{tree.folder}")) == 204
    age_deletion(hub, tree.folder, days=40)

    done = hub.cli("db", "purge-deleted", "--older-than-days", "30")
    assert done.stdout.strip() == "removed 2 deletions older than 30 days for good"

    # The expired events are gone with everything they held ...
    for key in (tree.in_folder, tree.with_folder):
        assert _status(api.get(f"/files/{key}")) == 404
        assert _status(api.post(f"/files/{key}/restoration")) == 404
    assert _status(api.get(f"/folders/{tree.folder}")) == 404
    assert _status(api.post(f"/folders/{tree.folder}/restoration")) == 404
    gone = ok(
        api.post(
            "/files/recently-deleted/search",
            json={"filter": {"projectKey": tree.project}},
        )
    )["items"]
    assert [item["fileKey"] for item in gone] == [tree.at_root]
    assert deletion_events(hub, tree.folder) == 0

    # ... the younger one is still restorable, and live resources were never touched.
    assert ok(api.post(f"/files/{tree.at_root}/restoration"))["fileKey"] == tree.at_root
    assert ok(api.get(f"/files/{tree.live}"))["content"] == "{}"
    assert ok(api.get(f"/projects/{tree.project}"))["project"]["projectKey"] == tree.project

    again = hub.cli("db", "purge-deleted", "--older-than-days", "30")
    assert again.stdout.strip() == "removed 0 deletions older than 30 days for good"


def test_an_event_whose_root_is_live_removes_nothing(
    hub: HubServer, api: httpx.Client, tree: Tree
) -> None:
    """A deletion event left behind for a resource that is live again must never take that
    resource with it: the sweep drops the event and nothing else."""
    organization = ok(api.get("/info"))["authorizedOrganization"]
    stale = new_key()

    async def leave_event(session: AsyncSession) -> None:
        session.add(
            Deletion(
                id=stale,
                organization_id=organization,
                root_kind="file",
                root_key=tree.live,
                deleted=utcnow() - timedelta(days=90),
            )
        )

    in_database(hub, leave_event)
    done = hub.cli("db", "purge-deleted", "--older-than-days", "30")
    assert done.stdout.strip() == "removed 0 deletions older than 30 days for good"
    assert ok(api.get(f"/files/{tree.live}"))["content"] == "{}"
    assert deletion_events(hub, tree.live) == 0


def test_sweep_pages_through_more_events_than_one_batch(
    hub: HubServer, api: httpx.Client, tree: Tree, monkeypatch: pytest.MonkeyPatch
) -> None:
    keys = []
    for index in range(5):
        body = {"name": f"bulk{index}", "projectKey": tree.project, "type": "form"}
        keys.append(ok(api.post("/files", json={**body, "content": "{}"}))["fileKey"])
        assert _status(api.delete(f"/files/{keys[-1]}")) == 204
        age_deletion(hub, keys[-1], days=31 + index)
    monkeypatch.setattr(retention, "BATCH", 2)

    async def run() -> retention.Sweep:
        db = Database(database_url(hub))
        try:
            return await retention.sweep(db, utcnow() - timedelta(days=30))
        finally:
            await db.dispose()

    swept = asyncio.run(run())
    assert (swept.removed, swept.kept) == (5, 0)
    for key in keys:
        assert _status(api.get(f"/files/{key}")) == 404


def test_a_container_holding_a_live_file_is_kept_not_removed(
    hub: HubServer, api: httpx.Client, tree: Tree
) -> None:
    """The API never lets a live file sit inside a deleted folder; should the database say
    otherwise anyway, the unattended sweep keeps the folder rather than take the file."""
    assert _status(api.delete(f"/folders/{tree.folder}")) == 204

    async def revive_one_file(session: AsyncSession) -> None:
        await session.execute(
            update(File)
            .where(File.key == tree.in_folder)
            .values(deleted=None, deletion_id=None, deletion_root=False)
        )

    in_database(hub, revive_one_file)
    age_deletion(hub, tree.folder, days=40)
    kept = hub.cli("db", "purge-deleted", "--older-than-days", "30")
    assert kept.stdout.strip() == (
        "removed 0 deletions older than 30 days for good; 1 kept (see the log)"
    )
    assert "still contains live files" in kept.stderr
    assert ok(api.get(f"/files/{tree.in_folder}"))["content"] == "{}"
    assert deletion_events(hub, tree.folder) == 1
    # Put right by hand (here: the file deleted again), the next sweep removes the folder, and
    # the file's own deletion with it.
    assert _status(api.delete(f"/files/{tree.in_folder}")) == 204
    done = hub.cli("db", "purge-deleted", "--older-than-days", "30")
    assert done.stdout.strip() == "removed 1 deletions older than 30 days for good"
    assert _status(api.get(f"/folders/{tree.folder}")) == 404
    assert _status(api.get(f"/files/{tree.in_folder}")) == 404
    assert deletion_events(hub, tree.in_folder) == 0
