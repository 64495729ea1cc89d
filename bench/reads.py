"""Benchmark: the Hub API's reads against the floor every authenticated call pays
(``GET /api/v2/info``), as the organization grows, on SQLite and PostgreSQL.

    .venv/bin/python -m bench.reads --quick           # 1k files, SQLite
    .venv/bin/python -m bench.reads                   # 1k, 10k, 100k files, both databases

A real server (``camunda-hub serve``, default configuration: access log and throttle on) runs
pinned to one core; one keep-alive client on the other core sends the calls below in blocks that
take turns, and each call is charged the server's CPU time (all its threads, from
``/proc/PID/task/*/schedstat``): on a shared machine wall time mostly measures the queue for the
core. Ratios are to the CPU time of ``GET /api/v2/info`` measured in the same turns (on
PostgreSQL the database's own processes are not counted):

- ``GET /files/{key}`` of a small BPMN (target ≤ 1.5x the floor);
- ``GET /projects/{key}`` of a project with 200 files (≤ 3x), small ones and 10 KB ones (the
  size of a typical model, as ``bench/bulk.py`` pushes), and the small ones again after a
  commit by another connection before each call of a row the read does not show: outside the
  organization's Hub data (the organization's name), in another project of it (a folder),
  and in the project itself (a deleted folder; the body is made afresh, not kept);
- ``POST /files/search``: the 100 most recently updated files (≤ 3x), the same after each of
  those two commits, and a name prefix, limit 10 (≤ 2x); with no sort (the key order), the
  first 100 of the organization and of the project, each after a change of the organization's
  data (≤ 3x);
- ``GET /files/{key}`` of a 1 MB BPMN, as MB/s (≥ 200 MB/s).

The calls after a commit are compared with the same commit followed by ``GET /api/v2/info``
(``Kind.after``): a server woken after a wait pays more for any call, and that is not the
read's cost.

Files beyond the 200 + 1 made over HTTP are seeded straight into the database
(``search_seed.py``)."""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parents[1]
for entry in (str(ROOT), str(ROOT / "bench")):
    if entry not in sys.path:
        sys.path.insert(0, entry)

import httpx  # noqa: E402

from bench.search_seed import Seeder  # noqa: E402
from bench.writes import (  # noqa: E402
    DATABASES,
    bpmn,
    postgres_installed,
    serve,
    server_cpu_seconds,
)

if TYPE_CHECKING:
    from bench.context import BenchContext
    from bench.report import Row

BIG_FILE_BYTES = 1_000_000
MODEL_BYTES = 10_000
BLOCK = 10


# What comes before each call of a kind, and before each call of its floor.
ALONE, ELSEWHERE, HUB_CHANGED = "", "a commit elsewhere", "hub data changed"
PROJECT_CHANGED = "the project changed"


@dataclass(frozen=True)
class Kind:
    name: str
    target: float  # ratio to the floor; 0: none
    # A kind whose calls each follow a commit by another connection is compared with the same
    # commit followed by GET /api/v2/info: a server woken after a wait pays more for any call
    # (caches and the core gone cold; on PostgreSQL even after a bare SELECT 1 by another
    # connection), and that is not the read's cost.
    after: str = ALONE

    @property
    def floor_name(self) -> str:
        return f"GET /api/v2/info, {self.after}" if self.after else "GET /api/v2/info"


KINDS = (
    Kind("GET /files/{key}", 1.5),
    Kind("GET /projects/{key}, 200 files", 3.0),
    Kind("GET /projects/{key}, 200 files of 10 KB", 3.0),
    # Each call after another connection's commit, of a row the read does not show. Of
    # something else, or of another project: the project's body is kept (Snapshot.kept). Of
    # the organization's Hub data: the search is made again. Of the project: its body is.
    Kind("GET /projects/{key}, 200 files, a commit elsewhere", 3.0, ELSEWHERE),
    Kind("GET /projects/{key}, 200 files, hub data changed", 3.0, HUB_CHANGED),
    Kind("GET /projects/{key}, 200 files, the project changed", 3.0, PROJECT_CHANGED),
    Kind("POST /files/search, 100 items", 3.0),
    Kind("POST /files/search, 100 items, a commit elsewhere", 3.0, ELSEWHERE),
    Kind("POST /files/search, 100 items, hub data changed", 3.0, HUB_CHANGED),
    Kind("POST /files/search, 10 items", 2.0),
    # No sort: the key order, of every live file and of one project's (migration 0024).
    Kind("POST /files/search, 100 items in key order, hub data changed", 3.0, HUB_CHANGED),
    Kind("POST /files/search, a project's 100 in key order, hub data changed", 3.0, HUB_CHANGED),
)


@dataclass
class Measured:
    database: str
    size: int
    floors_ms: dict[str, float]  # server CPU time per call, by Kind.after
    cpu_ms: dict[str, float]  # server CPU time per call
    big_file_mb_per_s: float

    @property
    def floor_ms(self) -> float:
        return self.floors_ms[ALONE]

    def ratio(self, kind: Kind) -> float:
        return self.cpu_ms[kind.name] / self.floors_ms[kind.after]


def _padded_bpmn(name: str, size: int) -> str:
    head = bpmn(name)
    padding = "<!-- " + "x" * 1000 + " -->\n"
    return head + padding * ((size - len(head)) // len(padding) + 1)


def _prepare(client: httpx.Client) -> tuple[str, str, str, str]:
    """A project of 200 small files and one 1 MB file, and one of 200 files of 10 KB; returns
    (project, small file, big file, project of 10 KB files)."""
    workspace = client.post("/workspaces", json={"name": "reads"}).json()
    models = client.post(
        "/projects", json={"name": "models", "workspaceKey": workspace["workspaceKey"]}
    ).json()["projectKey"]
    # Made first, so the searches' most recent files are the small ones, as before this row.
    for i in range(200):
        name = f"g{i:04d}"
        content = _padded_bpmn(name, MODEL_BYTES)
        client.post(
            "/files", json={"name": name, "projectKey": models, "type": "bpmn", "content": content}
        ).raise_for_status()
    project = client.post(
        "/projects", json={"name": "reads", "workspaceKey": workspace["workspaceKey"]}
    ).json()["projectKey"]
    small = ""
    for i in range(199):
        name = f"f{i:04d}"
        created = client.post(
            "/files",
            json={"name": name, "projectKey": project, "type": "bpmn", "content": bpmn(name)},
        )
        created.raise_for_status()
        small = small or created.json()["fileKey"]
    big = client.post(
        "/files",
        json={
            "name": "big",
            "projectKey": project,
            "type": "bpmn",
            "content": _padded_bpmn("big", BIG_FILE_BYTES),
        },
    )
    big.raise_for_status()
    return project, small, big.json()["fileKey"], models


def _measure(
    client: httpx.Client,
    pid: int,
    ids: tuple[str, str, str, str],
    calls: int,
    touch: Callable[[], None],
    change: Callable[[str], None],
    change_project: Callable[[str], None],
) -> tuple[dict[str, float], dict[str, float], float]:
    """Server CPU time per call (ms) of the floors and of each kind, and the 1 MB transfer rate.

    Calls go in blocks of ``BLOCK`` per kind, the kinds taking turns, and each block is charged
    the server's CPU time meanwhile: on a shared machine wall time mostly measures the queue
    for the core, CPU time what the server did."""
    project, small, big, models = ids

    def ok(response: httpx.Response) -> None:
        if response.status_code != 200:
            raise SystemExit(f"request failed: {response.status_code} {response.text[:200]}")

    recent = {"sort": [{"field": "updated", "order": "DESC"}], "page": {"limit": 100}}
    prefix = {"filter": {"name": {"$like": "f0001*"}}, "page": {"limit": 10}}
    by_key = {"page": {"limit": 100}}
    project_by_key = {"filter": {"projectKey": project}, "page": {"limit": 100}}
    requests: dict[str, Callable[[], httpx.Response]] = {
        "floor": lambda: client.get("/info"),
        "floor, elsewhere": lambda: (touch(), client.get("/info"))[1],
        "floor, hub changed": lambda: (change(project), client.get("/info"))[1],
        "floor, project changed": lambda: (change_project(project), client.get("/info"))[1],
        KINDS[0].name: lambda: client.get(f"/files/{small}"),
        KINDS[1].name: lambda: client.get(f"/projects/{project}"),
        KINDS[2].name: lambda: client.get(f"/projects/{models}"),
        KINDS[3].name: lambda: (touch(), client.get(f"/projects/{project}"))[1],
        KINDS[4].name: lambda: (change(project), client.get(f"/projects/{project}"))[1],
        KINDS[5].name: lambda: (change_project(project), client.get(f"/projects/{project}"))[1],
        KINDS[6].name: lambda: client.post("/files/search", json=recent),
        KINDS[7].name: lambda: (touch(), client.post("/files/search", json=recent))[1],
        KINDS[8].name: lambda: (change(project), client.post("/files/search", json=recent))[1],
        KINDS[9].name: lambda: client.post("/files/search", json=prefix),
        KINDS[10].name: lambda: (change(project), client.post("/files/search", json=by_key))[1],
        KINDS[11].name: lambda: (
            change(project),
            client.post("/files/search", json=project_by_key),
        )[1],
        "big": lambda: client.get(f"/files/{big}"),
    }
    cpu: dict[str, list[float]] = {name: [] for name in requests}
    for block in range(calls // BLOCK + 1):
        for name, request in requests.items():
            started = server_cpu_seconds(pid)
            for _ in range(BLOCK):
                ok(request())
            if block:  # the first round warms up
                cpu[name].append((server_cpu_seconds(pid) - started) / BLOCK)
    per_call = {name: statistics.median(values) * 1000 for name, values in cpu.items()}
    floors = {
        ALONE: per_call.pop("floor"),
        ELSEWHERE: per_call.pop("floor, elsewhere"),
        HUB_CHANGED: per_call.pop("floor, hub changed"),
        PROJECT_CHANGED: per_call.pop("floor, project changed"),
    }
    big_rate = BIG_FILE_BYTES / (per_call.pop("big") / 1000) / 1e6
    return floors, per_call, big_rate


def run_database(
    database: str,
    sizes: list[int],
    calls: int,
    cores: tuple[int | None, int | None],
    codes: dict[str, Path | None] | None = None,
) -> list[Measured]:
    """One server per entry of ``codes`` (label → src folder, None: the installed code), each on
    its own database, measured in turn at every size (a before/after comparison)."""
    server_core, load_core = cores
    if load_core is not None:
        os.sched_setaffinity(0, {load_core})
    codes = codes or {"": None}
    results = []
    with contextlib.ExitStack() as stack:
        targets = []
        for label, code in codes.items():
            served = stack.enter_context(serve(database, server_core, code))
            client = stack.enter_context(
                httpx.Client(
                    base_url=served.api_url,
                    headers={"Authorization": f"Bearer {served.token}"},
                    timeout=60,
                )
            )
            prepared = _prepare(client)
            organization = client.get("/info").json()["authorizedOrganization"]
            seeder = Seeder(served.database_url, organization)
            stack.callback(seeder.close)
            assert served.server.process is not None
            pid = served.server.process.pid
            targets.append((f"{database} {label}".strip(), client, pid, prepared, seeder))
        for size in sizes:
            for name, client, pid, prepared, seeder in targets:
                seeder.grow_to(size)
                floors, p50, big_rate = _measure(
                    client,
                    pid,
                    prepared,
                    calls,
                    seeder.touch,
                    seeder.change_hub_data,
                    seeder.change_project,
                )
                results.append(Measured(name, size, floors, p50, big_rate))
    return results


def print_results(results: list[Measured]) -> None:
    print(f"{'database':<13} {'files':>7}  {'call':<66} {'cpu ms':>7} {'x floor':>8} {'target':>7}")
    for m in results:
        for after in (ALONE, ELSEWHERE, HUB_CHANGED, PROJECT_CHANGED):
            floor = Kind("", 0, after).floor_name + " (floor)"
            print(f"{m.database:<13} {m.size:>7}  {floor:<66} {m.floors_ms[after]:>7.2f}")
        for kind in KINDS:
            print(
                f"{m.database:<13} {m.size:>7}  {kind.name:<66} {m.cpu_ms[kind.name]:>7.2f} "
                f"{m.ratio(kind):>7.2f}x {kind.target:>6.1f}x"
            )
        print(
            f"{m.database:<13} {m.size:>7}  {'GET /files/{key}, 1 MB':<66} {m.big_file_mb_per_s:.0f} MB/s"
        )


def rows(results: list[Measured]) -> list[Row]:
    from bench.report import Row

    out = []
    for m in results:
        where = f"{m.database}, {m.size:,} files"
        for kind in KINDS:
            ratio = m.ratio(kind)
            floor = m.floors_ms[kind.after]
            out.append(
                Row(
                    "Reads",
                    f"{where}: {kind.name} ÷ {kind.floor_name}",
                    f"{ratio:.2f}x (server CPU {m.cpu_ms[kind.name]:.2f} vs {floor:.2f} ms per call)",
                    f"≤ {kind.target:g}x",
                    ratio <= kind.target,
                )
            )
        out.append(
            Row(
                "Reads",
                f"{where}: GET /files/{{key}}, 1 MB BPMN",
                f"{m.big_file_mb_per_s:,.0f} MB per server CPU-second",
                "≥ 200 MB/s",
                m.big_file_mb_per_s >= 200,
            )
        )
    return out


def run_in_harness(ctx: BenchContext) -> list[Row]:
    sizes = [1000] if ctx.smoke or ctx.quick else [1000, 10_000, 100_000]
    calls = 20 if ctx.smoke else 50 if ctx.quick else 100
    quick = ctx.smoke or ctx.quick
    databases = ("sqlite",) if quick or not postgres_installed() else DATABASES
    affinity = os.sched_getaffinity(0)
    results: list[Measured] = []
    try:
        for database in databases:
            ctx.progress(f"reads: {database}, {', '.join(map(str, sizes))} files")
            results += run_database(database, sizes, calls, (ctx.server_core, ctx.load_core))
    finally:
        os.sched_setaffinity(0, affinity)
    print_results(results)
    ctx.record([sys.executable, "-m", "bench.reads", "--sizes", ",".join(map(str, sizes))])
    return rows(results)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="1k files, SQLite, 50 calls")
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated file counts")
    parser.add_argument("--calls", type=int, default=100, help="timed calls per kind and size")
    parser.add_argument("--database", choices=(*DATABASES, "both"), default="both")
    parser.add_argument(
        "--baseline",
        type=Path,
        metavar="SRC",
        help="also measure the server from this src folder (before/after, side by side)",
    )
    args = parser.parse_args(argv)
    sizes = [1000] if args.quick else [int(n) for n in args.sizes.split(",")]
    calls = 50 if args.quick else args.calls
    if args.quick:
        databases: tuple[str, ...] = ("sqlite",) if args.database == "both" else (args.database,)
    elif args.database == "both":
        databases = DATABASES if postgres_installed() else ("sqlite",)
    else:
        databases = (args.database,)
    cores = sorted(os.sched_getaffinity(0))
    pinning = (cores[0], cores[1]) if len(cores) > 1 else (None, None)
    codes: dict[str, Path | None] = {"": None}
    if args.baseline:
        codes = {"before": args.baseline.resolve(), "after": None}
    results = [m for db in databases for m in run_database(db, sizes, calls, pinning, codes)]
    print_results(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
