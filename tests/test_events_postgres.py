"""The change feed and webhooks with two server processes on one PostgreSQL database:
concurrent writers on both → a reader following ``after`` sees every event exactly once, in
sequence without gaps; a long poll on one process wakes for a commit on the other; a webhook
fed by both processes gets every event exactly once (no attempt made twice)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest

from tests.support.postgres import PostgresCluster, server_env
from tests.support.server import ALL_PERMISSIONS, HubServer

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def pair(
    postgres: PostgresCluster, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[httpx.Client, httpx.Client]]:
    env = {
        **server_env(postgres.create_database("events_pair")),
        "CAMUNDA_HUB_OUTBOUND_ALLOW": "127.0.0.1/32",
        "CAMUNDA_HUB_WEBHOOK_RETRY_SCALE": "0.002",
        "CAMUNDA_HUB_ACCESS_LOG": "false",
    }
    a = HubServer(tmp_path_factory.mktemp("ev-a"), env=env).start()
    b = HubServer(tmp_path_factory.mktemp("ev-b"), env=env).start()
    try:
        creds = a.create_client(*ALL_PERMISSIONS, name="events")
        b.wait_for_client(creds)
        with a.api(creds) as api_a, b.api(creds) as api_b:
            yield api_a, api_b
    finally:
        a.stop()
        b.stop()


def _head(api: httpx.Client) -> int:
    after = 0
    while True:
        page = api.get("/events", params={"after": after, "limit": 1000}).json()
        if not page["items"]:
            return int(page["nextAfter"])
        after = page["nextAfter"]


def test_concurrent_writers_on_two_processes_leave_no_gap_and_no_duplicate(
    pair: tuple[httpx.Client, httpx.Client],
) -> None:
    api_a, api_b = pair
    start = _head(api_a)
    writers, per_writer = 8, 20
    created: list[str] = []
    seen: list[dict[str, Any]] = []
    done = threading.Event()

    def write(n: int) -> None:
        api = api_a if n % 2 else api_b
        for i in range(per_writer):
            response = api.post("/workspaces", json={"name": f"w{n}-{i}"})
            assert response.status_code == 200, response.text
            created.append(response.json()["workspaceKey"])

    def read() -> None:
        # Follows the feed while the writers run, as a CI consumer would.
        after = start
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            page = api_b.get("/events", params={"after": after, "wait": 1}).json()
            seen.extend(page["items"])
            after = page["nextAfter"]
            if done.is_set() and len(seen) >= writers * per_writer:
                return

    reader = threading.Thread(target=read)
    reader.start()
    with ThreadPoolExecutor(writers) as pool:
        list(pool.map(write, range(writers)))
    done.set()
    reader.join(70)
    sequences = [event["sequence"] for event in seen]
    assert sequences == list(range(start + 1, start + 1 + writers * per_writer))
    assert sorted(event["resource"]["key"] for event in seen) == sorted(created)


def test_a_long_poll_on_one_process_wakes_for_a_commit_on_the_other(
    pair: tuple[httpx.Client, httpx.Client],
) -> None:
    api_a, api_b = pair
    start = _head(api_a)
    result: dict[str, Any] = {}

    def poll() -> None:
        result["page"] = api_b.get("/events", params={"after": start, "wait": 10}).json()
        result["at"] = time.monotonic()

    poller = threading.Thread(target=poll)
    poller.start()
    time.sleep(0.5)
    committed = time.monotonic()
    assert api_a.post("/workspaces", json={"name": "cross"}).status_code == 200
    poller.join(15)
    assert [e["data"]["name"] for e in result["page"]["items"]] == ["cross"]
    assert result["at"] - committed < 1.5


def test_a_webhook_fed_by_two_processes_gets_each_event_exactly_once(
    pair: tuple[httpx.Client, httpx.Client],
) -> None:
    api_a, api_b = pair
    received: list[dict[str, Any]] = []
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            with lock:
                received.append({"id": self.headers["webhook-id"], "event": json.loads(body)})
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/hook"
        hook = api_a.post("/webhooks", json={"url": url, "types": ["workspace"]})
        assert hook.status_code == 200, hook.text
        count = 40
        with ThreadPoolExecutor(4) as pool:
            list(
                pool.map(
                    lambda n: (api_a if n % 2 else api_b).post(
                        "/workspaces", json={"name": f"hooked{n}"}
                    ),
                    range(count),
                )
            )
        deadline = time.monotonic() + 30
        while len(received) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(1.0)  # anything sent twice would arrive now
        ids = [item["id"] for item in received]
        assert len(ids) == count and len(set(ids)) == count
        sequences = [item["event"]["sequence"] for item in received]
        assert sequences == sorted(sequences)
        log = api_b.post(
            f"/webhooks/{hook.json()['webhookKey']}/deliveries/search",
            json={"page": {"limit": 1000}},
        ).json()["items"]
        assert len(log) == count and all(a["delivered"] and a["attempt"] == 1 for a in log)
    finally:
        server.shutdown()
        server.server_close()
