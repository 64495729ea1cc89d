"""Several server processes on one PostgreSQL: shared keys, revocation and rotation reaching every
process, throttling counted across processes, and ``serve --workers N``."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import jwt
import pytest

from tests.support.postgres import PostgresCluster, server_env
from tests.support.server import Credentials, HubServer

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

# Both servers poll the change feed every 0.2 s (HubServer's default in tests); the documented
# bound is CAMUNDA_HUB_SYNC_INTERVAL, so 5 s is generous on a loaded machine.
PROPAGATION_TIMEOUT = 5.0


@pytest.fixture(scope="module")
def pair(
    postgres: PostgresCluster, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[HubServer, HubServer]]:
    env = {
        **server_env(postgres.create_database("pair")),
        "CAMUNDA_HUB_LOCKOUT_AFTER_FAILURES": "3",
        "CAMUNDA_HUB_LOCKOUT_SECONDS": "30",
        "CAMUNDA_HUB_TOKEN_RATE_PER_CLIENT": "10",
        # Behind a load balancer every process publishes the one public issuer URL.
        "CAMUNDA_HUB_ISSUER": "http://hub.example.test",
    }
    a = HubServer(tmp_path_factory.mktemp("a"), env=env)
    b = HubServer(tmp_path_factory.mktemp("b"), env=env)
    try:
        # Started at the same moment on an empty database: the migrations must not race.
        with ThreadPoolExecutor(2) as pool:
            list(pool.map(lambda server: server.start(), (a, b)))
        yield a, b
    finally:
        a.stop()
        b.stop()


def test_a_token_from_one_process_works_on_the_other(pair: tuple[HubServer, HubServer]) -> None:
    a, b = pair
    creds = a.create_client("read", name="shared")
    b.wait_for_client(creds)
    assert b.info(a.token(creds)).status_code == 200
    assert a.info(b.token(creds)).status_code == 200


def test_a_client_new_to_one_process_is_looked_up_by_the_other(
    postgres: PostgresCluster, tmp_path: Path
) -> None:
    # Syncs far apart: only the look-ups can make the new client known to either process.
    env = {
        **server_env(postgres.create_database("lookup")),
        "CAMUNDA_HUB_SYNC_INTERVAL": "60",
        "CAMUNDA_HUB_ISSUER": "http://hub.example.test",
    }
    a = HubServer(tmp_path / "a", env=env)
    b = HubServer(tmp_path / "b", env=env)
    try:
        with ThreadPoolExecutor(2) as pool:
            list(pool.map(lambda server: server.start(), (a, b)))
        creds = a.create_client("read", name="new-to-both", wait=False)
        token = a.token(creds)
        # b has not seen the client: the bearer check looks it up instead of refusing.
        assert b.info(token).status_code == 200
        assert a.info(token).status_code == 200
        assert b.info(b.token(creds)).status_code == 200
    finally:
        a.stop()
        b.stop()


def test_revocation_on_one_reaches_both(pair: tuple[HubServer, HubServer]) -> None:
    a, b = pair
    creds = a.create_client("read", name="to-revoke")
    b.wait_for_client(creds)
    token = a.token(creds)
    assert b.info(token).status_code == 200
    a.cli("clients", "delete", creds.client_id)
    for server in (a, b):
        assert server.wait_until_refused(token, timeout=PROPAGATION_TIMEOUT).status_code == 401
        assert server.request_token(creds).status_code == 401


def test_key_rotation_reaches_both(pair: tuple[HubServer, HubServer]) -> None:
    a, b = pair
    creds = a.create_client("read", name="rotation")
    b.wait_for_client(creds)
    before = a.token(creds)
    old_kid = jwt.get_unverified_header(before)["kid"]
    a.cli("keys", "rotate")
    deadline = time.monotonic() + PROPAGATION_TIMEOUT
    new = before
    while time.monotonic() < deadline:
        new = a.token(creds)
        if jwt.get_unverified_header(new)["kid"] != old_kid:
            break
        time.sleep(0.1)
    assert jwt.get_unverified_header(new)["kid"] != old_kid
    deadline = time.monotonic() + PROPAGATION_TIMEOUT
    while b.info(new).status_code != 200 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert b.info(new).status_code == 200
    # Tokens signed with the retired key stay valid until they expire.
    assert b.info(before).status_code == 200
    jwks = httpx.get(f"{b.url}/.well-known/jwks.json").json()
    assert {old_kid, jwt.get_unverified_header(new)["kid"]} <= {key["kid"] for key in jwks["keys"]}


def test_lockout_is_shared_between_processes(pair: tuple[HubServer, HubServer]) -> None:
    a, b = pair
    creds = a.create_client("read", name="lock-shared")
    b.wait_for_client(creds)
    wrong = Credentials(creds.client_id, "wrong-" + "q" * 40)
    assert a.request_token(wrong).status_code == 401
    assert b.request_token(wrong).status_code == 401
    assert a.request_token(wrong).status_code == 401
    locked = b.request_token(creds)
    assert locked.status_code == 429
    assert int(locked.headers["Retry-After"]) > 1


def test_rate_limit_counts_across_processes(pair: tuple[HubServer, HubServer]) -> None:
    a, b = pair
    creds = a.create_client("read", name="rate-shared", wait=False)
    # No token requests while the client propagates: every request below counts.
    time.sleep(PROPAGATION_TIMEOUT / 2)
    if time.time() % 60 > 50:
        time.sleep(60.5 - time.time() % 60)
    statuses = [(a if i % 2 else b).request_token(creds).status_code for i in range(12)]
    # Ten per minute in total, whichever process answers; then both refuse.
    assert statuses == [200] * 10 + [429, 429]


def test_serve_with_workers(postgres: PostgresCluster, tmp_path: Path) -> None:
    metrics_token = "prometheus-" + "w" * 32
    env = {
        **server_env(postgres.create_database("workers")),
        # A secret setting reaches the workers as itself, not masked.
        "CAMUNDA_HUB_METRICS_TOKEN": metrics_token,
    }
    with HubServer(tmp_path, args=["--workers", "2"], env=env) as server:
        assert server.process is not None
        deadline = time.monotonic() + 30
        while server.output.count("Application startup complete") < 2:
            assert time.monotonic() < deadline, server.output
            time.sleep(0.1)
        children = subprocess.run(
            ["pgrep", "-P", str(server.process.pid)], capture_output=True, text=True
        ).stdout.split()
        assert len(children) >= 2
        creds = server.create_client("read", name="workers")
        token = server.token(creds)
        statuses = {server.info(token).status_code for _ in range(20)}
        assert statuses == {200}
        metrics = httpx.get(
            f"{server.url}/metrics", headers={"Authorization": f"Bearer {metrics_token}"}
        )
        assert metrics.status_code == 200
        server.cli("clients", "delete", creds.client_id)
        # Every worker learns about the revocation: many calls, spread over both workers.
        deadline = time.monotonic() + PROPAGATION_TIMEOUT
        while time.monotonic() < deadline:
            if {server.info(token).status_code for _ in range(10)} == {401}:
                break
            time.sleep(0.1)
        assert {server.info(token).status_code for _ in range(20)} == {401}
