from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from tests.support.postgres import PostgresCluster
from tests.support.postgres import server_env as postgres_server_env
from tests.support.server import ALL_PERMISSIONS, Credentials, HubServer

# The session servers may call receivers the tests run on 127.0.0.1 (fake clusters, webhook
# receivers); without it the outbound policy refuses loopback addresses.
LOCAL_OUTBOUND = {"CAMUNDA_HUB_OUTBOUND_ALLOW": "127.0.0.1/32"}

# Next to the checkout (``/work/shared/reference`` for ``/work/main``); elsewhere (a worktree)
# point CAMUNDA_HUB_TEST_REFERENCE at it.
REFERENCE = Path(
    os.environ.get(
        "CAMUNDA_HUB_TEST_REFERENCE",
        Path(__file__).resolve().parents[1].parent / "shared" / "reference",
    )
)


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresCluster]:
    """A throwaway PostgreSQL cluster for the session (started on first use)."""
    cluster = PostgresCluster().start()
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session")
def pg_hub(
    tmp_path_factory: pytest.TempPathFactory, postgres: PostgresCluster
) -> Iterator[HubServer]:
    """Like ``hub``, but on its own database of the session's PostgreSQL cluster."""
    env = postgres_server_env(postgres.create_database("pg_hub"))
    env.update(LOCAL_OUTBOUND)
    server = HubServer(tmp_path_factory.mktemp("pg-hub-data"), env=env)
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def hub(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[HubServer]:
    """One server for the whole session (SQLite in a temp data folder; PostgreSQL when the
    suite runs with ``CAMUNDA_HUB_TEST_DATABASE=postgres``). Tests that need their own server
    configuration start a HubServer themselves."""
    if os.environ.get("CAMUNDA_HUB_TEST_DATABASE") == "postgres":
        yield request.getfixturevalue("pg_hub")
        return
    server = HubServer(tmp_path_factory.mktemp("hub-data"), env=LOCAL_OUTBOUND)
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def admin_creds(hub: HubServer) -> Credentials:
    """A client with every permission in the default organization."""
    return hub.create_client(*ALL_PERMISSIONS, name="all-permissions")


@pytest.fixture(scope="session")
def api(hub: HubServer, admin_creds: Credentials) -> Iterator[httpx.Client]:
    with hub.api(admin_creds) as client:
        yield client


@pytest.fixture(scope="session")
def api_with(hub: HubServer) -> Iterator[Callable[..., httpx.Client]]:
    """``api_with("read")`` → an /api/v2 client whose token has only those permissions
    (cached per permission set for the session)."""
    made: dict[tuple[str, ...], httpx.Client] = {}

    def factory(*permissions: str) -> httpx.Client:
        key = tuple(sorted(permissions))
        if key not in made:
            made[key] = hub.api(hub.create_client(*key, name="-".join(key)))
        return made[key]

    yield factory
    for client in made.values():
        client.close()


@pytest.fixture(scope="session")
def other_org_api(hub: HubServer) -> Iterator[httpx.Client]:
    """A client with every permission in a second organization."""
    org = hub.create_org("Other organization")
    with hub.api(hub.create_client(*ALL_PERMISSIONS, org=org, name="other-org")) as client:
        yield client


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Files with a test marked ``slow`` run first (each file stays whole): under
    ``--dist loadfile --no-loadscope-reorder`` (scripts/test) the workers start on the long
    files and finish on the many short ones, instead of one worker ending alone on a long one."""
    slow_files = {item.path for item in items if item.get_closest_marker("slow")}
    items.sort(key=lambda item: item.path not in slow_files)
