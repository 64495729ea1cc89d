"""The change feed (``GET /api/v2/events``), in-process: one event per change in sequence order
without gaps, the event shape (no file content), cascades with one correlation id, typed file
updates with old/new values, type filters, long polling, 410 after retention, and the outbox
(no change without its event, no event without its change)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio

from camunda_hub.server.events import feed, record
from camunda_hub.server.store.schema.base import utcnow
from camunda_hub.server.store.schema.hub import Workspace
from tests.support.in_process import InProcessHub, in_process_hub

ROLE = "editor"
CONTENT = "<bpmn:definitions secret-marker='do-not-leak'/>"


pytestmark = pytest.mark.asyncio(loop_scope="session")


@asynccontextmanager
async def _started(data_dir: Path) -> AsyncIterator[tuple[InProcessHub, httpx.AsyncClient]]:
    async with in_process_hub(data_dir) as hub:
        token = (await hub.client.post("/oauth/token", data=hub.token_form())).json()
        api = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=hub.app, raise_app_exceptions=False),
            base_url="http://hub/api/v2",
            headers={"Authorization": f"Bearer {token['access_token']}"},
        )
        async with api:
            yield hub, api


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def hub(
    tmp_path_factory: pytest.TempPathFactory,
) -> AsyncIterator[tuple[InProcessHub, httpx.AsyncClient]]:
    """One hub for the module (starting one costs seconds): tests read from the head of the
    feed as they found it."""
    async with _started(tmp_path_factory.mktemp("events")) as started:
        yield started


async def _head(api: httpx.AsyncClient) -> int:
    after = 0
    while True:
        page = await _events(api, after=after, limit=1000)
        if not page["items"]:
            return int(page["nextAfter"])
        after = page["nextAfter"]


async def _ok(response: httpx.Response, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json() if response.content else None


async def _events(api: httpx.AsyncClient, **params: Any) -> dict[str, Any]:
    return await _ok(await api.get("/events", params=params))  # type: ignore[no-any-return]


async def _tree(api: httpx.AsyncClient) -> dict[str, Any]:
    workspace = await _ok(await api.post("/workspaces", json={"name": "W"}))
    project = await _ok(
        await api.post("/projects", json={"name": "P", "workspaceKey": workspace["workspaceKey"]})
    )
    folder = await _ok(
        await api.post("/folders", json={"name": "F", "projectKey": project["projectKey"]})
    )
    file = await _ok(
        await api.post(
            "/files",
            json={
                "name": "order",
                "projectKey": project["projectKey"],
                "folderKey": folder["folderKey"],
                "type": "bpmn",
                "content": CONTENT,
            },
        )
    )
    return {"workspace": workspace, "project": project, "folder": folder, "file": file}


async def test_every_change_is_one_event_in_order_with_the_documented_shape(hub: Any) -> None:
    _, api = hub
    start = await _head(api)
    tree = await _tree(api)
    file = tree["file"]
    page = await _events(api, after=start)
    assert [e["type"] for e in page["items"]] == [
        "workspace.created",
        "project.created",
        "folder.created",
        "file.created",
    ]
    assert [e["sequence"] for e in page["items"]] == [start + 1, start + 2, start + 3, start + 4]
    assert page["nextAfter"] == start + 4
    event = page["items"][3]
    assert set(event) >= {
        "eventKey",
        "sequence",
        "type",
        "occurred",
        "actor",
        "organization",
        "resource",
        "parents",
        "data",
    }
    assert event["resource"] == {"type": "file", "key": file["fileKey"]}
    assert event["parents"]["workspaceKey"] == tree["workspace"]["workspaceKey"]
    assert event["parents"]["projectKey"] == tree["project"]["projectKey"]
    assert event["parents"]["folderKey"] == tree["folder"]["folderKey"]
    assert event["data"] == {
        "name": "order",
        "type": "bpmn",
        "revision": 1,
        "simplePath": "F/order.bpmn",
    }
    assert event["actor"]["email"]
    assert "do-not-leak" not in str(page)
    # Reading on from nextAfter: nothing new, nothing repeated.
    assert (await _events(api, after=start + 4))["items"] == []


async def test_file_updates_are_typed_and_carry_old_and_new_values(hub: Any) -> None:
    _, api = hub
    tree = await _tree(api)
    start = await _head(api)
    key = tree["file"]["fileKey"]
    await _ok(await api.patch(f"/files/{key}", json={"revision": 1, "name": "renamed"}))
    await _ok(await api.patch(f"/files/{key}", json={"revision": 2, "content": CONTENT + " "}))
    await _ok(await api.patch(f"/files/{key}", json={"revision": 3, "folderKey": None}))
    items = (await _events(api, after=start))["items"]
    assert [e["type"] for e in items] == ["file.updated", "file.content_changed", "file.moved"]
    assert items[0]["data"]["changes"]["name"] == {"old": "order", "new": "renamed"}
    assert items[0]["data"]["changes"]["simplePath"] == {
        "old": "F/order.bpmn",
        "new": "F/renamed.bpmn",
    }
    assert items[1]["data"]["changes"]["content"] == {"changed": True}
    assert items[1]["data"]["changes"]["revision"] == {"old": 2, "new": 3}
    assert items[2]["data"]["changes"]["folderKey"]["new"] is None
    assert "do-not-leak" not in str(items)


async def test_a_cascade_is_the_root_event_plus_one_per_resource_with_one_correlation_id(
    hub: Any,
) -> None:
    _, api = hub
    tree = await _tree(api)
    start = await _head(api)
    project_key = tree["project"]["projectKey"]
    await _ok(await api.delete(f"/projects/{project_key}"), 204)
    deleted = (await _events(api, after=start))["items"]
    assert [(e["type"], e["data"]["root"]) for e in deleted] == [
        ("project.deleted", True),
        ("folder.deleted", False),
        ("file.deleted", False),
    ]
    assert len({e["correlationId"] for e in deleted}) == 1
    assert deleted[0]["correlationId"] == deleted[0]["data"]["deletionEvent"]
    await _ok(await api.post(f"/projects/{project_key}/restoration"))
    restored = (await _events(api, after=start + 3))["items"]
    assert [e["type"] for e in restored] == ["project.restored", "folder.restored", "file.restored"]
    await _ok(await api.delete(f"/projects/{project_key}"), 204)
    await _ok(await api.delete(f"/projects/{project_key}/permanent"), 204)
    purged = (await _events(api, after=start + 6, type="project.purged"))["items"]
    assert [e["resource"]["key"] for e in purged] == [project_key]


async def test_type_filters_and_next_after_move_on_past_unmatched_events(hub: Any) -> None:
    _, api = hub
    start = await _head(api)
    await _tree(api)
    page = await _events(api, after=start, type="file")
    assert [e["type"] for e in page["items"]] == ["file.created"]
    assert page["nextAfter"] == start + 4
    page = await _events(api, after=start, type=["workspace", "folder."])
    assert [e["type"] for e in page["items"]] == ["workspace.created", "folder.created"]
    nothing = await _events(api, after=start, type="version")
    assert nothing == {"items": [], "nextAfter": start + 4}
    limited = await _events(api, after=start, limit=2)
    assert [e["sequence"] for e in limited["items"]] == [start + 1, start + 2]
    assert limited["nextAfter"] == start + 2


async def test_a_long_poll_returns_as_soon_as_an_event_is_committed(hub: Any) -> None:
    _, api = hub
    start = await _head(api)
    waiting = asyncio.create_task(api.get("/events", params={"after": start, "wait": 10}))
    await asyncio.sleep(0.3)
    assert not waiting.done()
    started = time.monotonic()
    await _ok(await api.post("/workspaces", json={"name": "late"}))
    response = await asyncio.wait_for(waiting, 5)
    assert time.monotonic() - started < 1.0
    assert [e["type"] for e in response.json()["items"]] == ["workspace.created"]
    # Nothing arrives: the poll ends at the time asked for, empty.
    started = time.monotonic()
    page = await _events(api, after=start + 1, wait=0.5)
    assert page == {"items": [], "nextAfter": start + 1}
    assert 0.4 < time.monotonic() - started < 3


async def test_a_long_poll_sees_commits_of_other_processes(hub: Any) -> None:
    """A commit the notifier was not told about (as from the CLI or another server) is found
    by the counter poll."""
    _, api = hub
    listeners = list(record.commit_listeners)
    record.commit_listeners.clear()  # as if the commit came from elsewhere
    try:
        start = await _head(api)
        waiting = asyncio.create_task(api.get("/events", params={"after": start, "wait": 10}))
        await asyncio.sleep(0.2)
        started = time.monotonic()
        await _ok(await api.post("/workspaces", json={"name": "elsewhere"}))
        response = await asyncio.wait_for(waiting, 5)
        assert time.monotonic() - started < 1.5
        assert len(response.json()["items"]) == 1
    finally:
        record.commit_listeners[:] = listeners


async def test_reading_from_before_the_retention_is_410(tmp_path: Path) -> None:
    async with _started(tmp_path) as (in_process, api):
        await _tree(api)
        runtime = in_process.app.state.runtime
        async with runtime.db.transaction() as session:
            assert await feed.prune(session, utcnow() + timedelta(seconds=1)) == 4
        response = await api.get("/events", params={"after": 0})
        assert response.status_code == 410
        assert response.headers["content-type"].startswith("application/problem+json")
        assert "resync" in response.json()["detail"]
        assert response.json()["prunedThrough"] == 4
        # From the newest sequence on, the feed goes on without a gap.
        assert (await _events(api, after=4))["items"] == []
        await _ok(await api.post("/workspaces", json={"name": "after prune"}))
        assert [e["sequence"] for e in (await _events(api, after=4))["items"]] == [5]


async def test_no_change_without_its_event(hub: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The events are written by the commit: when writing them fails, the change is rolled
    back with them."""
    _, api = hub
    start = await _head(api)

    def failing(*args: Any, **kwargs: Any) -> int:
        raise RuntimeError("event write failed")

    monkeypatch.setattr(record, "_write_organization", failing)
    response = await api.post("/workspaces", json={"name": "never"})
    assert response.status_code == 500
    monkeypatch.undo()
    search = await _ok(await api.post("/workspaces/search", json={"filter": {"name": "never"}}))
    assert search["items"] == []
    assert (await _events(api, after=start))["items"] == []


async def test_no_event_without_its_change(hub: Any) -> None:
    in_process, api = hub
    start = await _head(api)
    runtime = in_process.app.state.runtime
    with pytest.raises(RuntimeError):
        async with runtime.db.transaction() as session:
            record.record(
                session,
                organization_id=in_process.creds.client.organization_id,
                actor=None,
                type="workspace.created",
                resource_type="workspace",
                resource_key="k",
            )
            session.add(
                Workspace(
                    key="k",
                    organization_id=in_process.creds.client.organization_id,
                    name="rolled back",
                    deletion_root=False,
                )
            )
            await session.flush()
            raise RuntimeError("the request failed after its change")
    assert (await _events(api, after=start))["items"] == []
    # The numbers a rolled-back transaction took are given back: no gap.
    await _ok(await api.post("/workspaces", json={"name": "next"}))
    assert [e["sequence"] for e in (await _events(api, after=start))["items"]] == [start + 1]


async def test_snapshots_and_members_are_in_the_feed(hub: Any) -> None:
    _, api = hub
    tree = await _tree(api)
    start = await _head(api)
    workspace_key = tree["workspace"]["workspaceKey"]
    project_key = tree["project"]["projectKey"]
    await _ok(
        await api.post(
            f"/workspaces/{workspace_key}/members",
            json={"email": "a@example.com", "role": ROLE},
        )
    )
    snapshot = await _ok(
        await api.post("/project-snapshots", json={"projectKey": project_key, "name": "s1"})
    )
    await _ok(
        await api.patch(f"/project-snapshots/{snapshot['projectSnapshotKey']}", json={"name": "s2"})
    )
    items = (await _events(api, after=start))["items"]
    assert [e["type"] for e in items] == [
        "member.added",
        "project_snapshot.created",
        "project_snapshot.updated",
    ]
    assert items[0]["data"] == {"email": "a@example.com", "role": ROLE}
    assert items[2]["data"]["changes"]["name"] == {"old": "s1", "new": "s2"}
    assert items[1]["parents"]["projectKey"] == project_key


async def test_a_folder_rename_records_one_event_per_descendant_with_old_and_new_paths(
    hub: Any,
) -> None:
    _, api = hub
    tree = await _tree(api)
    project_key = tree["project"]["projectKey"]
    folder_key = tree["folder"]["folderKey"]
    inner = await _ok(
        await api.post(
            "/folders",
            json={"name": "G", "projectKey": project_key, "parentFolderKey": folder_key},
        )
    )
    deep = await _ok(
        await api.post(
            "/files",
            json={
                "name": "deep",
                "projectKey": project_key,
                "folderKey": inner["folderKey"],
                "type": "dmn",
                "content": CONTENT,
            },
        )
    )
    start = await _head(api)
    await _ok(await api.patch(f"/folders/{folder_key}", json={"name": "H"}))
    items = (await _events(api, after=start))["items"]
    assert [(e["type"], e["resource"]["key"], e["data"]["root"]) for e in items] == [
        ("folder.updated", folder_key, True),
        ("folder.updated", inner["folderKey"], False),
        ("file.moved", tree["file"]["fileKey"], False),
        ("file.moved", deep["fileKey"], False),
    ]
    assert len({e["correlationId"] for e in items}) == 1
    assert items[0]["correlationId"] is not None
    assert items[0]["data"]["changes"] == {"name": {"old": "F", "new": "H"}}
    assert items[1]["data"]["changes"] == {"simplePath": {"old": "F/G", "new": "H/G"}}
    assert items[2]["data"]["changes"] == {
        "simplePath": {"old": "F/order.bpmn", "new": "H/order.bpmn"}
    }
    assert items[3]["data"]["simplePath"] == "H/G/deep.dmn"
    assert items[3]["parents"]["folderKey"] == inner["folderKey"]
    # What the events say is what the API then answers.
    assert (await _ok(await api.get(f"/files/{deep['fileKey']}")))["simplePath"] == "H/G/deep.dmn"
    assert "do-not-leak" not in str(items)


async def test_a_folder_move_to_another_project_names_the_new_project_per_descendant(
    hub: Any,
) -> None:
    _, api = hub
    tree = await _tree(api)
    other = await _ok(
        await api.post(
            "/projects",
            json={"name": "Q", "workspaceKey": tree["workspace"]["workspaceKey"]},
        )
    )
    start = await _head(api)
    folder_key = tree["folder"]["folderKey"]
    await _ok(
        await api.patch(
            f"/folders/{folder_key}",
            json={"projectKey": other["projectKey"], "parentFolderKey": None},
        )
    )
    items = (await _events(api, after=start))["items"]
    assert [e["type"] for e in items] == ["folder.updated", "file.moved"]
    moved = items[1]
    assert moved["parents"]["projectKey"] == other["projectKey"]
    assert moved["data"]["changes"]["projectKey"] == {
        "old": tree["project"]["projectKey"],
        "new": other["projectKey"],
    }
    assert moved["correlationId"] == items[0]["correlationId"]
    # A plain rename of a file records no descendant events and no correlation.
    key = tree["file"]["fileKey"]
    await _ok(await api.patch(f"/files/{key}", json={"revision": 1, "name": "again"}))
    last = (await _events(api, after=start + 2))["items"]
    assert [(e["type"], e["correlationId"]) for e in last] == [("file.updated", None)]


async def test_a_snapshot_restore_records_every_file_it_resets_under_its_correlation_id(
    hub: Any,
) -> None:
    _, api = hub
    tree = await _tree(api)
    project_key = tree["project"]["projectKey"]
    key = tree["file"]["fileKey"]
    other = await _ok(
        await api.post(
            "/files",
            json={"name": "kept", "projectKey": project_key, "type": "form", "content": "{}"},
        )
    )
    snapshot = await _ok(
        await api.post("/project-snapshots", json={"projectKey": project_key, "name": "s"})
    )
    await _ok(await api.patch(f"/files/{key}", json={"revision": 1, "content": CONTENT + "x"}))
    await _ok(await api.patch(f"/files/{other['fileKey']}", json={"revision": 1, "name": "re"}))
    start = await _head(api)
    await _ok(
        await api.post(f"/project-snapshots/{snapshot['projectSnapshotKey']}/restoration"), 204
    )
    items = (await _events(api, after=start))["items"]
    by_type = {(e["type"], e["resource"]["key"]): e for e in items}
    assert items[0]["type"] == "project_snapshot.restored"
    root = items[0]["correlationId"]
    assert root is not None
    # The "before restoring" capture, then the two files reset in place (in snapshot order).
    assert [e["type"] for e in items[:2]] == [
        "project_snapshot.restored",
        "project_snapshot.created",
    ]
    assert sorted(by_type)[:2] == sorted(
        [("file.content_changed", key), ("file.updated", other["fileKey"])]
    )
    assert len(items) == 4
    assert {e["correlationId"] for e in items} == {root}
    reset = by_type[("file.content_changed", key)]
    assert reset["data"]["changes"]["content"] == {"changed": True}
    assert reset["data"]["changes"]["revision"] == {"old": 2, "new": 3}
    renamed = by_type[("file.updated", other["fileKey"])]
    assert renamed["data"]["changes"]["name"] == {"old": "re", "new": "kept"}
    assert renamed["data"]["simplePath"] == "kept.form"
    assert "do-not-leak" not in str(items)


async def test_concurrent_writers_on_sqlite_get_consecutive_sequences(hub: Any) -> None:
    """The one-statement numbering on SQLite (counter + 1 in the INSERT, trigger advancing the
    counter): concurrent single-event writes and a multi-event cascade interleaved still give
    every event its own number, without gaps."""
    _, api = hub
    tree = await _tree(api)
    start = await _head(api)
    responses = await asyncio.gather(
        *(api.post("/workspaces", json={"name": f"c{n}"}) for n in range(12)),
        api.delete(f"/projects/{tree['project']['projectKey']}"),
    )
    assert all(r.status_code in (200, 204) for r in responses)
    items = (await _events(api, after=start))["items"]
    assert [e["sequence"] for e in items] == list(range(start + 1, start + 16))
    assert sum(e["type"] == "workspace.created" for e in items) == 12
    # The counter the readers use is where the events end.
    assert (await _events(api, after=start))["nextAfter"] == start + 15
