"""Before/after for a change to the server: the installed code (baseline) against a candidate
copy of ``src/`` with the change applied, both pinned to the same core and measured in
alternating rounds, so the ratio holds even on a busy machine.

    cp -r src /tmp/candidate && (cd /tmp/candidate && patch -p1 < change.diff)
    python -m bench.ab --candidate /tmp/candidate/src [--only token|info] [--rounds 4]

``--postgres`` runs both on one database of a throwaway PostgreSQL cluster (the one the test
suite uses) instead of each on its own SQLite file: the token endpoint's throttle then counts in
the database, as in a multi-process deployment.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from bench import hub as hubs
from bench.context import BenchContext, pick_cores
from bench.loadgen import Load, run_wrk
from bench.procs import Processes
from bench.report import Row, ms, rate, text_table


def _load(ctx: BenchContext, url: str, seconds: float, pid: int, **request: str) -> Load:
    return run_wrk(ctx, url, seconds=seconds, server_pid=pid, **request)


Target = tuple[str, int, dict[str, str]]  # url, server pid, request options


def _compare(ctx: BenchContext, what: str, rounds: int, targets: dict[str, Target]) -> list[Row]:
    """``targets``: label → what to load; measured alternately, ``rounds`` times each."""
    loads: dict[str, list[Load]] = {label: [] for label in targets}
    for url, pid, request in targets.values():
        if ctx.warmup > 0:
            _load(ctx, url, ctx.warmup, pid, **request)
    for _ in range(rounds):
        for label, (url, pid, request) in targets.items():
            loads[label].append(_load(ctx, url, ctx.duration, pid, **request))
    rows = []
    for label, measured in loads.items():
        rows.append(
            Row(
                what,
                label,
                f"{rate(statistics.median(x.per_second for x in measured))}/s, "
                f"p50 {ms(statistics.median(x.p50_ms for x in measured))}, "
                f"p99 {ms(statistics.median(x.p99_ms for x in measured))}, "
                f"{rate(statistics.median(x.per_cpu_second or 0 for x in measured))} "
                "per CPU-second",
            )
        )
    baseline, candidate = loads["baseline"], loads["candidate"]
    ratio = statistics.median(
        c.per_second / b.per_second for b, c in zip(baseline, candidate, strict=True)
    )
    cpu_ratio = statistics.median(
        (c.per_cpu_second or 0) / (b.per_cpu_second or 1)
        for b, c in zip(baseline, candidate, strict=True)
    )
    rows.append(
        Row(what, "candidate / baseline", f"{ratio:.2f}x req/s; {cpu_ratio:.2f}x per CPU-second")
    )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.ab", description=__doc__)
    parser.add_argument("--candidate", type=Path, required=True, help="a src/ folder to compare")
    parser.add_argument(
        "--baseline", type=Path, help="a src/ folder to compare against (default: installed code)"
    )
    parser.add_argument(
        "--candidate-env",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a setting only the candidate gets (e.g. CAMUNDA_HUB_TOKEN_RATE_PER_CLIENT=0)",
    )
    parser.add_argument("--only", choices=("token", "info"), action="append")
    parser.add_argument("--alg", default="ES256")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--duration", type=float, default=5.0)
    parser.add_argument("--warmup", type=float, default=2.0)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument(
        "--postgres", action="store_true", help="both servers on a throwaway PostgreSQL database"
    )
    args = parser.parse_args(argv)
    candidate = args.candidate.resolve()
    baseline = args.baseline.resolve() if args.baseline else None
    for folder in (candidate, baseline):
        if folder is not None and not (folder / "camunda_hub" / "__init__.py").is_file():
            parser.error(f"{folder} is not a src/ folder with the camunda_hub package")
    parts = args.only or ["token", "info"]
    candidate_env = dict(item.split("=", 1) for item in args.candidate_env)
    server_core, load_core = pick_cores()
    rows: list[Row] = []
    with (
        _database(args.postgres),
        tempfile.TemporaryDirectory(prefix="camunda-hub-ab-") as work,
        Processes(Path(work) / "logs") as procs,
    ):
        ctx = BenchContext(
            smoke=False,
            duration=args.duration,
            warmup=args.warmup,
            connections=args.connections,
            server_core=server_core,
            load_core=load_core,
            work_dir=Path(work),
            procs=procs,
        )
        if "token" in parts:
            targets = {}
            for label, source in (("baseline", baseline), ("candidate", candidate)):
                server = hubs.start_hub(
                    ctx,
                    f"{label}-hub",
                    alg=args.alg,
                    source=source,
                    env=candidate_env if label == "candidate" else None,
                )
                creds = hubs.create_client(ctx, server)
                targets[label] = (
                    server.token_url,
                    server.pid,
                    {"method": "POST", "body": creds.form()},
                )
            rows += _compare(ctx, f"Token endpoint {args.alg}", args.rounds, targets)
            procs.stop_all()
        if "info" in parts:
            targets = {}
            for label, source in (("baseline", baseline), ("candidate", candidate)):
                app = hubs.start_bench_app(
                    ctx,
                    f"{label}-app",
                    alg=args.alg,
                    source=source,
                    env=candidate_env if label == "candidate" else None,
                )
                creds = hubs.create_client(ctx, app)
                bearer = f"Bearer {hubs.token(app, creds)}"
                targets[label] = (f"{app.url}/api/v2/info", app.pid, {"authorization": bearer})
            rows += _compare(ctx, "GET /api/v2/info", args.rounds, targets)
    print(text_table(rows))
    return 0


@contextlib.contextmanager
def _database(postgres: bool) -> Iterator[None]:
    """Point every server and admin command this run starts at PostgreSQL (they read the
    environment), or leave them on their SQLite data folders."""
    if not postgres:
        yield
        return
    from tests.support.postgres import PostgresCluster

    cluster = PostgresCluster().start()
    saved = dict(os.environ)
    try:
        os.environ["CAMUNDA_HUB_DATABASE_URL"] = cluster.create_database("bench_ab")
        os.environ["CAMUNDA_HUB_SECRET_KEY"] = os.urandom(32).hex()
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)
        cluster.stop()


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("interrupted: every started process was stopped", file=sys.stderr)
        sys.exit(130)
