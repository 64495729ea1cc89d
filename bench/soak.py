"""Soak: bounded load on two camunda-hub processes sharing one throwaway PostgreSQL (loopback
only), then the figures: requests, status classes, latency percentiles and each process's RSS
at the start and the end. Exit status 1 when any request got a 5xx.

    .venv/bin/python -m bench.soak --minutes 10 --clients 6
    .venv/bin/python -m bench.soak --smoke      # seconds; the test suite runs this

Each simulated client behaves like the SDK: it caches its token and asks for a new one only
shortly before it expires (every ``--token-every`` requests here, to keep token issuance in the
mix), and alternates between the two processes as a load balancer would."""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.postgres import PostgresCluster, server_env
from tests.support.server import Credentials, HubServer


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


class Stats:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.statuses: Counter[int] = Counter()
        self.latencies: list[float] = []
        self.errors: Counter[str] = Counter()
        self.token_requests = 0

    def record(self, status: int, seconds: float) -> None:
        with self.lock:
            self.statuses[status] += 1
            self.latencies.append(seconds)


def _mixed_round(api: httpx.Client, rng: random.Random, stats: Stats) -> None:
    def call(method: str, url: str, **kwargs: object) -> httpx.Response:
        started = time.perf_counter()
        response = api.request(method, url, **kwargs)  # type: ignore[arg-type]
        stats.record(response.status_code, time.perf_counter() - started)
        return response

    workspace = call("POST", "/workspaces", json={"name": f"soak {rng.randrange(10**6)}"})
    if workspace.status_code != 200:
        return
    ws_key = workspace.json()["workspaceKey"]
    call("GET", f"/workspaces/{ws_key}")
    call(
        "POST",
        "/workspaces/search",
        json={"filter": {"name": {"$like": "soak*"}}, "page": {"limit": 20}},
    )
    project = call("POST", "/projects", json={"name": "p", "workspaceKey": ws_key})
    if project.status_code == 200:
        project_key = project.json()["projectKey"]
        created = call(
            "POST",
            "/files",
            json={"name": "n", "projectKey": project_key, "type": "markdown", "content": "x"},
        )
        if created.status_code == 200:
            file = created.json()
            for edit in range(3):
                patched = call(
                    "PATCH",
                    f"/files/{file['fileKey']}",
                    json={"revision": file["revision"], "content": "x" * (edit + 2)},
                )
                if patched.status_code != 200:
                    break
                file = patched.json()
            call("GET", f"/files/{file['fileKey']}")
    call("GET", "/info")
    if rng.random() < 0.5:
        call("DELETE", f"/workspaces/{ws_key}")


def _client_loop(
    servers: list[HubServer],
    creds: Credentials,
    stop: threading.Event,
    stats: Stats,
    token_every: int,
    seed: int,
) -> None:
    rng = random.Random(seed)
    token = ""
    used = token_every
    turn = seed
    while not stop.is_set():
        server = servers[turn % len(servers)]
        turn += 1
        try:
            if used >= token_every:
                started = time.perf_counter()
                response = server.request_token(creds)
                stats.record(response.status_code, time.perf_counter() - started)
                with stats.lock:
                    stats.token_requests += 1
                if response.status_code != 200:
                    time.sleep(1)
                    continue
                token, used = response.json()["access_token"], 0
            with httpx.Client(
                base_url=f"{server.url}/api/v2",
                headers={"Authorization": f"Bearer {token}"},
                timeout=30,
            ) as api:
                _mixed_round(api, rng, stats)
            used += 10
        except httpx.HTTPError as exc:
            with stats.lock:
                stats.errors[type(exc).__name__] += 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=6)
    parser.add_argument("--token-every", type=int, default=200, help="API requests per token")
    parser.add_argument("--warmup-seconds", type=float, default=15.0)
    parser.add_argument(
        "--smoke", action="store_true", help="seconds, not minutes: checks the script works"
    )
    args = parser.parse_args()
    if args.smoke:
        args.minutes, args.clients, args.warmup_seconds = 0.05, 2, 0.5

    cluster = PostgresCluster().start()
    servers: list[HubServer] = []
    root = Path(tempfile.mkdtemp(prefix="camunda-hub-soak-"))
    try:
        env = {
            **server_env(cluster.create_database("soak")),
            "CAMUNDA_HUB_ISSUER": "http://hub.soak.test",
            "CAMUNDA_HUB_ACCESS_LOG": "false",
            "CAMUNDA_HUB_SYNC_INTERVAL": "1",
        }
        for index in range(2):
            servers.append(HubServer(root / f"p{index}", env=env).start())
        creds = [
            servers[0].create_client(name=f"soak-{index}", wait=False)
            for index in range(args.clients)
        ]
        for item in creds:
            for server in servers:
                server.wait_for_client(item)

        stats = Stats()
        stop = threading.Event()
        threads = [
            threading.Thread(
                target=_client_loop,
                args=(servers, item, stop, stats, args.token_every, index),
                daemon=True,
            )
            for index, item in enumerate(creds)
        ]
        for thread in threads:
            thread.start()
        time.sleep(args.warmup_seconds)
        pids = [server.process.pid for server in servers if server.process is not None]
        rss_start = [rss_kib(pid) for pid in pids]
        with stats.lock:
            stats.statuses.clear()
            stats.latencies.clear()
        measured_from = time.monotonic()
        deadline = measured_from + args.minutes * 60
        while time.monotonic() < deadline:
            time.sleep(min(5.0, max(0.0, deadline - time.monotonic())))
        rss_end = [rss_kib(pid) for pid in pids]
        stop.set()
        for thread in threads:
            thread.join(60)
        elapsed = time.monotonic() - measured_from

        total = sum(stats.statuses.values())
        classes = Counter(f"{status // 100}xx" for status in stats.statuses.elements())
        latencies = sorted(stats.latencies)
        quantiles = statistics.quantiles(latencies, n=100) if len(latencies) > 100 else [0.0] * 99
        print(f"soak: {args.minutes:g} min on 2 processes, {args.clients} clients, PostgreSQL")
        print(
            f"requests: {total} ({total / elapsed:.0f}/s), token requests: {stats.token_requests}"
        )
        print(
            f"status classes: {dict(sorted(classes.items()))}; statuses: {dict(sorted(stats.statuses.items()))}"
        )
        print(f"transport errors: {dict(stats.errors) or 0}")
        print(
            f"latency ms: p50 {quantiles[49] * 1000:.1f}, p99 {quantiles[98] * 1000:.1f}, max {latencies[-1] * 1000 if latencies else 0:.1f}"
        )
        for index, (start, end) in enumerate(zip(rss_start, rss_end, strict=True)):
            print(
                f"process {index} RSS: start {start / 1024:.1f} MiB, end {end / 1024:.1f} MiB ({(end - start) / 1024:+.1f} MiB)"
            )
        return 1 if classes.get("5xx") or stats.errors else 0
    finally:
        for server in servers:
            server.stop()
        cluster.stop()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
