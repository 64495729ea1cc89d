"""Benchmark: start-up of the SDK, the CLI and the server.

    .venv/bin/python -m bench.startup [--quick] [--runs 5]

Each command runs ``--runs`` times as a fresh process; printed are the median wall time and the
median CPU time (user + system, from ``getrusage``) of the process. On a shared machine the wall
time includes the queue for a core; the CPU time is what the command costs.

- ``import camunda_hub.client`` and ``from camunda_hub.client import HubClient`` (≤ 150 ms);
- ``camunda-hub --help`` and ``camunda-hub token`` against a running server (≤ 300 ms);
- ``camunda-hub serve`` on an existing database until ``/health/ready`` answers (≤ 1.5 s).

The commands run as from a pip install, which byte-compiles every module when it installs them:
with a bytecode cache (a fresh ``PYTHONPYCACHEPREFIX``, filled by one untimed run of each
command), also when the environment sets ``PYTHONDONTWRITEBYTECODE``; without one, an editable
install compiles each of camunda-hub's modules from source on every start. The server start is
also timed that way, for comparison (no target)."""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
from tests.support.server import AUDIENCE, Credentials, HubServer  # noqa: E402

if TYPE_CHECKING:
    from bench.context import BenchContext
    from bench.report import Row

PYTHON = sys.executable
CLI = [PYTHON, "-m", "camunda_hub"]


@dataclass
class Timing:
    what: str
    wall_s: float
    cpu_s: float
    target_s: float
    # Requests to the server, timed by the client: no CPU time of their own.
    wall_only: bool = False


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(argv: list[str], env: dict[str, str], runs: int) -> tuple[float, float]:
    walls, cpus = [], []
    # Untimed: fills the bytecode cache, as installing the package does.
    subprocess.run(argv, env=env, check=True, capture_output=True, timeout=60)
    for _ in range(runs):
        cpu, started = _children_cpu(), time.perf_counter()
        subprocess.run(argv, env=env, check=True, capture_output=True, timeout=60)
        walls.append(time.perf_counter() - started)
        cpus.append(_children_cpu() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def _first_requests(url: str, creds: Credentials) -> float:
    """Wall time of the first token request and the first ``GET /api/v2/info`` with it."""
    started = time.perf_counter()
    token = httpx.post(
        f"{url}/oauth/token",
        data={
            "grant_type": "client_credentials",
            "audience": AUDIENCE,
            "client_id": creds.client_id,
            "client_secret": creds.client_secret,
        },
        timeout=30,
    )
    token.raise_for_status()
    bearer = {"Authorization": f"Bearer {token.json()['access_token']}"}
    httpx.get(f"{url}/api/v2/info", headers=bearer, timeout=30).raise_for_status()
    return time.perf_counter() - started


def _serve_until_ready(
    data_dir: Path,
    env: dict[str, str],
    runs: int,
    creds: Credentials | None = None,
    first: list[float] | None = None,
) -> tuple[float, float]:
    """``serve`` on an existing database (the first start, not timed, creates it); with
    ``creds``, the first requests after readiness are timed into ``first``."""
    walls, cpus = [], []
    port = 18000 + os.getpid() % 1000
    argv = [*CLI, "serve", "--host", "127.0.0.1", "--port", str(port), "--data-dir", str(data_dir)]
    for attempt in range(runs + 1):
        started = time.perf_counter()
        process = subprocess.Popen(
            argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            deadline = started + 60
            while time.perf_counter() < deadline:
                try:
                    if httpx.get(f"http://127.0.0.1:{port}/health/ready").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                time.sleep(0.01)
            wall = time.perf_counter() - started
            with open(f"/proc/{process.pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
            if creds is not None and first is not None and attempt:
                first.append(_first_requests(f"http://127.0.0.1:{port}", creds))
        finally:
            process.terminate()
            process.wait(20)
        if attempt:
            walls.append(wall)
            cpus.append(cpu)
    return statistics.median(walls), statistics.median(cpus)


def measure(runs: int) -> list[Timing]:
    with tempfile.TemporaryDirectory(prefix="bench-startup-pyc-") as pycache:
        return _measure(runs, pycache)


def _measure(runs: int, pycache: str) -> list[Timing]:
    plain = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env = {**plain, "CAMUNDA_HUB_ACCESS_LOG": "false", "PYTHONPYCACHEPREFIX": pycache}
    timings: list[Timing] = []

    def add(what: str, target: float, run: Callable[[], tuple[float, float]]) -> None:
        wall, cpu = run()
        timings.append(Timing(what, wall, cpu, target))

    add(
        "python -c 'pass' (the interpreter alone)",
        0,
        lambda: _timed([PYTHON, "-c", "pass"], env, runs),
    )
    add(
        "import camunda_hub.client",
        0.15,
        lambda: _timed([PYTHON, "-c", "import camunda_hub.client"], env, runs),
    )
    add(
        "from camunda_hub.client import HubClient",
        0.15,
        lambda: _timed([PYTHON, "-c", "from camunda_hub.client import HubClient"], env, runs),
    )
    add("camunda-hub --help", 0.3, lambda: _timed([*CLI, "--help"], env, runs))
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as work:
        data_dir = Path(work) / "hub"
        with HubServer(data_dir) as server:
            creds = server.create_client("read", name="startup")
            client_env = {**env, **server.client_env(creds)}
            add("camunda-hub token", 0.3, lambda: _timed([*CLI, "token"], client_env, runs))
        first: list[float] = []
        add(
            "camunda-hub serve until ready (existing database)",
            1.5,
            lambda: _serve_until_ready(data_dir, env, runs, creds, first),
        )
        # Readiness must mean ready: the first requests pay no deferred start-up work.
        timings.append(
            Timing("then 1st token + 1st GET /api/v2/info", statistics.median(first), 0, 0, True)
        )
        uncompiled = {**env, "PYTHONDONTWRITEBYTECODE": "1"}
        del uncompiled["PYTHONPYCACHEPREFIX"]
        add(
            "camunda-hub serve until ready, no bytecode cache",
            0,
            lambda: _serve_until_ready(data_dir, uncompiled, runs),
        )
    return timings


def print_results(timings: list[Timing]) -> None:
    print(f"{'command':<52} {'wall s':>7} {'cpu s':>7} {'target':>7}")
    for t in timings:
        target = f"{t.target_s:.2f}" if t.target_s else ""
        cpu = "" if t.wall_only else f"{t.cpu_s:.3f}"
        print(f"{t.what:<52} {t.wall_s:>7.3f} {cpu:>7} {target:>7}")


def rows(timings: list[Timing]) -> list[Row]:
    from bench.report import Row

    return [
        Row(
            "Start-up",
            t.what,
            f"wall {t.wall_s * 1000:,.0f} ms"
            if t.wall_only
            else f"CPU {t.cpu_s * 1000:,.0f} ms, wall {t.wall_s * 1000:,.0f} ms",
            f"≤ {t.target_s * 1000:,.0f} ms (CPU)" if t.target_s else "",
            (t.cpu_s <= t.target_s) if t.target_s else None,
        )
        for t in timings
    ]


def run_in_harness(ctx: BenchContext) -> list[Row]:
    runs = 1 if ctx.smoke else 3 if ctx.quick else 5
    ctx.progress(f"start-up: {runs} runs per command")
    timings = measure(runs)
    print_results(timings)
    ctx.record([PYTHON, "-m", "bench.startup", "--runs", str(runs)])
    return rows(timings)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="3 runs per command")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    print_results(measure(3 if args.quick else args.runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
