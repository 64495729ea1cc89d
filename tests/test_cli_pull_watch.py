"""``camunda-hub pull DIR --watch``: a file created, changed, renamed and deleted on the Hub
reaches the local folder without another command, driven by the change feed, and the
project's deletion ends the watch with a message (the SDK's ``watch_tree`` under it is tested
request by request in test_sdk_watch_tree.py)."""

from __future__ import annotations

import json
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
            file = sdk.files.update(file.file_key, revision=file.revision, content="# second")
            _wait_for(lambda: (target / "notes.md").read_text() == "# second")
            sdk.files.update(file.file_key, revision=file.revision, name="renamed")
            _wait_for(lambda: (target / "renamed.md").exists())
            assert not (target / "notes.md").exists()
            sdk.files.delete(file.file_key)
            _wait_for(lambda: not (target / "renamed.md").exists())
            sdk.projects.delete(project)
            out, err = process.communicate(timeout=30)
        finally:
            if process.poll() is None:
                process.terminate()
                process.wait(10)
        assert process.returncode == 1
        assert "stopped watching" in err and "deleted" in err
        lines = [json.loads(line) for line in out.splitlines()]
        assert lines[0]["fullPull"] == "first pull"
        actions = [(f["path"], f["action"]) for line in lines[1:] for f in line["files"]]
        assert actions == [
            ("notes.md", "created"),
            ("notes.md", "updated"),
            ("renamed.md", "moved"),
            ("renamed.md", "deleted"),
        ]
        assert all(line["fullPull"] is None for line in lines[1:])
