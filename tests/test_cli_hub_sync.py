"""``camunda-hub push`` / ``pull`` against the real server with a tree of real BPMN, DMN, form,
element-template and Markdown files: round trip, updates with revision checks, conflicts
reported (never overwritten), ``--dry-run``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from camunda_hub.cli.main import app
from camunda_hub.client import HubClient
from camunda_hub.client.sync_state import STATE_FILE
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


@pytest.fixture(scope="module")
def cli_env(hub: HubServer, admin_creds: Credentials) -> dict[str, str | None]:
    return hub.cli_env(admin_creds)


@pytest.fixture
def sdk(hub: HubServer, admin_creds: Credentials) -> HubClient:
    return HubClient(**hub.sdk_options(admin_creds))


@pytest.fixture
def project(sdk: HubClient) -> str:
    workspace = sdk.workspaces.create("Sync tests")
    return sdk.projects.create("Orders", workspace.workspace_key).project_key


def sync(env: dict[str, str | None], *args: str) -> tuple[Result, dict[str, Any]]:
    result = CliRunner().invoke(app, [*args, "--json"], env=env)
    report = json.loads(result.stdout) if result.stdout.strip() else {}
    return result, report


def outcome(report: dict[str, Any]) -> dict[str, str]:
    return {entry["path"]: entry["action"] for entry in report["files"]}


def test_push_then_pull_round_trip(
    cli_env: dict[str, str | None], sdk: HubClient, project: str, tmp_path: Path
) -> None:
    source = tmp_path / "source"
    shutil.copytree(MODELS, source)

    result, report = sync(cli_env, "push", str(source), "--project", project)
    assert result.exit_code == 0, result.stderr
    actions = outcome(report)
    assert {p for p, a in actions.items() if a == "created"} == TREE
    assert {p for p, a in actions.items() if a == "folder created"} == {
        "orders/",
        "orders/decisions/",
        "orders/forms/",
        "templates/",
    }
    remote = {f.simple_path: f.type for f in sdk.files.iterate(project_key=project)}
    assert remote == {
        "README.md": "markdown",
        "orders/order-process.bpmn": "bpmn",
        "orders/decisions/discount.dmn": "dmn",
        "orders/forms/confirm-order.form": "form",
        "templates/rest-connector.json": "element-template",
    }
    state = json.loads((source / STATE_FILE).read_text())
    assert set(state["files"]) == TREE and state["projectKey"] == project

    again, report = sync(cli_env, "push", str(source), "--project", project)
    assert again.exit_code == 0
    assert set(outcome(report).values()) == {"unchanged"}

    target = tmp_path / "target"
    result, report = sync(cli_env, "pull", "--project", project, str(target))
    assert result.exit_code == 0, result.stderr
    assert set(outcome(report)) == TREE
    assert files_of(target) == files_of(source), "pull must give back exactly what was pushed"


def test_changes_flow_both_ways_with_revision_checks(
    cli_env: dict[str, str | None], sdk: HubClient, project: str, tmp_path: Path
) -> None:
    alice, bob = tmp_path / "alice", tmp_path / "bob"
    shutil.copytree(MODELS, alice)
    assert sync(cli_env, "push", str(alice), "--project", project)[0].exit_code == 0
    assert sync(cli_env, "pull", "--project", project, str(bob))[0].exit_code == 0

    form = "orders/forms/confirm-order.form"
    (bob / form).write_text((bob / form).read_text().replace("Confirm the order", "Confirm it"))
    result, report = sync(cli_env, "push", str(bob), "--project", project)
    assert result.exit_code == 0
    assert outcome(report)[form] == "updated"
    [remote] = [f for f in sdk.files.iterate(project_key=project) if f.simple_path == form]
    assert remote.revision == 2

    # Alice has not pulled yet: pushing her unchanged copy must not undo Bob's change.
    result, report = sync(cli_env, "push", str(alice), "--project", project)
    assert result.exit_code == 0
    assert outcome(report)[form] == "skipped"
    result, report = sync(cli_env, "pull", "--project", project, str(alice))
    assert result.exit_code == 0
    assert outcome(report)[form] == "updated"
    assert (alice / form).read_text() == (bob / form).read_text()


def test_conflicts_are_reported_not_overwritten(
    cli_env: dict[str, str | None], sdk: HubClient, project: str, tmp_path: Path
) -> None:
    alice, bob = tmp_path / "alice", tmp_path / "bob"
    shutil.copytree(MODELS, alice)
    assert sync(cli_env, "push", str(alice), "--project", project)[0].exit_code == 0
    assert sync(cli_env, "pull", "--project", project, str(bob))[0].exit_code == 0

    bpmn = "orders/order-process.bpmn"
    bob_text = (bob / bpmn).read_text().replace("Order received", "Order arrived")
    alice_text = (alice / bpmn).read_text().replace("Order received", "Order came in")
    (bob / bpmn).write_text(bob_text)
    (alice / bpmn).write_text(alice_text)
    assert sync(cli_env, "push", str(bob), "--project", project)[0].exit_code == 0

    result, report = sync(cli_env, "push", str(alice), "--project", project)
    assert result.exit_code == 1
    assert outcome(report)[bpmn] == "conflict"
    assert "1 conflict" in result.stderr
    [remote] = [f for f in sdk.files.iterate(project_key=project) if f.simple_path == bpmn]
    assert sdk.files.get(remote.file_key).content == bob_text

    result, report = sync(cli_env, "pull", "--project", project, str(alice))
    assert result.exit_code == 1
    assert outcome(report)[bpmn] == "conflict"
    assert (alice / bpmn).read_text() == alice_text

    # A folder never synced, holding other content at the same path, conflicts too.
    stranger = tmp_path / "stranger"
    (stranger / "orders").mkdir(parents=True)
    (stranger / bpmn).write_text(alice_text)
    result, report = sync(cli_env, "pull", "--project", project, str(stranger))
    assert result.exit_code == 1
    assert outcome(report)[bpmn] == "conflict"
    assert (stranger / bpmn).read_text() == alice_text


def test_dry_run_changes_nothing(
    cli_env: dict[str, str | None], sdk: HubClient, project: str, tmp_path: Path
) -> None:
    source = tmp_path / "source"
    shutil.copytree(MODELS, source)
    result, report = sync(cli_env, "push", str(source), "--project", project, "--dry-run")
    assert result.exit_code == 0
    assert report["dryRun"] is True
    assert outcome(report)["orders/order-process.bpmn"] == "would be created"
    assert list(sdk.files.iterate(project_key=project)) == []
    assert not (source / STATE_FILE).exists()

    target = tmp_path / "target"
    assert sync(cli_env, "push", str(source), "--project", project)[0].exit_code == 0
    result, report = sync(cli_env, "pull", "--project", project, str(target), "--dry-run")
    assert result.exit_code == 0
    assert set(outcome(report).values()) == {"would be created"}
    assert not target.exists()


def test_a_folder_synced_with_another_project_is_refused(
    cli_env: dict[str, str | None], sdk: HubClient, project: str, tmp_path: Path
) -> None:
    source = tmp_path / "source"
    shutil.copytree(MODELS, source)
    assert sync(cli_env, "push", str(source), "--project", project)[0].exit_code == 0
    other = sdk.projects.create("Other", sdk.projects.get(project).project.workspace_key)
    result, _ = sync(cli_env, "push", str(source), "--project", other.project_key)
    assert result.exit_code == 2
    assert "synced with project" in result.stderr


def test_pull_never_writes_outside_the_sync_folder(
    cli_env: dict[str, str | None], project: str, tmp_path: Path
) -> None:
    source = tmp_path / "source"
    shutil.copytree(MODELS, source)
    assert sync(cli_env, "push", str(source), "--project", project)[0].exit_code == 0
    outside = tmp_path / "outside"
    outside.mkdir()
    target = tmp_path / "target"
    target.mkdir()
    (target / "orders").symlink_to(outside, target_is_directory=True)
    result, report = sync(cli_env, "pull", "--project", project, str(target))
    assert result.exit_code == 0
    assert outcome(report)["orders/order-process.bpmn"] == "skipped"
    assert list(outside.iterdir()) == []
    assert (target / "README.md").read_bytes() == (source / "README.md").read_bytes()
