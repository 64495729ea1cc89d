"""Benchmark: file creates/s and updates/s with 1, 8 and 32 concurrent keep-alive clients, on
SQLite and PostgreSQL.

    .venv/bin/python -m bench.writes                  # both databases (PostgreSQL if installed)
    .venv/bin/python -m bench.writes --quick          # 2 s per phase
    .venv/bin/python -m bench.writes --database sqlite --levels 1,32

For each database a real server (``camunda-hub serve``, default configuration: access log and
throttle on) runs pinned to one core; the clients run here, on the other core, each with its own
keep-alive connection. Per concurrency level: a fresh project, ``POST /files`` for a fixed time
from every client at once, then ``PATCH /files/{key}`` (content edit, revision-checked) of each
client's own files round-robin for the same time. Afterwards the project is read back: every
acknowledged create must be there and every file must carry the revision its last acknowledged
update returned (nothing lost), and no response may be a 5xx.

Also printed: the sequential ``POST /files`` p50 against the ``GET /api/v2/info`` p50 of the same
server (the floor every authenticated call pays)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
from tests.support.postgres import PostgresCluster  # noqa: E402
from tests.support.postgres import server_env as postgres_env  # noqa: E402
from tests.support.server import HubServer  # noqa: E402

if TYPE_CHECKING:
    from bench.context import BenchContext
    from bench.report import Row

DATABASES = ("sqlite", "postgres")
LEVELS = (1, 8, 32)
FLOOR_CALLS = 200
SEQUENTIAL_RATIO_TARGET = 2.5


def bpmn(name: str, revision: int = 0) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
        f'id="d-{name}" targetNamespace="http://bpmn.io/schema/bpmn">\n'
        f'  <bpmn:process id="p-{name}" isExecutable="true">\n'
        f'    <bpmn:startEvent id="start" name="edit {revision}"/>\n'
        "  </bpmn:process>\n</bpmn:definitions>\n"
    )


@dataclass
class Phase:
    done: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # of the server process (all threads) during the phase

    @property
    def rate(self) -> float:
        return self.done / self.seconds if self.seconds else 0.0

    @property
    def per_cpu_second(self) -> float:
        return self.done / self.cpu_seconds if self.cpu_seconds else 0.0

    @property
    def server_errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if status >= 500)

    def p50_ms(self) -> float:
        return statistics.median(self.latencies) * 1000 if self.latencies else 0.0


@dataclass
class Level:
    database: str
    clients: int
    creates: Phase
    updates: Phase
    lost: int  # acknowledged writes not found when read back


async def _create_phase(
    clients: list[httpx.AsyncClient], project_key: str, seconds: float
) -> tuple[Phase, list[dict[str, int]]]:
    phase = Phase()
    owned: list[dict[str, int]] = [{} for _ in clients]
    deadline = time.perf_counter() + seconds

    async def work(n: int, client: httpx.AsyncClient) -> None:
        i = 0
        while time.perf_counter() < deadline:
            name = f"c{n:02d}-{i:05d}"
            i += 1
            started = time.perf_counter()
            response = await client.post(
                "/files",
                json={
                    "name": name,
                    "projectKey": project_key,
                    "type": "bpmn",
                    "content": bpmn(name),
                },
            )
            phase.latencies.append(time.perf_counter() - started)
            phase.statuses[response.status_code] += 1
            if response.status_code == 200:
                body = response.json()
                owned[n][body["fileKey"]] = body["revision"]
                phase.done += 1

    started = time.perf_counter()
    await asyncio.gather(*(work(n, c) for n, c in enumerate(clients)))
    phase.seconds = time.perf_counter() - started
    return phase, owned


async def _update_phase(
    clients: list[httpx.AsyncClient], owned: list[dict[str, int]], seconds: float
) -> Phase:
    phase = Phase()
    deadline = time.perf_counter() + seconds

    async def work(n: int, client: httpx.AsyncClient) -> None:
        files = owned[n]
        keys = list(files)
        i = 0
        while keys and time.perf_counter() < deadline:
            key = keys[i % len(keys)]
            i += 1
            started = time.perf_counter()
            response = await client.patch(
                f"/files/{key}", json={"revision": files[key], "content": bpmn(key, i)}
            )
            phase.latencies.append(time.perf_counter() - started)
            phase.statuses[response.status_code] += 1
            if response.status_code == 200:
                files[key] = response.json()["revision"]
                phase.done += 1

    started = time.perf_counter()
    await asyncio.gather(*(work(n, c) for n, c in enumerate(clients)))
    phase.seconds = time.perf_counter() - started
    return phase


async def _read_back(client: httpx.AsyncClient, project_key: str) -> dict[str, int]:
    response = await client.get(f"/projects/{project_key}")
    response.raise_for_status()
    return {f["fileKey"]: f["revision"] for f in response.json()["content"]["files"]}


def server_cpu_seconds(pid: int) -> float:
    """CPU time of every thread of the process so far, in ns resolution (schedstat)."""
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(FileNotFoundError, ProcessLookupError):
            total += int((task / "schedstat").read_text().split()[0])
    return total / 1e9


async def _level(
    base_url: str, token: str, database: str, count: int, seconds: float, pid: int
) -> Level:
    headers = {"Authorization": f"Bearer {token}"}
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    async with contextlib.AsyncExitStack() as stack:
        clients = [
            await stack.enter_async_context(
                httpx.AsyncClient(base_url=base_url, headers=headers, limits=limits, timeout=60)
            )
            for _ in range(count)
        ]
        admin = clients[0]
        workspace = (await admin.post("/workspaces", json={"name": f"w{count}"})).json()
        project = (
            await admin.post(
                "/projects", json={"name": f"p{count}", "workspaceKey": workspace["workspaceKey"]}
            )
        ).json()
        key = project["projectKey"]
        # Every connection opened before the clock starts.
        await asyncio.gather(*(c.get("/info") for c in clients))
        cpu = server_cpu_seconds(pid)
        creates, owned = await _create_phase(clients, key, seconds)
        creates.cpu_seconds = server_cpu_seconds(pid) - cpu
        cpu = server_cpu_seconds(pid)
        updates = await _update_phase(clients, owned, seconds)
        updates.cpu_seconds = server_cpu_seconds(pid) - cpu
        stored = await _read_back(admin, key)
    expected = {k: v for files in owned for k, v in files.items()}
    lost = sum(1 for k, v in expected.items() if stored.get(k) != v)
    return Level(database, count, creates, updates, lost)


async def _floor(base_url: str, token: str) -> tuple[float, float]:
    """p50 of ``GET /info`` and of a sequential ``POST /files`` (ms), interleaved, one client."""
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=base_url, headers=headers, timeout=60) as client:
        workspace = (await client.post("/workspaces", json={"name": "floor"})).json()
        project = (
            await client.post(
                "/projects", json={"name": "floor", "workspaceKey": workspace["workspaceKey"]}
            )
        ).json()
        info: list[float] = []
        create: list[float] = []
        for i in range(FLOOR_CALLS + 20):
            started = time.perf_counter()
            (await client.get("/info")).raise_for_status()
            middle = time.perf_counter()
            name = f"floor-{i:05d}"
            body = {"name": name, "projectKey": project["projectKey"], "type": "bpmn"}
            (await client.post("/files", json={**body, "content": bpmn(name)})).raise_for_status()
            if i >= 20:  # warm-up
                info.append(middle - started)
                create.append(time.perf_counter() - middle)
    return statistics.median(info) * 1000, statistics.median(create) * 1000


@dataclass
class Served:
    server: HubServer
    token: str  # of a client with create, read and update permission
    database_url: str

    @property
    def pid(self) -> int:
        assert self.server.process is not None
        return self.server.process.pid

    @property
    def api_url(self) -> str:
        return f"{self.server.url}/api/v2"


@contextlib.contextmanager
def serve(database: str, server_core: int | None, code: Path | None = None) -> Iterator[Served]:
    """``code``: another ``src`` folder to run the server from (a before/after comparison)."""
    with contextlib.ExitStack() as stack:
        data_dir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-writes-")))
        env: dict[str, str] = {"PYTHONPATH": str(code)} if code else {}
        url = f"sqlite:///{data_dir / 'camunda-hub.sqlite3'}"
        if database == "postgres":
            cluster = PostgresCluster().start()
            stack.callback(cluster.stop)
            url = cluster.create_database("bench_writes")
            env.update(postgres_env(url))
        server = stack.enter_context(HubServer(data_dir, env=env))
        assert server.process is not None
        if server_core is not None:
            # -a: every thread (aiosqlite runs one per connection), also those started later.
            subprocess.run(
                ["taskset", "-a", "-pc", str(server_core), str(server.process.pid)],
                check=True,
                capture_output=True,
            )
        creds = server.create_client("create", "read", "update", name="writes-bench")
        yield Served(server, server.token(creds), url)


@dataclass
class DatabaseResult:
    database: str  # with the code's label in a before/after comparison
    info_p50_ms: float
    create_p50_ms: float
    levels: list[Level]
    locked_in_log: int


def run_database(
    database: str,
    levels: tuple[int, ...],
    seconds: float,
    cores: tuple[int | None, int | None],
    codes: dict[str, Path | None] | None = None,
) -> list[DatabaseResult]:
    """One server per entry of ``codes`` (label → src folder, None: the installed code), all
    measured level by level in turn, so a before/after ratio holds on a busy machine."""
    server_core, load_core = cores
    if load_core is not None:
        os.sched_setaffinity(0, {load_core})
    codes = codes or {"": None}
    with contextlib.ExitStack() as stack:
        servers = {
            label: stack.enter_context(serve(database, server_core, code))
            for label, code in codes.items()
        }
        names = {label: f"{database} {label}".strip() for label in codes}
        floors = {
            label: asyncio.run(_floor(served.api_url, served.token))
            for label, served in servers.items()
        }
        measured: dict[str, list[Level]] = {label: [] for label in codes}
        for count in levels:
            for label, served in servers.items():
                measured[label].append(
                    asyncio.run(
                        _level(
                            served.api_url, served.token, names[label], count, seconds, served.pid
                        )
                    )
                )
        return [
            DatabaseResult(
                names[label],
                *floors[label],
                measured[label],
                served.server.output.count("database is locked"),
            )
            for label, served in servers.items()
        ]


def print_results(results: list[DatabaseResult]) -> None:
    print(
        f"{'database':<9} {'clients':>7} {'creates/s':>10} {'x seq':>6} {'p50 ms':>7} "
        f"{'updates/s':>10} {'x seq':>6} {'p50 ms':>7} {'5xx':>4} {'lost':>5} "
        f"{'creates/cpu-s':>13} {'updates/cpu-s':>13}"
    )
    for result in results:
        base = result.levels[0]
        for level in result.levels:
            print(
                f"{result.database:<9} {level.clients:>7} {level.creates.rate:>10.0f} "
                f"{level.creates.rate / base.creates.rate:>5.2f}x {level.creates.p50_ms():>7.2f} "
                f"{level.updates.rate:>10.0f} {level.updates.rate / base.updates.rate:>5.2f}x "
                f"{level.updates.p50_ms():>7.2f} "
                f"{level.creates.server_errors + level.updates.server_errors:>4} {level.lost:>5} "
                f"{level.creates.per_cpu_second:>13.0f} {level.updates.per_cpu_second:>13.0f}"
            )
        print(
            f"{result.database}: sequential POST /files p50 {result.create_p50_ms:.2f} ms, "
            f"GET /info p50 {result.info_p50_ms:.2f} ms "
            f"({result.create_p50_ms / result.info_p50_ms:.2f}x); "
            f"'database is locked' in the server log: {result.locked_in_log}"
        )


def rows(results: list[DatabaseResult]) -> list[Row]:
    from bench.report import Row

    out: list[Row] = []
    for result in results:
        base = result.levels[0]
        for level in result.levels:
            errors = level.creates.server_errors + level.updates.server_errors
            figure = (
                f"creates {level.creates.rate:,.0f}/s ({level.creates.rate / base.creates.rate:.2f}x"
                f" of 1 client), updates {level.updates.rate:,.0f}/s "
                f"({level.updates.rate / base.updates.rate:.2f}x); per server CPU-second "
                f"{level.creates.per_cpu_second:,.0f} / {level.updates.per_cpu_second:,.0f}; "
                f"{errors} 5xx, {level.lost} lost"
            )
            met: bool | None = errors == 0 and level.lost == 0
            target = "no 5xx, nothing lost"
            if level.clients > 1 and result.database == "sqlite":
                target = "≥ 1 client's rate, no 5xx, nothing lost"
                met = met and (
                    level.creates.rate >= base.creates.rate
                    and level.updates.rate >= base.updates.rate
                )
            out.append(
                Row("Writes", f"{result.database}: {level.clients} clients", figure, target, met)
            )
        ratio = result.create_p50_ms / result.info_p50_ms
        out.append(
            Row(
                "Writes",
                f"{result.database}: sequential POST /files p50 ÷ GET /api/v2/info p50",
                f"{ratio:.2f}x ({result.create_p50_ms:.2f} vs {result.info_p50_ms:.2f} ms)",
                f"≤ {SEQUENTIAL_RATIO_TARGET}x" if result.database == "sqlite" else "",
                ratio <= SEQUENTIAL_RATIO_TARGET if result.database == "sqlite" else None,
            )
        )
    return out


def run_in_harness(ctx: BenchContext) -> list[Row]:
    seconds = 1.0 if ctx.smoke else 2.0 if ctx.quick else min(ctx.duration, 3.0)
    databases = ("sqlite",) if ctx.smoke or not postgres_installed() else DATABASES
    affinity = os.sched_getaffinity(0)
    try:
        results = []
        for database in databases:
            ctx.progress(f"writes: {database}, {seconds:.0f} s per phase and level")
            results += run_database(database, LEVELS, seconds, (ctx.server_core, ctx.load_core))
    finally:
        os.sched_setaffinity(0, affinity)
    print_results(results)
    ctx.record([sys.executable, "-m", "bench.writes", "--seconds", f"{seconds:g}"])
    return rows(results)


def postgres_installed() -> bool:
    import glob
    import shutil

    return bool(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl") or shutil.which("pg_ctl"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="2 s per phase and level")
    parser.add_argument("--seconds", type=float, default=5.0, help="seconds per phase and level")
    parser.add_argument("--levels", default=",".join(map(str, LEVELS)), help="client counts")
    parser.add_argument("--database", choices=(*DATABASES, "both"), default="both")
    parser.add_argument(
        "--baseline",
        type=Path,
        metavar="SRC",
        help="also measure the server from this src folder (before/after, side by side)",
    )
    args = parser.parse_args(argv)
    seconds = 2.0 if args.quick else args.seconds
    levels = tuple(int(n) for n in args.levels.split(","))
    if args.database == "both":
        databases = DATABASES if postgres_installed() else ("sqlite",)
    else:
        databases = (args.database,)
    cores = sorted(os.sched_getaffinity(0))
    pinning = (cores[0], cores[1]) if len(cores) > 1 else (None, None)
    codes: dict[str, Path | None] = {"": None}
    if args.baseline:
        codes = {"before": args.baseline.resolve(), "after": None}
    results = [r for db in databases for r in run_database(db, levels, seconds, pinning, codes)]
    print_results(results)
    failed = any(
        lv.lost or lv.creates.server_errors or lv.updates.server_errors
        for r in results
        for lv in r.levels
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
