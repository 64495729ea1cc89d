"""The server on a real PostgreSQL: migrations, the deployment secret, tokens and the admin CLI."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from camunda_hub.server.store import migrate
from camunda_hub.server.store.db import Database, UnsupportedDatabaseError
from tests.support.postgres import PostgresCluster, server_env
from tests.support.server import HubServer

pytestmark = pytest.mark.postgres


def test_documented_flow_on_postgres(pg_hub: HubServer) -> None:
    creds = pg_hub.create_client("read", name="pg-reader")
    token = pg_hub.token(creds)
    info = httpx.get(
        f"{pg_hub.url}/api/v2/info", headers={"Authorization": f"Bearer {token}"}, timeout=30
    )
    assert info.status_code == 200, info.text
    assert info.json()["version"] == "v2"
    listed = pg_hub.cli("clients", "list", "--json").stdout
    assert creds.client_id in listed
    assert creds.client_secret not in listed


def test_a_database_url_needs_the_deployment_secret(
    postgres: PostgresCluster, tmp_path: Path
) -> None:
    url = postgres.create_database("nosecret")
    env = server_env(url)
    del env["CAMUNDA_HUB_SECRET_KEY"]
    server = HubServer(tmp_path / "data", env=env)
    with pytest.raises(RuntimeError, match="CAMUNDA_HUB_SECRET_KEY"):
        server.start()
    assert not (tmp_path / "data" / "secret.key").exists()


def test_a_wrong_secret_is_a_clear_startup_error(postgres: PostgresCluster, tmp_path: Path) -> None:
    url = postgres.create_database("wrongsecret")
    with HubServer(tmp_path / "a", env=server_env(url)):
        pass
    server = HubServer(tmp_path / "b", env=server_env(url))
    with pytest.raises(RuntimeError, match="does not match"):
        server.start()


def test_a_postgresql_older_than_supported_is_a_clear_startup_error(
    postgres: PostgresCluster, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The cluster here is newer than 13; the check is the same with the minimum raised.
    db = Database(postgres.create_database("tooold"))

    async def check() -> None:
        try:
            monkeypatch.setattr(migrate, "POSTGRESQL_MINIMUM", 990000)
            with pytest.raises(UnsupportedDatabaseError, match=r"^PostgreSQL \d+ is not supported"):
                await migrate.upgrade(db)
            monkeypatch.undo()
            await migrate.upgrade(db)
        finally:
            await db.dispose()

    asyncio.run(check())


def test_concurrent_migrations_on_an_empty_database(
    postgres: PostgresCluster, tmp_path: Path
) -> None:
    """Several processes applying the migrations at the same moment: one does the work, the
    others wait for its commit and find nothing left to do."""
    env = {**os.environ, **server_env(postgres.create_database("race"))}
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "camunda_hub",
                "db",
                "upgrade",
                "--data-dir",
                str(tmp_path / str(i)),
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for i in range(3)
    ]
    outputs = [process.communicate(timeout=120)[0] for process in processes]
    assert [process.returncode for process in processes] == [0, 0, 0], outputs
    assert len({output.strip() for output in outputs}) == 1


def test_requests_beyond_the_pool_wait_for_its_connections(
    postgres: PostgresCluster, tmp_path: Path
) -> None:
    """``CAMUNDA_HUB_DB_POOL_SIZE`` bounds the server's connections, and a burst of writes wider
    than the pool queues for them: every write succeeds, and no backend is opened per request
    (the connections seen during the burst are the same ones afterwards)."""
    database = postgres.create_database("pool")
    # Without the LISTEN connection of events/pg_wakeups.py, which lives outside the pool.
    env = {
        **server_env(database),
        "CAMUNDA_HUB_DB_POOL_SIZE": "3",
        "CAMUNDA_HUB_EVENT_NOTIFY": "false",
    }
    name = database.rsplit("/", 1)[1]
    pooled = (
        f"SELECT pid FROM pg_stat_activity WHERE datname = '{name}' "
        "AND pid <> pg_backend_pid() ORDER BY pid"
    )
    with HubServer(tmp_path / "data", env=env) as server:
        creds = server.create_client("create", "read", name="burst")
        api = httpx.Client(
            base_url=f"{server.url}/api/v2",
            headers={"Authorization": f"Bearer {server.token(creds)}"},
            timeout=60,
        )
        with api:
            workspace = api.post("/workspaces", json={"name": "Pool"}).json()
            project = api.post(
                "/projects", json={"name": "Burst", "workspaceKey": workspace["workspaceKey"]}
            ).json()

            def create(n: int) -> int:
                response = api.post(
                    "/files",
                    json={
                        "name": f"f{n}",
                        "projectKey": project["projectKey"],
                        "type": "form",
                        "content": "{}",
                    },
                )
                return response.status_code

            with ThreadPoolExecutor(12) as pool:
                statuses = list(pool.map(create, range(48)))
            during = postgres.psql(pooled, name).split()
            with ThreadPoolExecutor(12) as pool:
                statuses += list(pool.map(create, range(48, 96)))
            after = postgres.psql(pooled, name).split()
            listed = api.get(f"/projects/{project['projectKey']}").json()
    assert statuses == [200] * 96
    assert len({file["name"] for file in listed["content"]["files"]}) == 96
    assert 1 <= len(after) <= 3, after
    assert set(after) <= set(during), (during, after)
