"""``hub.files.watch_tree`` (what ``pull --watch`` runs) against the real server: after the
first pull, each change on the Hub reaches the local folder with only the files it names
fetched (counted on the watcher's HTTP client), renames, moves and deletions applied, local
edits handled by ``pull``'s rules, a 410 from the feed answered by one full pull, and the
project's deletion ending the watch."""

from __future__ import annotations

import asyncio
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from camunda_hub.client import AsyncHubClient, HubClient, HubConnectionError
from camunda_hub.client.sync_state import STATE_FILE
from camunda_hub.client.tree_watch import TreeWatch, WatchUpdate
from tests.support.server import Credentials, HubServer

BPMN = (Path(__file__).parent / "fixtures" / "models" / "orders" / "order-process.bpmn").read_text()


@pytest.fixture(scope="module")
def org(hub: HubServer) -> str:
    """An organization of its own: the 410 test moves its feed's retention mark."""
    return hub.create_org("watch-tree")


@pytest.fixture(scope="module")
def org_creds(hub: HubServer, org: str) -> Credentials:
    return hub.create_client(org=org, name="watch-tree")


class Watcher:
    """The watch under test, one update at a time, with the requests each one made."""

    def __init__(self, client: HubClient, updates: Iterator[WatchUpdate]) -> None:
        self.requests: list[str] = []
        client._http.event_hooks["request"].append(self._seen)
        self._updates = updates

    def _seen(self, request: httpx.Request) -> None:
        self.requests.append(f"{request.method} {request.url.path}")

    def next(self) -> tuple[WatchUpdate, list[str]]:
        """The next update and the requests other than the feed's it needed."""
        self.requests.clear()
        update = next(self._updates)
        return update, [r for r in self.requests if r != "GET /api/v2/events"]


def _files(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): p.read_text()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != STATE_FILE
    }


def _state(root: Path) -> dict[str, Any]:
    files: dict[str, Any] = json.loads((root / STATE_FILE).read_text())["files"]
    return files


def _actions(update: WatchUpdate) -> dict[str, str]:
    return {o.path: o.action for o in update.outcomes}


@pytest.fixture
def tree(hub: HubServer, org_creds: Credentials, tmp_path: Path) -> Iterator[dict[str, Any]]:
    with (
        HubClient(**hub.sdk_options(org_creds)) as sdk,
        HubClient(**hub.sdk_options(org_creds)) as watching,
    ):
        workspace = sdk.workspaces.create("watched")
        project = sdk.projects.create("watched", workspace.workspace_key).project_key
        elsewhere = sdk.projects.create("elsewhere", workspace.workspace_key).project_key
        orders = sdk.folders.create("orders", project)
        process = sdk.files.create("order-process", project, "bpmn", BPMN, orders.folder_key)
        notes = sdk.files.create("notes", project, "markdown", "# notes")
        target = tmp_path / "models"
        updates = watching.files.watch_tree(project, target)
        watcher = Watcher(watching, updates)
        first, _ = watcher.next()
        assert first.full_pull == "first pull" and first.events == ()
        assert _files(target) == {"orders/order-process.bpmn": BPMN, "notes.md": "# notes"}
        yield {
            "sdk": sdk,
            "watcher": watcher,
            "target": target,
            "project": project,
            "elsewhere": elsewhere,
            "orders": orders,
            "process": process,
            "notes": notes,
            "workspace": workspace.workspace_key,
        }
        updates.close()  # type: ignore[attr-defined]


def test_each_change_fetches_only_its_file(tree: dict[str, Any]) -> None:
    sdk, watcher, target = tree["sdk"], tree["watcher"], tree["target"]
    project, notes = tree["project"], tree["notes"]

    # file.created, with a change elsewhere first: only the new file is fetched.
    sdk.files.create("noise", tree["elsewhere"], "markdown", "# not ours")
    created = sdk.files.create("todo", project, "markdown", "# todo")
    update, fetched = watcher.next()
    assert fetched == [f"GET /api/v2/files/{created.file_key}"]
    assert _actions(update) == {"todo.md": "created"}
    assert [e.type for e in update.events] == ["file.created"]
    assert (target / "todo.md").read_text() == "# todo"

    # file.content_changed: that file again, nothing else.
    changed = sdk.files.update(notes.file_key, revision=notes.revision, content="# notes v2")
    update, fetched = watcher.next()
    assert fetched == [f"GET /api/v2/files/{notes.file_key}"]
    assert _actions(update) == {"notes.md": "updated"}
    assert (target / "notes.md").read_text() == "# notes v2"
    assert _state(target)["notes.md"]["revision"] == changed.revision

    # file.updated (rename) and file.moved: the events say it all, no request.
    renamed = sdk.files.update(created.file_key, revision=created.revision, name="todo-list")
    update, fetched = watcher.next()
    assert fetched == []
    assert _actions(update) == {"todo-list.md": "moved"}
    moved = sdk.files.update(
        renamed.file_key, revision=renamed.revision, folder_key=tree["orders"].folder_key
    )
    update, fetched = watcher.next()
    assert fetched == [] and _actions(update) == {"orders/todo-list.md": "moved"}
    assert set(_files(target)) == {"orders/order-process.bpmn", "orders/todo-list.md", "notes.md"}
    assert _state(target)["orders/todo-list.md"]["revision"] == moved.revision

    # file.deleted: no request; file.restored: the file is fetched back.
    sdk.files.delete(notes.file_key)
    update, fetched = watcher.next()
    assert fetched == [] and _actions(update) == {"notes.md": "deleted"}
    assert not (target / "notes.md").exists() and "notes.md" not in _state(target)
    sdk.files.restore(notes.file_key)
    update, fetched = watcher.next()
    assert fetched == [f"GET /api/v2/files/{notes.file_key}"]
    assert _actions(update) == {"notes.md": "created"}
    assert (target / "notes.md").read_text() == "# notes v2"


def test_folder_changes_move_and_remove_their_files(tree: dict[str, Any]) -> None:
    sdk, watcher, target = tree["sdk"], tree["watcher"], tree["target"]
    orders = tree["orders"]
    sdk.folders.create("empty", tree["project"])
    sdk.files.create("b", tree["project"], "markdown", "# b")
    # folder.created needs nothing (folders exist here through their files).
    update, fetched = watcher.next()
    if not update.outcomes:  # the folder's event came on a page of its own
        assert [e.type for e in update.events] == ["folder.created"]
        update, fetched = watcher.next()
    assert _actions(update) == {"b.md": "created"} and len(fetched) == 1

    # folder.updated (rename): its files move with it, no request.
    sdk.folders.update(orders.folder_key, name="sales")
    update, fetched = watcher.next()
    assert fetched == []
    assert _actions(update) == {"sales/order-process.bpmn": "moved"}
    assert not (target / "orders").exists()
    assert _files(target)["sales/order-process.bpmn"] == BPMN

    # folder.deleted: its files go, and so does the folder; folder.restored brings them back.
    sdk.folders.delete(orders.folder_key)
    update, fetched = watcher.next()
    assert fetched == [] and _actions(update) == {"sales/order-process.bpmn": "deleted"}
    assert not (target / "sales").exists()
    sdk.folders.restore(orders.folder_key)
    update, fetched = watcher.next()
    assert fetched == [f"GET /api/v2/files/{tree['process'].file_key}"]
    assert _actions(update) == {"sales/order-process.bpmn": "created"}

    # Moved to another project: gone from this one, no request.
    process = sdk.files.get(tree["process"].file_key)
    sdk.files.update(process.file_key, revision=process.revision, project_key=tree["elsewhere"])
    update, fetched = watcher.next()
    assert fetched == [] and _actions(update) == {"sales/order-process.bpmn": "deleted"}


def test_local_edits_are_kept_like_pull_keeps_them(tree: dict[str, Any]) -> None:
    sdk, watcher, target = tree["sdk"], tree["watcher"], tree["target"]
    notes, process = tree["notes"], tree["process"]

    # Changed here and on the Hub: a conflict, the local text stays.
    (target / "notes.md").write_text("# my notes")
    notes = sdk.files.update(notes.file_key, revision=notes.revision, content="# hub notes")
    update, fetched = watcher.next()
    assert fetched == [f"GET /api/v2/files/{notes.file_key}"]
    assert _actions(update) == {"notes.md": "conflict"}
    assert (target / "notes.md").read_text() == "# my notes"

    # Changed here, renamed on the Hub: the edited copy stays where it is, the Hub's copy is
    # fetched to its new place (as pull would write it).
    edited = BPMN.replace("Order", "Edited order", 1)
    (target / "orders" / "order-process.bpmn").write_text(edited)
    sdk.files.update(process.file_key, revision=process.revision, name="shipping")
    update, fetched = watcher.next()
    assert fetched == [f"GET /api/v2/files/{process.file_key}"]
    assert _actions(update) == {
        "orders/order-process.bpmn": "conflict",
        "orders/shipping.bpmn": "created",
    }
    assert _files(target)["orders/order-process.bpmn"] == edited
    assert _files(target)["orders/shipping.bpmn"] == BPMN

    # Changed here, deleted on the Hub: kept, with its entry (a push then reports it).
    sdk.files.delete(notes.file_key)
    update, fetched = watcher.next()
    assert fetched == [] and _actions(update) == {"notes.md": "conflict"}
    assert (target / "notes.md").read_text() == "# my notes"
    assert "notes.md" in _state(target)

    # A local file in the way of a new Hub file with other content: left alone.
    (target / "clash.md").write_text("# mine")
    sdk.files.create("clash", tree["project"], "markdown", "# theirs")
    update, _ = watcher.next()
    assert _actions(update) == {"clash.md": "conflict"}
    assert (target / "clash.md").read_text() == "# mine"


def test_nothing_is_removed_through_a_symlinked_folder(
    tree: dict[str, Any], tmp_path: Path
) -> None:
    target = tree["target"]
    outside = tmp_path / "outside"
    shutil.move(target / "orders", outside)
    (target / "orders").symlink_to(outside, target_is_directory=True)
    tree["sdk"].files.delete(tree["process"].file_key)
    update, _ = tree["watcher"].next()
    assert _actions(update) == {"orders/order-process.bpmn": "skipped"}
    assert (outside / "order-process.bpmn").read_text() == BPMN


def test_a_410_from_the_feed_means_one_full_pull(
    hub: HubServer, tree: dict[str, Any], org: str
) -> None:
    sdk, watcher, target = tree["sdk"], tree["watcher"], tree["target"]
    sdk.files.create("missed", tree["project"], "markdown", "# missed")

    async def drop_everything(session: Any, store: Any) -> None:
        # What the retention sweep leaves behind: the counter says events up to the newest
        # one are gone (the watcher, behind it, is told to resync).
        from sqlalchemy import update

        from camunda_hub.server.store.schema.events import EventCounter

        await session.execute(
            update(EventCounter)
            .where(EventCounter.organization_id == org)
            .values(pruned_through=EventCounter.last_sequence)
        )

    hub._in_store(drop_everything)
    update, fetched = watcher.next()
    assert update.full_pull is not None and "resync" in update.full_pull
    assert fetched.count(f"GET /api/v2/projects/{tree['project']}") == 1
    assert _actions(update)["missed.md"] == "created"
    assert (target / "missed.md").read_text() == "# missed"
    # And the watch goes on from the new head, file by file.
    sdk.files.create("after", tree["project"], "markdown", "# after")
    update, fetched = watcher.next()
    assert update.full_pull is None and _actions(update) == {"after.md": "created"}
    assert len(fetched) == 1


def test_an_event_it_cannot_map_means_one_full_pull(
    hub: HubServer, tree: dict[str, Any], org: str
) -> None:
    sdk, watcher = tree["sdk"], tree["watcher"]
    sdk.files.create("meanwhile", tree["project"], "markdown", "# meanwhile")

    async def unknown_event(session: Any, store: Any) -> None:
        from camunda_hub.server.events.record import Actor, record

        record(
            session,
            organization_id=org,
            actor=Actor("someone", None),
            type="file.frobnicated",
            resource_type="file",
            resource_key=tree["notes"].file_key,
            parents={"projectKey": tree["project"]},
        )

    hub._in_store(unknown_event)
    update, fetched = watcher.next()
    if update.full_pull is None:  # the file's own event came on a page of its own
        assert _actions(update) == {"meanwhile.md": "created"}
        update, fetched = watcher.next()
    assert update.full_pull is not None and "file.frobnicated" in update.full_pull
    assert fetched.count(f"GET /api/v2/projects/{tree['project']}") == 1
    assert (tree["target"] / "meanwhile.md").read_text() == "# meanwhile"


def test_an_unreachable_hub_is_waited_out(monkeypatch: pytest.MonkeyPatch) -> None:
    """No server: the feed's first answer is a connection error, the second the project's
    deletion; the watch (resuming from ``after``, so no first pull) pauses in between."""
    answers: list[Any] = [
        HubConnectionError("cannot reach the Hub API"),
        {
            "items": [
                {
                    "eventKey": "e8",
                    "sequence": 8,
                    "type": "project.deleted",
                    "occurred": "2026-12-03T18:00:00Z",
                    "organization": "org",
                    "resource": {"type": "project", "key": "p1"},
                    "parents": {"workspaceKey": "w1"},
                    "data": {"name": "p"},
                }
            ],
            "nextAfter": 8,
        },
    ]
    asked: list[str] = []
    slept: list[float] = []

    def run(call: Any) -> Any:
        asked.append(call.path)
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return call.parse(answer)

    monkeypatch.setattr("time.sleep", slept.append)
    updates = list(TreeWatch(run, 2, wait=20).watch("unused", "p1", 7))
    assert [u.retrying is not None for u in updates] == [True, False]
    assert "cannot reach" in (updates[0].retrying or "") and slept == [1.0]
    assert updates[1].stopped == "project p1 was deleted on the Hub"
    assert all(path.startswith("/events?after=7&") for path in asked)


def test_the_project_deleted_ends_the_watch(tree: dict[str, Any]) -> None:
    tree["sdk"].projects.delete(tree["project"])
    update, fetched = tree["watcher"].next()
    assert update.stopped is not None and "deleted" in update.stopped and fetched == []
    with pytest.raises(StopIteration):
        tree["watcher"].next()


def test_the_asyncio_watch_applies_a_rename(
    hub: HubServer, org_creds: Credentials, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with (
            AsyncHubClient(**hub.sdk_options(org_creds)) as sdk,
            AsyncHubClient(**hub.sdk_options(org_creds)) as watching,
        ):
            workspace = await sdk.workspaces.create("watched async")
            project = (await sdk.projects.create("a", workspace.workspace_key)).project_key
            file = await sdk.files.create("one", project, "markdown", "# one")
            updates = watching.files.watch_tree(project, tmp_path)
            first = await anext(updates)
            assert first.full_pull == "first pull" and (tmp_path / "one.md").exists()
            await sdk.files.update(file.file_key, revision=file.revision, name="two")
            update = await anext(updates)
            assert _actions(update) == {"two.md": "moved"}
            assert not (tmp_path / "one.md").exists()
            assert (tmp_path / "two.md").read_text() == "# one"
            await updates.aclose()  # type: ignore[attr-defined]

    asyncio.run(scenario())
