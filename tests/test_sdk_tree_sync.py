"""``hub.files.push_tree`` / ``pull_tree`` (blocking and asyncio) against the real server: a
round trip with several files in flight, progress reported, conflicts reported and left alone,
and a run stopped by a connection error that keeps what it did."""

from __future__ import annotations

import json
import shutil
import threading
from pathlib import Path
from typing import Any

import pytest

from camunda_hub.client import AsyncHubClient, HubClient, HubConnectionError
from camunda_hub.client.sync_state import STATE_FILE
from camunda_hub.client.tree_sync import TreeSync
from tests.support.server import Credentials, HubServer
from tests.support.synced_trees import files_of

MODELS = Path(__file__).parent / "fixtures" / "models"
TREE = {
    "README.md",
    "orders/order-process.bpmn",
    "orders/decisions/discount.dmn",
    "orders/forms/confirm-order.form",
    "templates/rest-connector.json",
}
FOLDERS = {"orders/", "orders/decisions/", "orders/forms/", "templates/"}


def test_push_tree_and_pull_tree_round_trip(
    hub: HubServer, admin_creds: Credentials, tmp_path: Path
) -> None:
    source, target = tmp_path / "source", tmp_path / "target"
    shutil.copytree(MODELS, source)
    with HubClient(**hub.sdk_options(admin_creds)) as sdk:
        workspace = sdk.workspaces.create("Tree sync")
        project = sdk.projects.create("Bulk", workspace.workspace_key).project_key
        seen: list[tuple[str, int, int]] = []
        pushed = sdk.files.push_tree(
            source, project, concurrency=3, progress=lambda *args: seen.append(args)
        )
        assert set(pushed.created) == TREE
        assert set(pushed.paths("folder created")) == FOLDERS
        assert pushed.summary == {"created": len(TREE), "folder created": len(FOLDERS)}
        assert [done for _, done, _ in seen] == list(range(1, len(TREE) + 1))
        assert [o.path for o in pushed.outcomes] == sorted(TREE | FOLDERS)
        assert {total for _, _, total in seen} == {len(TREE)}
        remote = {f.simple_path for f in sdk.files.iterate(project_key=project)}
        assert remote == TREE

        again = sdk.files.push_tree(source, project)
        assert set(again.unchanged) == TREE and again.summary == {"unchanged": len(TREE)}

        pulled = sdk.files.pull_tree(project, target, concurrency=3)
        assert set(pulled.created) == TREE
        assert files_of(target) == files_of(source)
        assert set(sdk.files.pull_tree(project, target).unchanged) == TREE

        with pytest.raises(ValueError, match="concurrency"):
            sdk.files.pull_tree(project, target, concurrency=0)


async def test_async_push_tree_and_pull_tree_round_trip(
    hub: HubServer, admin_creds: Credentials, tmp_path: Path
) -> None:
    source, target = tmp_path / "source", tmp_path / "target"
    shutil.copytree(MODELS, source)
    async with AsyncHubClient(**hub.sdk_options(admin_creds)) as sdk:
        workspace = await sdk.workspaces.create("Tree sync async")
        project = (await sdk.projects.create("Bulk", workspace.workspace_key)).project_key
        dry = await sdk.files.push_tree(source, project, dry_run=True)
        assert set(dry.created) == TREE and dry.summary["would be created"] == len(TREE)
        assert not (source / STATE_FILE).exists()

        pushed = await sdk.files.push_tree(source, project, concurrency=4)
        assert set(pushed.created) == TREE
        seen: list[str] = []
        pulled = await sdk.files.pull_tree(
            project, target, concurrency=4, progress=lambda path, done, total: seen.append(path)
        )
        assert set(pulled.created) == TREE and sorted(seen) == sorted(TREE)
        assert files_of(target) == files_of(source)


def test_tree_conflicts_are_reported_and_left_alone(
    hub: HubServer, admin_creds: Credentials, tmp_path: Path
) -> None:
    alice, bob = tmp_path / "alice", tmp_path / "bob"
    shutil.copytree(MODELS, alice)
    bpmn = "orders/order-process.bpmn"
    with HubClient(**hub.sdk_options(admin_creds)) as sdk:
        workspace = sdk.workspaces.create("Tree conflicts")
        project = sdk.projects.create("Bulk", workspace.workspace_key).project_key
        sdk.files.push_tree(alice, project)
        sdk.files.pull_tree(project, bob)

        bob_text = (bob / bpmn).read_text().replace("Order received", "Order arrived")
        alice_text = (alice / bpmn).read_text().replace("Order received", "Order came in")
        (bob / bpmn).write_text(bob_text)
        (alice / bpmn).write_text(alice_text)
        assert sdk.files.push_tree(bob, project).updated == [bpmn]

        pushed = sdk.files.push_tree(alice, project)
        assert pushed.conflicts == [bpmn]
        assert set(pushed.unchanged) == TREE - {bpmn}
        [remote] = [f for f in sdk.files.iterate(project_key=project) if f.simple_path == bpmn]
        assert sdk.files.get(remote.file_key).content == bob_text

        pulled = sdk.files.pull_tree(project, alice)
        assert pulled.conflicts == [bpmn]
        assert (alice / bpmn).read_text() == alice_text


def test_a_run_stopped_by_a_connection_error_keeps_what_it_did(
    hub: HubServer, admin_creds: Credentials, tmp_path: Path
) -> None:
    source = tmp_path / "source"
    shutil.copytree(MODELS, source)
    with HubClient(**hub.sdk_options(admin_creds)) as sdk:
        workspace = sdk.workspaces.create("Tree stopped")
        project = sdk.projects.create("Bulk", workspace.workspace_key).project_key
        creates = 0
        lock = threading.Lock()

        def flaky(call: Any) -> Any:
            nonlocal creates
            if call.method == "POST" and call.path == "/files":
                with lock:
                    creates += 1
                    refused = creates > 2
                if refused:
                    raise HubConnectionError("the Hub went away")
            return sdk._run(call)

        with pytest.raises(HubConnectionError):
            TreeSync(flaky, 2, None).push(source, project, False)
        state = json.loads((source / STATE_FILE).read_text())
        assert len(state["files"]) == 2, "the files created before the error are recorded"

        resumed = sdk.files.push_tree(source, project)
        assert len(resumed.unchanged) == 2 and len(resumed.created) == len(TREE) - 2
        assert sorted(f.simple_path for f in sdk.files.iterate(project_key=project)) == sorted(TREE)
