"""Resource commands against the real server: tables by default, ``--json`` for scripts,
exit codes that mean something."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from camunda_hub.cli.main import app
from tests.support.server import Credentials, HubServer

MODELS = Path(__file__).parent / "fixtures" / "models"


@pytest.fixture(scope="module")
def cli_env(hub: HubServer, admin_creds: Credentials) -> dict[str, str | None]:
    return hub.cli_env(admin_creds)


def cli(env: dict[str, str | None], *args: str) -> Result:
    return CliRunner().invoke(app, list(args), env=env)


def ok(env: dict[str, str | None], *args: str) -> str:
    result = cli(env, *args)
    assert result.exit_code == 0, result.stderr or result.stdout
    return result.stdout


def as_json(env: dict[str, str | None], *args: str) -> Any:
    return json.loads(ok(env, *args, "--json"))


def test_workspace_project_folder_file_version_lifecycle(
    cli_env: dict[str, str | None], tmp_path: Path
) -> None:
    workspace = ok(
        cli_env,
        "workspaces",
        "create",
        "--name",
        "CLI workspace",
        "--description",
        "made by the CLI test",
    ).strip()
    listed = as_json(cli_env, "workspaces", "list", "--name", "CLI work*")
    assert workspace in [w["workspaceKey"] for w in listed]
    assert workspace in ok(cli_env, "workspaces", "list"), "keys are shown whole in tables"
    ok(cli_env, "workspaces", "update", workspace, "--clear-description")
    assert as_json(cli_env, "workspaces", "get", workspace)["workspace"]["description"] is None

    project = ok(
        cli_env, "projects", "create", "--name", "Orders", "--workspace", workspace
    ).strip()
    assert [
        p["projectKey"] for p in as_json(cli_env, "projects", "list", "--workspace", workspace)
    ] == [project]
    folder = ok(cli_env, "folders", "create", "--name", "processes", "--project", project).strip()
    assert [f["folderKey"] for f in as_json(cli_env, "folders", "list", "--project", project)] == [
        folder
    ]

    bpmn = MODELS / "orders" / "order-process.bpmn"
    file_key = ok(
        cli_env, "files", "create", str(bpmn), "--project", project, "--folder", folder
    ).strip()
    found = as_json(
        cli_env, "files", "search", "--project", project, "--type", "bpmn", "--name", "order-*"
    )
    assert [(f["fileKey"], f["simplePath"]) for f in found] == [
        (file_key, "processes/order-process.bpmn")
    ]
    assert ok(cli_env, "files", "get", file_key, "--content") == bpmn.read_text()
    assert "processes/order-process.bpmn" in ok(cli_env, "files", "get", file_key)
    copy = tmp_path / "copy.bpmn"
    ok(cli_env, "files", "get", file_key, "--output", str(copy))
    assert copy.read_bytes() == bpmn.read_bytes()

    dmn = MODELS / "orders" / "decisions" / "discount.dmn"
    updated = as_json(cli_env, "files", "update", file_key, "--revision", "1", "--name", "renamed")
    assert updated["revision"] == 2 and updated["name"] == "renamed"
    stale = cli(cli_env, "files", "update", file_key, "--revision", "1", "--content-file", str(dmn))
    assert stale.exit_code == 1
    assert "revision" in stale.stderr

    version = ok(cli_env, "versions", "create", "--file", file_key, "--name", "first").strip()
    assert [v["versionKey"] for v in as_json(cli_env, "versions", "list", "--file", file_key)] == [
        version
    ]
    assert ok(cli_env, "versions", "get", version, "--content") == bpmn.read_text()

    ok(cli_env, "files", "delete", file_key)
    gone = cli(cli_env, "files", "get", file_key)
    assert gone.exit_code == 1
    assert "404" in gone.stderr
    ok(cli_env, "workspaces", "delete", workspace)


def test_bad_input_exits_2_with_the_servers_explanation(cli_env: dict[str, str | None]) -> None:
    result = cli(cli_env, "projects", "create", "--name", "x" * 300, "--workspace", "nope")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ")


def test_usage_errors_exit_2(cli_env: dict[str, str | None]) -> None:
    assert cli(cli_env, "folders", "list").exit_code == 2
    assert cli(cli_env, "files", "list", "--limit", "0").exit_code == 2


def test_unknown_keys_exit_1(cli_env: dict[str, str | None]) -> None:
    result = cli(cli_env, "workspaces", "get", "00000000-0000-0000-0000-000000000000")
    assert result.exit_code == 1
    assert "Not Found" in result.stderr
