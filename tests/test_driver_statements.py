"""``POST /files`` on inline SQLite runs its placement SELECT and its INSERT straight on the
driver (``store/driver_statements``): the rows it stores and the answers it gives must be what
SQLAlchemy's execution stores and gives, and a driver error must be SQLAlchemy's error."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.exc import IntegrityError

from camunda_hub.server.services.hub import files as file_service
from camunda_hub.server.store.driver_statements import DriverStatement
from tests.support.in_process import InProcessHub, in_process_hub

pytestmark = pytest.mark.asyncio(loop_scope="session")

CONTENT = '<?xml version="1.0"?>\n<definitions id="d">naïve \u2603 "quoted"</definitions>\n'
# Every column but the key, the name and what derives from the name, with SQLite's own type.
NAMES = (
    "organization_id",
    "project_key",
    "folder_key",
    "type",
    "content",
    "revision",
    "deletion_root",
    "deleted",
    "created",
    "updated",
    "created_by_name",
    "created_by_email",
    "updated_by_name",
    "updated_by_email",
)
COLUMNS = ", ".join(f"{c}, typeof({c})" for c in NAMES)
# The audit MOMENTS differ by the time between the requests, not in shape.
MOMENTS = {2 * NAMES.index("created"), 2 * NAMES.index("updated")}


async def _create(hub: InProcessHub, headers: dict[str, str], name: str, **place: Any) -> Any:
    body = {"name": name, "type": "bpmn", "content": CONTENT, **place}
    response = await hub.client.post("/api/v2/files", json=body, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


async def test_the_driver_path_stores_and_answers_what_sqlalchemy_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    taken: list[bool] = []
    real = DriverStatement.execute

    def counted(self: DriverStatement, connection: Any, parameters: dict[str, Any]) -> Any:
        cursor = real(self, connection, parameters)
        taken.append(cursor is not None)
        return cursor

    monkeypatch.setattr(DriverStatement, "execute", counted)
    async with in_process_hub(tmp_path) as hub:
        headers = {"Authorization": f"Bearer {await hub.token()}"}
        response = await hub.client.post("/api/v2/workspaces", json={"name": "w"}, headers=headers)
        workspace = response.json()["workspaceKey"]
        body = {"name": "p", "workspaceKey": workspace}
        response = await hub.client.post("/api/v2/projects", json=body, headers=headers)
        project = response.json()["projectKey"]
        body = {"name": "f", "projectKey": project}
        response = await hub.client.post("/api/v2/folders", json=body, headers=headers)
        folder = response.json()["folderKey"]

        answers: dict[str, Any] = {}
        for way in ("driver", "sqlalchemy"):
            if way == "sqlalchemy":
                monkeypatch.setattr(DriverStatement, "execute", lambda *args: None)
            taken.clear()
            answers[f"{way}-root"] = await _create(hub, headers, f"{way}-root", projectKey=project)
            answers[f"{way}-folder"] = await _create(
                hub, headers, f"{way}-folder", projectKey=project, folderKey=folder
            )
            if way == "driver":
                assert taken == [True] * 6, "placement, INSERT and event, twice, on the driver"
        database = hub.app.state.runtime.db.url.database

    for where in ("root", "folder"):
        by_driver, by_sqlalchemy = answers[f"driver-{where}"], answers[f"sqlalchemy-{where}"]
        assert by_driver.keys() == by_sqlalchemy.keys()
        for field in ("fileKey", "name", "simplePath", "canonicalPath", "created", "updated"):
            by_driver.pop(field), by_sqlalchemy.pop(field)
        assert by_driver == by_sqlalchemy
    with sqlite3.connect(database) as raw:
        rows = {
            name: raw.execute(
                f"SELECT {COLUMNS}, length(key), typeof(key) FROM files WHERE name = ?", (name,)
            ).fetchone()
            for name in ("driver-root", "sqlalchemy-root", "driver-folder", "sqlalchemy-folder")
        }
        paths = dict(raw.execute("SELECT name, simple_path FROM files").fetchall())
    for where in ("root", "folder"):
        by_driver, by_sqlalchemy = rows[f"driver-{where}"], rows[f"sqlalchemy-{where}"]
        assert [v for i, v in enumerate(by_driver) if i not in MOMENTS] == [
            v for i, v in enumerate(by_sqlalchemy) if i not in MOMENTS
        ]
        for i in MOMENTS:
            assert len(by_driver[i]) == len(by_sqlalchemy[i])
    assert paths["driver-folder"] == "f/driver-folder.bpmn"
    assert paths["sqlalchemy-folder"] == "f/sqlalchemy-folder.bpmn"


async def test_a_driver_error_is_a_sqlalchemy_error(tmp_path: Path) -> None:
    # Callers (the outage check, the 500 handler) only know SQLAlchemy's exceptions.
    async with in_process_hub(tmp_path) as hub:
        runtime = hub.app.state.runtime
        values = {
            "key": "k",
            "organization_id": hub.creds.client.organization_id,
            "project_key": "no-such-project",
            "folder_key": None,
            "name": "n",
            "type": "bpmn",
            "content": CONTENT,
            "revision": 1,
            "simple_path": "n.bpmn",
            "canonical_path": "n.bpmn",
            "deletion_root": False,
        }
        with pytest.raises(IntegrityError):
            async with runtime.db.transaction() as session:
                connection = (await session.connection()).sync_connection
                assert file_service._INSERT_ON_THE_DRIVER.execute(connection, values) is not None
