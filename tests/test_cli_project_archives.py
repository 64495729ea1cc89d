"""``camunda-hub export`` / ``import`` and the SDK's ``projects.export`` / ``import_`` (sync and
async) against the real server: a pushed tree exports, imports as a new project and exports
the same; an update with a stale archive reports its conflicts and changes nothing."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from camunda_hub.cli.main import app
from camunda_hub.client import AsyncHubClient, HubClient
from camunda_hub.client.errors import ApiError
from tests.support.server import Credentials, HubServer

MODELS = Path(__file__).parent / "fixtures" / "models"
MANIFEST = "camunda-hub-project.json"


@pytest.fixture(scope="module")
def cli_env(hub: HubServer, admin_creds: Credentials) -> dict[str, str | None]:
    return hub.cli_env(admin_creds)


def run(env: dict[str, str | None], *args: str) -> Any:
    result = CliRunner().invoke(app, [*args, "--json"], env=env)
    return result, (json.loads(result.stdout) if result.stdout.strip() else {})


def entries(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {i.filename: archive.read(i) for i in archive.infolist() if i.filename != MANIFEST}


def test_cli_export_import_round_trip_and_conflicts(
    tmp_path: Path, hub: HubServer, admin_creds: Credentials, cli_env: dict[str, str | None]
) -> None:
    sdk = HubClient(**hub.sdk_options(admin_creds))
    workspace = sdk.workspaces.create("Archives").workspace_key
    project = sdk.projects.create("Orders", workspace).project_key
    models = tmp_path / "models"
    shutil.copytree(MODELS, models)  # push records its sync state in the folder
    pushed, _ = run(cli_env, "push", str(models), "--project", project)
    assert pushed.exit_code == 0, pushed.output

    first = tmp_path / "first.zip"
    exported, report = run(cli_env, "export", str(first), "--project", project)
    assert exported.exit_code == 0, exported.output
    assert report["bytes"] == first.stat().st_size and report["etag"]
    assert "orders/order-process.bpmn" in entries(first)

    created, report = run(cli_env, "import", str(first), "--workspace", workspace, "--name", "Copy")
    assert created.exit_code == 0, created.output
    assert report["summary"]["created"] == len([e for e in entries(first) if not e.endswith("/")])
    second = tmp_path / "second.zip"
    again, _ = run(cli_env, "export", str(second), "--project", report["projectKey"])
    assert again.exit_code == 0, again.output
    assert entries(second) == entries(first)

    # Change a file on the Hub: the first export is now stale for it.
    file = next(f for f in sdk.files.iterate(project_key=project) if f.name == "order-process")
    current = sdk.files.get(file.file_key)
    sdk.files.update(file.file_key, revision=current.revision, content=current.content + "\n")
    stale = tmp_path / "stale.zip"
    with zipfile.ZipFile(first) as source, zipfile.ZipFile(stale, "w") as copy:
        for info in source.infolist():
            data = source.read(info)
            copy.writestr(
                info, data + b"<!-- mine -->" if info.filename.endswith(".bpmn") else data
            )
    refused, report = run(cli_env, "import", str(stale), "--project", project)
    assert refused.exit_code == 1
    assert [c["path"] for c in report["conflicts"]] == ["orders/order-process.bpmn"]
    assert "nothing was imported" in refused.stderr
    assert sdk.files.get(file.file_key).revision == current.revision + 1

    usage, _ = run(cli_env, "import", str(first))
    assert usage.exit_code == 2


async def test_async_sdk_export_and_import(
    tmp_path: Path, hub: HubServer, admin_creds: Credentials
) -> None:
    async with AsyncHubClient(**hub.sdk_options(admin_creds)) as sdk:
        workspace = (await sdk.workspaces.create("Async archives")).workspace_key
        archive = io.BytesIO()
        with zipfile.ZipFile(archive, "w") as zf:
            zf.writestr("a/b.md", "# b\n")
        upload = tmp_path / "in.zip"
        upload.write_bytes(archive.getvalue())
        sent: list[int] = []
        imported = await sdk.projects.import_(
            upload, workspace_key=workspace, name="From zip", progress=sent.append
        )
        assert imported.summary["created"] == 1 and sum(sent) == upload.stat().st_size
        out = tmp_path / "out.zip"
        exported = await sdk.projects.export(imported.project_key, out)
        assert entries(out) == {"a/": b"", "a/b.md": b"# b\n"} and exported.size > 0
        with pytest.raises(ApiError) as missing:
            await sdk.projects.export("no-such-project", tmp_path / "x.zip")
        assert missing.value.status == 404 and not (tmp_path / "x.zip").exists()
