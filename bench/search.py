"""Benchmark: ``POST /api/v2/files/search`` latency as the organization grows (SQLite and
PostgreSQL).

    .venv/bin/python bench/search.py                 # 1k, 10k, 100k files, both databases
    .venv/bin/python bench/search.py --database sqlite
    .venv/bin/python bench/search.py --smoke         # tiny sizes, SQLite only, a few seconds
    .venv/bin/python bench/search.py --explain       # also print the query plans
    .venv/bin/python bench/search.py --extra-index 'organization_id, folder_key, deleted, name'

For each database, starts a real server (``camunda-hub serve`` on a throwaway data folder; for
PostgreSQL on a throwaway cluster, the one the test suite uses), seeds files straight into its
database (see ``search_seed.py``), then times the query the issue names — a name
``$like`` prefix filter, a ``folderKey`` filter and a sort on name, limit 100 — over real HTTP
with one keep-alive connection, after a warm-up. Two folder kinds are measured at every size:
"typical" folders (~40 files each, a different folder and prefix per request) and the
"shared" folder, which holds 1 % of all files and so grows with the organization. A third
kind, "recent", asks for the organization's 100 most recently updated files (no filter, sort on
``updated`` descending), as a "recently changed" view does.

Printed per database, size and folder kind: wall-clock p50/p99 in ms, the CPU time per request
of the server process plus, on PostgreSQL, the database backends serving it (from /proc; it
barely moves when other processes compete for the cores, unlike wall time), the median
``totalItems``, and p50 growth versus the smallest size of that database (linear growth would
be 10x per step; an index-served query stays near 1x). ``GET /info`` is measured the same way
as the floor every authenticated call pays before the search does any work. PostgreSQL is
vacuumed and analysed after seeding, as autovacuum would have done in a database in service.

The 5 ms target applies to SQLite; PostgreSQL figures are reported alongside.
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

import httpx  # noqa: E402
from search_seed import VERBS, Seeder  # noqa: E402
from sqlalchemy import Connection  # noqa: E402
from tests.support.postgres import PostgresCluster  # noqa: E402
from tests.support.postgres import server_env as postgres_env  # noqa: E402
from tests.support.server import HubServer  # noqa: E402

TARGET_P50_MS = 5.0
WARMUP = 30
TICKS = os.sysconf("SC_CLK_TCK")
DATABASES = ("sqlite", "postgres")


@dataclass
class Measurement:
    database: str
    size: int
    kind: str
    p50_ms: float
    p99_ms: float
    cpu_ms: float
    total_items: int


def query(folder_key: str, prefix: str) -> dict[str, Any]:
    return {
        "filter": {"name": {"$like": f"{prefix}*"}, "folderKey": folder_key},
        "sort": [{"field": "name", "order": "ASC"}],
        "page": {"limit": 100},
    }


def recent_query() -> dict[str, Any]:
    """The organization's most recently changed files, as a "recent files" view asks."""
    return {"sort": [{"field": "updated", "order": "DESC"}], "page": {"limit": 100}}


def percentile(sorted_values: list[float], share: float) -> float:
    index = min(len(sorted_values) - 1, max(0, round(share * (len(sorted_values) - 1))))
    return sorted_values[index]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (fields 14 and 15 of /proc/PID/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def cpu_snapshot(pids: Iterable[int]) -> dict[int, float]:
    snapshot: dict[int, float] = {}
    for pid in pids:
        # A pooled database connection may have closed meanwhile.
        with contextlib.suppress(FileNotFoundError):
            snapshot[pid] = cpu_seconds(pid)
    return snapshot


def postgres_installed() -> bool:
    return bool(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl") or shutil.which("pg_ctl"))


def check(response: httpx.Response) -> dict[str, Any]:
    if response.status_code != 200:
        raise SystemExit(f"request failed: {response.status_code} {response.text}")
    body: dict[str, Any] = response.json()
    return body


def timed(
    working_pids: Callable[[], list[int]],
    database: str,
    size: int,
    kind: str,
    calls: list[Callable[[], httpx.Response]],
) -> Measurement:
    for call in calls[:WARMUP]:
        check(call())
    timings: list[float] = []
    responses: list[httpx.Response] = []
    cpu_before = cpu_snapshot(working_pids())
    for call in calls:
        started = time.perf_counter()
        response = call()
        timings.append((time.perf_counter() - started) * 1000)
        responses.append(response)
    # A database connection opened during the run counts from zero.
    cpu_after = cpu_snapshot({*cpu_before, *working_pids()})
    cpu_used = sum(cpu_after[pid] - cpu_before.get(pid, 0.0) for pid in cpu_after)
    totals = [check(r).get("page", {}).get("totalItems", 0) for r in responses]
    timings.sort()
    return Measurement(
        database=database,
        size=size,
        kind=kind,
        p50_ms=percentile(timings, 0.50),
        p99_ms=percentile(timings, 0.99),
        cpu_ms=cpu_used * 1000 / len(calls),
        total_items=int(statistics.median(totals)),
    )


def searches(client: httpx.Client, folders: list[str], count: int) -> list[Callable[[], Any]]:
    def call(body: dict[str, Any]) -> Callable[[], httpx.Response]:
        return lambda: client.post("/files/search", json=body)

    return [call(query(folders[i % len(folders)], VERBS[i % len(VERBS)])) for i in range(count)]


def explain(seeder: Seeder, organization_id: str, body: dict[str, Any]) -> str:
    """The plan of exactly the statement the server runs for the benchmark query: SQLite's
    EXPLAIN QUERY PLAN, or PostgreSQL's EXPLAIN ANALYZE (it runs the query, so the plan shows
    real row counts and timings)."""
    from camunda_hub.server.search import parse_search
    from camunda_hub.server.search.compile import order_by, where_clause
    from camunda_hub.server.security.principal import Principal
    from camunda_hub.server.services.hub import files

    dialect = seeder.db.dialect
    caller = Principal("bench", organization_id, frozenset({"read"}), "bench", "bench@x")
    request = parse_search(files.SEARCH, body)
    matching = files.searchable(caller).where(where_clause(files.SEARCH, request, dialect.name))
    page = matching.order_by(*order_by(files.SEARCH, request, dialect.name)).limit(request.limit)
    compiled = page.compile(dialect=dialect)
    params = tuple(compiled.params[name] for name in compiled.positiontup or ())
    if dialect.name == "sqlite":
        prefix, column = "EXPLAIN QUERY PLAN ", -1
    else:
        prefix, column = "EXPLAIN (ANALYZE, BUFFERS) ", 0

    def plan(conn: Connection) -> list[str]:
        return [str(row[column]) for row in conn.exec_driver_sql(prefix + str(compiled), params)]

    lines = [" ".join(str(compiled).split())]
    lines += [f"  plan: {line}" for line in seeder.db.run(plan)]
    return "\n".join(lines)


def database_backends(seeder: Seeder) -> list[int]:
    """PostgreSQL's processes serving the server's connections (not the seeder's own): the
    search's work happens there, not in the server process."""
    if seeder.db.dialect.name == "sqlite":
        return []

    def pids(conn: Connection) -> list[int]:
        return list(
            conn.exec_driver_sql(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                "AND backend_type = 'client backend' AND pid <> pg_backend_pid()"
            ).scalars()
        )

    return seeder.db.run(pids)


def add_index(seeder: Seeder, columns: str) -> None:
    """Experiment: measure with an extra index on ``files`` (a proposal, not the product)."""
    seeder.db.run(
        lambda conn: conn.exec_driver_sql(
            f"CREATE INDEX IF NOT EXISTS ix_bench_files ON files ({columns})"
        )
    )


def print_table(results: list[Measurement]) -> None:
    print(
        f"\n{'database':<9} {'size':>8}  {'query':<14} {'p50 ms':>7} {'p99 ms':>7} {'cpu ms':>7} "
        f"{'totalItems':>10} {'growth':>7}"
    )
    base: dict[tuple[str, str], float] = {}
    for m in results:
        growth = m.p50_ms / base.setdefault((m.database, m.kind), m.p50_ms)
        print(
            f"{m.database:<9} {m.size:>8}  {m.kind:<14} {m.p50_ms:>7.2f} {m.p99_ms:>7.2f} "
            f"{m.cpu_ms:>7.2f} {m.total_items:>10} {growth:>6.2f}x"
        )


@contextlib.contextmanager
def database(kind: str, data_dir: Path) -> Iterator[tuple[str, dict[str, str]]]:
    """The database URL and the server environment that points the server at it."""
    if kind == "sqlite":
        yield f"sqlite:///{data_dir / 'camunda-hub.sqlite3'}", {}
        return
    cluster = PostgresCluster().start()
    try:
        url = cluster.create_database("bench_search")
        yield url, postgres_env(url)
    finally:
        cluster.stop()


@dataclass
class Bench:
    """A running server on one database, a client of it, and the seeder for its organization."""

    database: str
    server_pid: int
    client: httpx.Client
    seeder: Seeder

    def working_pids(self) -> list[int]:
        return [self.server_pid, *database_backends(self.seeder)]

    def measure(self, size: int, requests: int) -> list[Measurement]:
        started = time.perf_counter()
        self.seeder.grow_to(size)
        print(f"{self.database}: seeded {size} files in {time.perf_counter() - started:.1f}s")
        typical = self.seeder.typical_folder_keys(20)
        shared = [self.seeder.hot_folder_key]
        floor = [lambda: self.client.get("/info")] * requests
        recent = [lambda: self.client.post("/files/search", json=recent_query())] * requests
        return [
            timed(self.working_pids, self.database, size, kind, calls)
            for kind, calls in (
                ("floor GET/info", floor),
                ("typical", searches(self.client, typical, requests)),
                ("shared", searches(self.client, shared, requests)),
                ("recent", recent),
            )
        ]

    def print_plans(self, size: int) -> None:
        organization_id = self.seeder.organization_id
        bodies = {
            "typical folder": query(self.seeder.typical_folder_keys(1)[0], VERBS[0]),
            "shared folder": query(self.seeder.hot_folder_key, VERBS[0]),
            "recent, organization-wide": recent_query(),
        }
        for label, body in bodies.items():
            print(f"{self.database} {size} files, {label}:")
            print(explain(self.seeder, organization_id, body), flush=True)


@contextlib.contextmanager
def bench_on(kind: str) -> Iterator[Bench]:
    with contextlib.ExitStack() as stack:
        data_dir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-search-")))
        url, env = stack.enter_context(database(kind, data_dir))
        # No access log: one stdout line per request would be measured along with the search.
        server_env = {**env, "CAMUNDA_HUB_ACCESS_LOG": "false"}
        server = stack.enter_context(HubServer(data_dir, env=server_env))
        assert server.process is not None
        creds = server.create_client("read", name="search-bench")
        headers = {"Authorization": f"Bearer {server.token(creds)}"}
        client = stack.enter_context(httpx.Client(base_url=f"{server.url}/api/v2", headers=headers))
        organization_id = check(client.get("/info"))["authorizedOrganization"]
        seeder = Seeder(url, organization_id)
        stack.callback(seeder.close)
        yield Bench(kind, server.process.pid, client, seeder)


def run_database(
    kind: str, sizes: list[int], requests: int, show_plan: bool, extra_index: str | None
) -> list[Measurement]:
    results: list[Measurement] = []
    with bench_on(kind) as bench:
        if extra_index:
            add_index(bench.seeder, extra_index)
            print(f"{kind}: experiment: extra index on files ({extra_index})")
        for size in sizes:
            results += bench.measure(size, requests)
            if show_plan:
                bench.print_plans(size)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated file counts")
    parser.add_argument("--requests", type=int, default=300, help="timed requests per size/kind")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes; checks the script works")
    parser.add_argument(
        "--database",
        choices=(*DATABASES, "both"),
        help="default: both when PostgreSQL is installed, else sqlite; --smoke: sqlite",
    )
    parser.add_argument(
        "--explain",
        action="store_true",
        help="print query plans (SQLite: EXPLAIN QUERY PLAN; PostgreSQL: EXPLAIN ANALYZE)",
    )
    parser.add_argument(
        "--extra-index",
        metavar="COLUMNS",
        help="experiment: add an index on files first, e.g. 'organization_id, folder_key, "
        "deleted, name'",
    )
    args = parser.parse_args(argv)
    if args.smoke:
        sizes, requests = [200, 1000], 40
    else:
        sizes, requests = [int(s) for s in args.sizes.split(",")], args.requests
    results: list[Measurement] = []
    for kind in databases(args.database, args.smoke):
        results += run_database(kind, sizes, requests, args.explain, args.extra_index)
    print_table(results)
    largest = [
        m
        for m in results
        if m.database == "sqlite" and m.size == max(sizes) and m.kind == "typical"
    ]
    if not args.smoke and largest and largest[0].p50_ms > TARGET_P50_MS:
        print(f"\ntarget missed: typical p50 {largest[0].p50_ms:.2f} ms > {TARGET_P50_MS} ms")
        return 1
    return 0


def databases(choice: str | None, smoke: bool) -> tuple[str, ...]:
    if choice is None:
        # Smoke stays on SQLite unless asked: PostgreSQL (a cluster and a second server) would
        # double its run time in the test suite.
        choice = "both" if postgres_installed() and not smoke else "sqlite"
    return DATABASES if choice == "both" else (choice,)


if __name__ == "__main__":
    sys.exit(main())
