"""``camunda-hub pull DIR --watch``: a file created and then changed on the Hub appears in the
local folder without another command, driven by the change feed."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from camunda_hub.client import HubClient
from tests.support.server import Credentials, HubServer


def _wait_for(condition: object, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def test_pull_watch_follows_changes(
    hub: HubServer, admin_creds: Credentials, tmp_path: Path
) -> None:
    with HubClient(**hub.sdk_options(admin_creds)) as sdk:
        workspace = sdk.workspaces.create("watched pull")
        project = sdk.projects.create("watched", workspace.workspace_key).project_key
        target = tmp_path / "models"
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "camunda_hub",
                "pull",
                str(target),
                "--project",
                project,
                "--watch",
                "--json",
            ],
            env={**hub.env, **hub.client_env(admin_creds)},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            _wait_for(lambda: (target / ".camunda-hub-sync.json").exists() or target.exists())
            time.sleep(2.0)  # the watcher is waiting on the feed now
            file = sdk.files.create("notes", project, "markdown", "# first")
            _wait_for(lambda: (target / "notes.md").exists())
            assert (target / "notes.md").read_text() == "# first"
            sdk.files.update(file.file_key, revision=file.revision, content="# second")
            _wait_for(lambda: (target / "notes.md").read_text() == "# second")
        finally:
            process.terminate()
            process.wait(10)
