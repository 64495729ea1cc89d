"""One command for every benchmark: ``python -m bench.run`` prints one table and writes it to
docs/benchmarks.md with the machine description and the exact commands it ran.

``--smoke`` runs every part for a second or two with tiny sizes (the test suite uses it to keep
the harness working); its figures mean nothing and it writes its report elsewhere unless told."""

from __future__ import annotations

import argparse
import shlex
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench import api_overhead, bearer, external, issuer, machine, oidc_provider, sdk
from bench.context import REPO, BenchContext, pick_cores
from bench.hub import ClientCredentials, HubProcess
from bench.loadgen import require_wrk
from bench.procs import Processes
from bench.report import Row, document, text_table, with_kept_notes

SECTIONS = ("issuer", "sdk", "api", "bearer", "search", "soak", "writes", "reads", "startup")
# The soak runs for ten minutes on PostgreSQL: only when asked for (--only soak).
DEFAULT_SECTIONS = ("issuer", "sdk", "api", "bearer", "search", "writes", "reads", "startup")
# --quick: the data-path subset (writes, reads, start-up) in a few minutes.
QUICK_SECTIONS = ("writes", "reads", "startup")
# bench/bulk.py: push/pull of a folder tree through the SDK (200 files with --quick).
SECTIONS += ("bulk",)
DEFAULT_SECTIONS += ("bulk",)
QUICK_SECTIONS += ("bulk",)
# Issue 12 (write path), 13 (derived catalog/usage table) and 15 (events): in the full report.
SECTIONS += ("write_path", "catalog_usage", "events", "feed_wakeup")
DEFAULT_SECTIONS += ("write_path", "catalog_usage", "events", "feed_wakeup")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="seconds, tiny sizes (for tests)")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="only the data-path parts (writes, reads, start-up), 1k files, short runs",
    )
    parser.add_argument("--duration", type=float, help="seconds per measured load run (8)")
    parser.add_argument("--warmup", type=float, help="seconds of warm-up per server (3)")
    parser.add_argument("--rounds", type=int, help="alternating measured rounds (3)")
    parser.add_argument("--connections", type=int, default=32, help="wrk connections (32)")
    parser.add_argument(
        "--only", action="append", choices=SECTIONS, help="run only these parts (repeatable)"
    )
    parser.add_argument(
        "--profile", action="store_true", help="also record py-spy profiles of the hot paths"
    )
    parser.add_argument(
        "--output",
        type=Path,
        help="report file (default docs/benchmarks.md for a full run; with --smoke, --quick or "
        "--only: none unless given); notes after its end marker are kept",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    smoke = args.smoke
    duration = args.duration or (1.0 if smoke else 8.0)
    warmup = args.warmup if args.warmup is not None else (0.0 if smoke else 3.0)
    rounds = args.rounds or (1 if smoke else 3)
    sections = tuple(args.only or (QUICK_SECTIONS if args.quick else DEFAULT_SECTIONS))
    # A partial run (--only, --quick) would replace the whole report with its few rows: it
    # prints them, and writes a file only when one is named.
    partial = bool(args.only or args.quick)
    output = args.output or (None if smoke or partial else REPO / "docs" / "benchmarks.md")
    invocation = " ".join(["python -m bench.run", *map(shlex.quote, argv or sys.argv[1:])])
    started = datetime.now(UTC)
    clock = time.monotonic()
    server_core, load_core = pick_cores()
    results_dir = REPO / "bench" / "results" / started.strftime("%Y%m%dT%H%M%SZ")

    require_wrk()
    rows: list[Row] = []
    profiles: list[str] = []
    with (
        tempfile.TemporaryDirectory(prefix="camunda-hub-bench-") as work,
        Processes(Path(work) / "logs") as procs,
    ):
        ctx = BenchContext(
            smoke=smoke,
            quick=args.quick,
            duration=duration,
            warmup=warmup,
            connections=args.connections if not smoke else min(args.connections, 8),
            server_core=server_core,
            load_core=load_core,
            work_dir=Path(work),
            procs=procs,
            profile_dir=results_dir if args.profile else None,
        )
        ctx.notes += [
            f"Load: wrk, 1 thread, {ctx.connections} connections, {duration:.0f} s per measured "
            f"run after {warmup:.0f} s of warm-up per server, {rounds} alternating rounds "
            "(median).",
            "Per CPU-second: requests divided by the CPU time the server process used meanwhile "
            "(/proc). On a shared machine other processes take turns on the server's core, so "
            "wall-clock throughput understates what one core does; the verdicts use the "
            "per-CPU-second figures when they exist.",
            "camunda-hub runs with its token-endpoint throttle on, its limits set out of reach "
            "(one client and one address make every request), so its bookkeeping is measured.",
        ]
        extra_machine: list[tuple[str, str]] = []
        if "issuer" in sections:
            oidc_provider.ensure_installed(ctx)
            extra_machine.append(
                (
                    "Reference issuer",
                    f"node-oidc-provider {oidc_provider.provider_version()} on Node "
                    f"{oidc_provider.node_version()}",
                )
            )
        description = machine.describe(server_core, load_core, extra_machine)
        memory_rows: list[Row] = []
        running: tuple[HubProcess, ClientCredentials] | None = None
        sections_text: list[tuple[str, str]] = []
        try:
            if "issuer" in sections:
                algs = ("ES256",) if smoke else ("RS256", "ES256", "EdDSA")
                result = issuer.run(ctx, algs=algs, rounds=rounds)
                running = result.es256_server
                rows += result.rows
                if result.hub_es256 is not None:
                    memory_rows.append(
                        _memory_row("camunda-hub serve (ES256 token load)", result.hub_es256)
                    )
                if result.reference_es256 is not None:
                    memory_rows.append(
                        _memory_row("node-oidc-provider (ES256 token load)", result.reference_es256)
                    )
                if result.profile is not None:
                    profiles.append(result.profile.markdown())
            if "sdk" in sections:
                rows += sdk.run(ctx, running[0] if running else None)
            if running is not None:
                ctx.procs.stop(running[0].managed)
            if "api" in sections:
                overhead = api_overhead.run(ctx, rounds=rounds)
                rows += overhead.rows
                memory_rows.append(
                    Row(
                        "Memory",
                        "camunda-hub app (API load)",
                        _rss_figure(overhead.rss_idle, overhead.rss_after),
                    )
                )
                if overhead.profile is not None:
                    profiles.append(overhead.profile.markdown())
            if "bearer" in sections:
                rows += bearer.run(ctx)
            for name, bench in (
                ("search", external.SEARCH),
                ("soak", external.SOAK),
                ("writes", external.WRITES),
                ("reads", external.READS),
                ("startup", external.STARTUP),
                ("bulk", external.BULK),
                ("write_path", external.WRITE_PATH),
                ("catalog_usage", external.CATALOG_USAGE),
                ("events", external.EVENTS),
                ("feed_wakeup", external.FEED_WAKEUP),
            ):
                if name in sections:
                    more, printed = external.run(ctx, bench)
                    rows += more
                    if printed:
                        sections_text.append((f"bench/{name}.py output", printed))
        finally:
            rows += memory_rows
            elapsed = time.monotonic() - clock
            if rows:
                print(text_table(rows))
            for note in ctx.notes:
                print(f"note: {note}")
        if output is not None:
            output.parent.mkdir(parents=True, exist_ok=True)
            existing = output.read_text(encoding="utf-8") if output.exists() else None
            output.write_text(
                with_kept_notes(
                    document(
                        rows=rows,
                        machine=description,
                        invocation=f".venv/bin/{invocation}",
                        commands=ctx.commands,
                        notes=ctx.notes,
                        profile="\n\n".join(profiles) or None,
                        sections=sections_text,
                        started=started.strftime("%Y-%m-%d %H:%M UTC"),
                        elapsed=elapsed,
                    ),
                    existing,
                ),
                encoding="utf-8",
            )
            print(f"report written to {output}")
        elif partial and not smoke:
            print("a partial run: docs/benchmarks.md left as it is (--output FILE writes a report)")
    return 0 if all(row.met is not False for row in rows) or smoke else 1


def _rss_figure(idle: float | None, after: float | None) -> str:
    def mib(value: float | None) -> str:
        return "n/a" if value is None else f"{value:.0f} MiB"

    return f"RSS idle {mib(idle)}, after the runs {mib(after)}"


def _memory_row(subject: str, measured: issuer.Measured) -> Row:
    return Row("Memory", subject, _rss_figure(measured.rss_idle, measured.rss_after))


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("interrupted: every started process was stopped", file=sys.stderr)
        sys.exit(130)
