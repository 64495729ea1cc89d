"""How soon a long poll (``GET /events?wait=…``) wakes for a commit, with three server
processes on one PostgreSQL database: the commit made on process A, the poll waiting on
process B (woken by A's NOTIFY, events/pg_wakeups.py), on process C (started with
``CAMUNDA_HUB_EVENT_NOTIFY=false``: it sees the commit by its poll of the event counters), and
on A itself (the committing process wakes its own waiters at once).

    .venv/bin/python -m bench.feed_wakeup [--rounds 40]

Latency is measured from the writer's response (the commit is done) to the poller's response;
each round starts at a random moment, so the counter poll's phase is sampled evenly."""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]

import httpx  # noqa: E402
from tests.support.postgres import PostgresCluster, server_env  # noqa: E402
from tests.support.server import ALL_PERMISSIONS, HubServer  # noqa: E402


def _head(api: httpx.Client) -> int:
    after = 0
    while True:
        page = api.get("/events", params={"after": after, "limit": 1000}).json()
        if not page["items"]:
            return int(page["nextAfter"])
        after = page["nextAfter"]


def _round(writer: httpx.Client, poller: httpx.Client, n: int) -> float:
    start = _head(poller)
    woke: dict[str, Any] = {}

    def poll() -> None:
        page = poller.get("/events", params={"after": start, "wait": 10}).json()
        woke["at"] = time.perf_counter()
        woke["items"] = len(page["items"])

    thread = threading.Thread(target=poll)
    thread.start()
    time.sleep(0.3 + random.random() * 0.5)
    response = writer.post("/workspaces", json={"name": f"wake {n}"})
    committed = time.perf_counter()
    response.raise_for_status()
    thread.join(15)
    if not woke.get("items"):
        raise RuntimeError("the long poll ended without the event")
    return (woke["at"] - committed) * 1000


def _summary(label: str, values: list[float]) -> str:
    ordered = sorted(values)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return (
        f"{label:<34} n={len(values):>3}  p50 {statistics.median(values):7.1f} ms  "
        f"p99 {p99:7.1f} ms  max {ordered[-1]:7.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args()
    cluster = PostgresCluster().start()
    servers: list[HubServer] = []
    try:
        env = {**server_env(cluster.create_database("wakeup")), "CAMUNDA_HUB_ACCESS_LOG": "false"}
        with tempfile.TemporaryDirectory(prefix="bench-wakeup-") as tmp:
            a = HubServer(Path(tmp) / "a", env=env).start()
            servers.append(a)
            b = HubServer(Path(tmp) / "b", env=env).start()
            servers.append(b)
            quiet = {**env, "CAMUNDA_HUB_EVENT_NOTIFY": "false"}
            c = HubServer(Path(tmp) / "c", env=quiet).start()
            servers.append(c)
            creds = a.create_client(*ALL_PERMISSIONS, name="wakeup")
            b.wait_for_client(creds)
            c.wait_for_client(creds)
            with a.api(creds) as api_a, b.api(creds) as api_b, c.api(creds) as api_c:
                _round(api_a, api_b, -1)  # warm-up: connections, tokens
                _round(api_a, api_c, -1)
                notified, polled, same = [], [], []
                for n in range(args.rounds):
                    # Interleaved, so load swings hit every series alike.
                    notified.append(_round(api_a, api_b, n))
                    polled.append(_round(api_a, api_c, n))
                    same.append(_round(api_a, api_a, n))
            print(_summary("other process, LISTEN/NOTIFY", notified))
            print(_summary("other process, counter poll only", polled))
            print(_summary("same process (commit listener)", same))
    finally:
        for server in servers:
            server.stop()
        cluster.stop()


if __name__ == "__main__":
    main()
