"""The real client: the official ``@camunda8/sdk`` ``ModelerApiClient`` (pinned in
``tests/node/package.json`` / ``package-lock.json``, installed by ``scripts/test`` with
``npm ci``) runs ``tests/node/v1_sdk_check.js`` against a real server process. The script
fetches its token through the SDK's OAuth provider (no audience configured, as on
Self-Managed) and checks what each of its v1 calls resolves to. It runs on the session server,
so ``scripts/test``'s PostgreSQL pass (``tests/test_api_*.py``) runs it on PostgreSQL too; the
script only touches the project it creates."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support.server import HubServer

NODE_DIR = Path(__file__).parent / "node"
SCRIPT = NODE_DIR / "v1_sdk_check.js"
SDK = NODE_DIR / "node_modules" / "@camunda8" / "sdk" / "package.json"

EXPECTED_CALLS = {
    "getInfo",
    "createProject",
    "renameProject",
    "createFolder",
    "updateFolder",
    "createFile",
    "getFile",
    "updateFile",
    "updateFile (stale revision: 409)",
    "getFolder",
    "getProject",
    "searchFiles",
    "searchProjects",
    "createVersion",
    "getVersion",
    "updateVersion",
    "searchVersions",
    "restoreVersion",
    "compareVersions",
    "createMilestone",
    "getMilestone",
    "searchMilestones",
    "getMilestoneComparison",
    "addCollaborator",
    "addCollaborator (role change)",
    "searchCollaborators",
    "deleteCollaborator",
    "deleteMilestone",
    "getMilestone after deleteMilestone: 404",
    "deleteVersion",
    "getVersion after deleteVersion: 404",
    "deleteFile",
    "getFile after deleteFile: 404",
    "deleteFolder",
    "getFolder after deleteFolder: 404",
    "deleteProject",
    "getProject after deleteProject: 404",
}


def test_the_node_sdk_runs_unchanged_against_api_v1(hub: HubServer, tmp_path: Path) -> None:
    node = shutil.which("node")
    if node is None or not SDK.exists():
        pytest.skip("node or tests/node/node_modules is missing (scripts/test runs npm ci)")
    assert json.loads(SDK.read_text())["version"].startswith("8.8.")
    creds = hub.create_client("create", "read", "update", "delete", name="node-sdk")
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "HUB_URL": hub.url,
        "HUB_CLIENT_ID": creds.client_id,
        "HUB_CLIENT_SECRET": creds.client_secret,
    }
    done = subprocess.run(
        [node, str(SCRIPT)],
        cwd=NODE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert lines, (done.returncode, done.stdout, done.stderr)
    report = json.loads(lines[-1])
    assert report["ok"], report.get("error")
    assert done.returncode == 0, done.stderr
    assert set(report["calls"]) == EXPECTED_CALLS
