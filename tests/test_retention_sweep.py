"""The server itself sweeps expired soft deletions: on start (then hourly), after the configured
retention, and never with retention off (``CAMUNDA_HUB_DELETED_RETENTION_DAYS=0``)."""

from __future__ import annotations

import time
from pathlib import Path

import httpx

from tests.support.database import age_deletion
from tests.support.server import HubServer


def _file_deleted_40_days_ago(server: HubServer, api: httpx.Client) -> str:
    workspace = api.post("/workspaces", json={"name": "W"}).json()["workspaceKey"]
    project = api.post("/projects", json={"name": "P", "workspaceKey": workspace}).json()
    body = {"name": "old", "projectKey": project["projectKey"], "type": "form", "content": "{}"}
    key = str(api.post("/files", json=body).json()["fileKey"])
    assert api.delete(f"/files/{key}").status_code == 204
    age_deletion(server, key, days=40)
    return key


def test_server_sweeps_on_start_after_the_retention_period(tmp_path: Path) -> None:
    off = HubServer(tmp_path, env={"CAMUNDA_HUB_DELETED_RETENTION_DAYS": "0"})
    with off:
        creds = off.create_client_in_process(name="retention")
        with off.api(creds) as api:
            key = _file_deleted_40_days_ago(off, api)
            time.sleep(1.0)  # several sync rounds: nothing may sweep with retention off
            listed = api.post("/files/recently-deleted/search", json={}).json()["items"]
            assert [item["fileKey"] for item in listed] == [key]

    on = HubServer(tmp_path, env={"CAMUNDA_HUB_DELETED_RETENTION_DAYS": "30"})
    with on, on.api(creds) as api:
        deadline = time.monotonic() + 15
        while api.post("/files/recently-deleted/search", json={}).json()["items"]:
            assert time.monotonic() < deadline, on.output
            time.sleep(0.2)
        assert api.post(f"/files/{key}/restoration").status_code == 404
    assert "removed 1 deletions older than 30 days for good (0 kept)" in on.output
