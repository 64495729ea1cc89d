"""HTTP load with wrk on 127.0.0.1: throughput and latency percentiles of one request shape."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from bench.context import BenchContext
from bench.memory import cpu_seconds
from bench.procs import ProcessFailed, pinned, run_bounded

SCRIPT = Path(__file__).with_name("wrk_report.lua")


class LoadError(RuntimeError):
    pass


@dataclass(frozen=True)
class Load:
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    errors: int  # socket errors, timeouts and non-2xx/3xx answers
    # CPU time the server used meanwhile (None: not measured). On a shared machine other
    # processes take turns on the server's core; requests per CPU-second is what one core
    # the server had to itself would serve.
    server_cpu: float | None = None

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def per_cpu_second(self) -> float | None:
        if not self.server_cpu:
            return None
        return self.requests / self.server_cpu


def require_wrk() -> str:
    path = shutil.which("wrk")
    if path is None:
        raise LoadError("wrk is not installed (Debian: apt-get install wrk)")
    return path


def run_wrk(
    ctx: BenchContext,
    url: str,
    *,
    seconds: float,
    method: str = "GET",
    body: str | None = None,
    authorization: str | None = None,
    server_pid: int | None = None,
) -> Load:
    if not url.startswith("http://127.0.0.1:"):
        raise LoadError(f"refusing to load anything but 127.0.0.1: {url}")
    argv = pinned(
        ctx.load_core,
        [
            require_wrk(),
            "--threads",
            "1",
            "--connections",
            str(ctx.connections),
            "--duration",
            f"{max(1, round(seconds))}s",
            "--timeout",
            "10s",
            "--script",
            str(SCRIPT),
            url,
        ],
    )
    ctx.record(argv)
    ctx.progress(f"wrk {method} {url} for {max(1, round(seconds))}s")
    env = {**os.environ, "BENCH_METHOD": method}
    if body is not None:
        env["BENCH_BODY"] = body
    if authorization is not None:
        env["BENCH_AUTHORIZATION"] = authorization
    cpu_before = cpu_seconds(server_pid) if server_pid is not None else None
    try:
        result = run_bounded(argv, timeout=seconds + 30, env=env)
    except ProcessFailed as exc:
        raise LoadError(str(exc)) from exc
    for line in result.stdout.splitlines():
        if line.startswith("BENCH_RESULT "):
            data = json.loads(line.removeprefix("BENCH_RESULT "))
            break
    else:
        raise LoadError(f"wrk printed no result (exit {result.returncode}): {result.stderr[-500:]}")
    cpu_after = cpu_seconds(server_pid) if server_pid is not None else None
    server_cpu = (
        cpu_after - cpu_before if cpu_before is not None and cpu_after is not None else None
    )
    errors = sum(
        data[key]
        for key in ("connect_errors", "read_errors", "write_errors", "status_errors", "timeouts")
    )
    if errors:
        # A refused or failed request is not served work: the figure would be a lie.
        raise LoadError(f"{errors} of {data['requests']} requests to {url} failed under load")
    return Load(
        requests=data["requests"],
        seconds=data["duration_us"] / 1e6,
        p50_ms=data["p50_us"] / 1000,
        p99_ms=data["p99_us"] / 1000,
        errors=errors,
        server_cpu=server_cpu,
    )
