"""Faults: the database goes away mid-run (503 problem+json at once, recovery without a restart,
nothing lost), and ``kill -9`` of a server during a stream of writes (the database stays
consistent and every acknowledged write is there after the restart)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from tests.support.postgres import PostgresCluster, server_env
from tests.support.server import Credentials, HubServer

# Outages and kill -9 of real servers: outside the quick loop (-m "not slow").
pytestmark = pytest.mark.slow

# A hang is a failure: every call in these tests gives up after this long.
NO_HANG = httpx.Timeout(15.0)


@pytest.fixture(scope="module")
def own_postgres() -> Iterator[PostgresCluster]:
    """A cluster of this module's own: the outage test stops it."""
    cluster = PostgresCluster().start()
    yield cluster
    cluster.stop()


def _client(server: HubServer, creds: Credentials) -> httpx.Client:
    client = server.api(creds)
    client.timeout = NO_HANG
    return client


def _assert_unavailable(response: httpx.Response) -> None:
    assert response.status_code == 503, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.headers["retry-after"] == "1"
    body = response.json()
    assert body["status"] == 503 and "unavailable" in body["detail"]


@pytest.mark.postgres
def test_database_outage_is_503_then_recovers_without_restart(
    own_postgres: PostgresCluster, tmp_path: Path
) -> None:
    env = server_env(own_postgres.create_database("outage"))
    with HubServer(tmp_path, env=env) as server:
        creds = server.create_client(name="outage")
        with _client(server, creds) as api:
            before = api.post("/workspaces", json={"name": "written before the outage"})
            assert before.status_code == 200, before.text
            key = before.json()["workspaceKey"]
            project = api.post("/projects", json={"name": "p", "workspaceKey": key}).json()
            file = api.post(
                "/files",
                json={
                    "name": "f",
                    "projectKey": project["projectKey"],
                    "type": "markdown",
                    "content": "before",
                },
            ).json()

            own_postgres.stop_server()
            try:
                _assert_unavailable(api.get(f"/workspaces/{key}"))
                # The hot reads run on the driver itself (store/direct_reads.py): same answer.
                _assert_unavailable(api.get(f"/files/{file['fileKey']}"))
                _assert_unavailable(api.get(f"/projects/{project['projectKey']}"))
                _assert_unavailable(api.post("/files/search", json={}))
                _assert_unavailable(api.post("/workspaces", json={"name": "during the outage"}))
                ready = httpx.get(f"{server.url}/health/ready", timeout=NO_HANG)
                assert ready.status_code == 503
                assert ready.json()["checks"] == {"database": "DOWN"}
                assert httpx.get(f"{server.url}/health/live", timeout=NO_HANG).status_code == 200
                # Tokens are issued from memory: clients can still authenticate.
                assert server.request_token(creds).status_code == 200
            finally:
                own_postgres.restart()

            deadline = time.monotonic() + 30
            while (response := api.get(f"/workspaces/{key}")).status_code != 200:
                assert response.status_code == 503, response.text
                assert time.monotonic() < deadline, "no recovery after the database returned"
                time.sleep(0.2)
            assert response.json()["workspace"]["name"] == "written before the outage"
            assert api.get(f"/files/{file['fileKey']}").json()["content"] == "before"
            after = api.post("/workspaces", json={"name": "written after the outage"})
            assert after.status_code == 200, after.text
            assert httpx.get(f"{server.url}/health/ready", timeout=NO_HANG).status_code == 200
        assert "Traceback" not in server.output


@dataclass
class _Acked:
    workspaces: dict[str, str] = field(default_factory=dict)
    folders: dict[str, str] = field(default_factory=dict)  # folderKey -> projectKey
    files: dict[str, tuple[int, str]] = field(
        default_factory=dict
    )  # fileKey -> (revision, content)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _writer(api: httpx.Client, acked: _Acked, stop: threading.Event, index: int) -> None:
    """Creates a small tree and edits its file until the server dies; records what was
    acknowledged with a 2xx."""
    try:
        step = 0
        while not stop.is_set():
            step += 1
            ws = api.post("/workspaces", json={"name": f"w{index}-{step}"})
            if ws.status_code != 200:
                return
            ws_key = ws.json()["workspaceKey"]
            with acked.lock:
                acked.workspaces[ws_key] = f"w{index}-{step}"
            project = api.post("/projects", json={"name": "p", "workspaceKey": ws_key})
            if project.status_code != 200:
                return
            project_key = project.json()["projectKey"]
            folder = api.post("/folders", json={"name": "f", "projectKey": project_key})
            if folder.status_code != 200:
                return
            with acked.lock:
                acked.folders[folder.json()["folderKey"]] = project_key
            created = api.post(
                "/files",
                json={
                    "name": "notes",
                    "projectKey": project_key,
                    "folderKey": folder.json()["folderKey"],
                    "type": "markdown",
                    "content": "v1",
                },
            )
            if created.status_code != 200:
                return
            file_key, revision = created.json()["fileKey"], created.json()["revision"]
            with acked.lock:
                acked.files[file_key] = (revision, "v1")
            for edit in range(2, 6):
                patched = api.patch(
                    f"/files/{file_key}", json={"revision": revision, "content": f"v{edit}"}
                )
                if patched.status_code != 200:
                    return
                revision = patched.json()["revision"]
                with acked.lock:
                    acked.files[file_key] = (revision, f"v{edit}")
    except httpx.TransportError:
        return  # the server was killed mid-request: that write is unacknowledged


def _consistent_after_restart(server: HubServer, creds: Credentials, acked: _Acked) -> None:
    with _client(server, creds) as api:
        for key, name in acked.workspaces.items():
            response = api.get(f"/workspaces/{key}")
            assert response.status_code == 200, response.text
            assert response.json()["workspace"]["name"] == name
        for key, project_key in acked.folders.items():
            response = api.get(f"/folders/{key}")
            assert response.status_code == 200, response.text
            assert response.json()["folder"]["projectKey"] == project_key
        for key, (revision, content) in acked.files.items():
            response = api.get(f"/files/{key}")
            assert response.status_code == 200, response.text
            body = response.json()
            # The acknowledged edit, or the one after it whose answer never arrived.
            assert body["revision"] in (revision, revision + 1)
            if body["revision"] == revision:
                assert body["content"] == content
        # No partial trees: every file that exists sits in a folder and project that exist.
        listed = api.post("/files/search", json={"page": {"limit": 1000}})
        assert listed.status_code == 200, listed.text
        for item in listed.json()["items"]:
            full = api.get(f"/files/{item['fileKey']}").json()
            assert api.get(f"/projects/{full['projectKey']}").status_code == 200
            if full["folderKey"] is not None:
                assert api.get(f"/folders/{full['folderKey']}").status_code == 200


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def test_kill_9_during_writes_loses_no_acknowledged_write(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    env: dict[str, str] = {}
    if backend == "postgres":
        cluster: PostgresCluster = request.getfixturevalue("own_postgres")
        env = server_env(cluster.create_database("kill9"))
    server = HubServer(tmp_path, env=env).start()
    request.addfinalizer(server.stop)
    creds = server.create_client(name="writer")
    acked = _Acked()
    stop = threading.Event()
    clients = [_client(server, creds) for _ in range(4)]
    threads = [
        threading.Thread(target=_writer, args=(client, acked, stop, index))
        for index, client in enumerate(clients)
    ]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 30
    while len(acked.files) < 4 and time.monotonic() < deadline:
        time.sleep(0.05)
    server.kill()
    stop.set()
    for thread in threads:
        thread.join(20)
    for client in clients:
        client.close()
    assert acked.files, "no write was acknowledged before the kill"

    restarted = HubServer(tmp_path, env=env).start()
    try:
        _consistent_after_restart(restarted, creds, acked)
    finally:
        restarted.stop()
