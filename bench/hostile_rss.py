"""Server memory under hostile traffic: does RSS stay bounded?

Starts ``camunda-hub serve`` on a fresh data folder and, for ``--seconds``, sends from several
loopback addresses what an attacker would: token requests with random client ids and wrong
secrets, random paths and methods, oversized and slow headers, random bearer tokens. Prints the
server's RSS at start, its peak and at the end (MiB), and the request count. Not a test: the
figure goes in docs/benchmarks.md.

    .venv/bin/python -m bench.hostile_rss --quick      # 20 s
    .venv/bin/python -m bench.hostile_rss --seconds 60
"""

from __future__ import annotations

import argparse
import os
import random
import re
import socket
import string
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx


def _rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _junk(n: int) -> str:
    return "".join(random.choices(string.ascii_letters + string.digits, k=n))


def _attacker(url: str, address: str, stop: threading.Event, counts: list[int]) -> None:
    transport = httpx.HTTPTransport(local_address=address)
    with httpx.Client(base_url=url, transport=transport, timeout=10) as client:
        while not stop.is_set():
            kind = random.randrange(4)
            try:
                if kind == 0:
                    client.post(
                        "/oauth/token",
                        data={
                            "grant_type": "client_credentials",
                            "client_id": _junk(random.randrange(1, 64)),
                            "client_secret": _junk(43),
                        },
                    )
                elif kind == 1:
                    method = random.choice(["GET", "PUT", "HEAD", "OPTIONS", "BREW"])
                    client.request(method, f"/api/v2/{_junk(8)}/{_junk(random.randrange(1, 200))}")
                elif kind == 2:
                    token = f"{_junk(20)}.{_junk(200)}.{_junk(80)}"
                    client.get("/api/v2/info", headers={"Authorization": f"Bearer {token}"})
                else:
                    client.get("/health/live", headers={"X-Big": _junk(12_000)})
            except httpx.HTTPError:
                pass
            counts[0] += 1


def _slow(host: str, port: int, stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            with socket.create_connection((host, port), timeout=5) as sock:
                sock.sendall(b"GET /health/live HTTP/1.1\r\nHost: x\r\n")
                for _ in range(20):
                    if stop.is_set():
                        return
                    sock.sendall(b"X-Slow: 1\r\n")
                    time.sleep(1)
        except OSError:
            time.sleep(0.2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--quick", action="store_true", help="20 s")
    parser.add_argument("--threads", type=int, default=6)
    parser.add_argument("--slow", type=int, default=100, help="slow-header connections")
    args = parser.parse_args()
    seconds = 20.0 if args.quick else min(args.seconds, 600)
    data = tempfile.mkdtemp(prefix="hostile-rss-")
    argv = [sys.executable, "-m", "camunda_hub", "serve", "--port", "0", "--data-dir", data]
    env = {**os.environ, "CAMUNDA_HUB_ACCESS_LOG": "false"}
    server = subprocess.Popen(
        argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        url = ""
        assert server.stdout is not None
        for line in server.stdout:
            match = re.search(r"camunda-hub listening on (http://\S+)", line)
            if match:
                url = match.group(1)
            if url and "Application startup complete" in line:
                break
        threading.Thread(target=lambda: [None for _ in server.stdout or []], daemon=True).start()
        parsed = httpx.URL(url)
        host, port = parsed.host, parsed.port or 80
        start = _rss_mib(server.pid)
        stop = threading.Event()
        counts = [0]
        workers = [
            threading.Thread(target=_attacker, args=(url, f"127.0.0.{2 + i}", stop, counts))
            for i in range(args.threads)
        ]
        workers += [
            threading.Thread(target=_slow, args=(host, port, stop)) for _ in range(args.slow)
        ]
        for worker in workers:
            worker.start()
        peak = start
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            time.sleep(1)
            peak = max(peak, _rss_mib(server.pid))
        stop.set()
        for worker in workers:
            worker.join(timeout=10)
        end = _rss_mib(server.pid)
        print(
            f"hostile load {seconds:.0f} s: {counts[0]} requests, {args.slow} slow connections; "
            f"RSS start {start:.0f} MiB, peak {peak:.0f} MiB, end {end:.0f} MiB"
        )
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
