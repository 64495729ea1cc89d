"""Benchmarks that live in their own scripts (``bench/search.py``, ``bench/soak.py``): run as
bounded child processes; their printed tables go into the report as they are, and a row in the
main table says whether they passed.

A script joins the main table with rows of its own by offering
``run_in_harness(ctx: BenchContext) -> list[Row]``; the harness then calls that instead."""

from __future__ import annotations

import importlib
import importlib.util
import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bench.context import REPO, BenchContext
from bench.report import Row

HOOK = "run_in_harness"


@dataclass(frozen=True)
class External:
    name: str  # module in bench/
    group: str
    target: str
    full_args: tuple[str, ...]
    smoke_args: tuple[str, ...]
    full_timeout: float
    smoke_timeout: float


SEARCH = External(
    name="search",
    group="Search",
    target="p50 ≤ 5 ms at 100k files (SQLite)",
    full_args=(),
    smoke_args=("--smoke",),
    full_timeout=1800,
    smoke_timeout=180,
)
SOAK = External(
    name="soak",
    group="Soak",
    target="no 5xx; RSS flat",
    full_args=("--minutes", "10"),
    smoke_args=("--minutes", "0.2", "--warmup-seconds", "2"),
    full_timeout=1200,
    smoke_timeout=240,
)
WRITES = External(
    name="writes",
    group="Writes",
    target="no 5xx, nothing lost",
    full_args=(),
    smoke_args=("--seconds", "1", "--database", "sqlite"),
    full_timeout=600,
    smoke_timeout=180,
)
READS = External(
    name="reads",
    group="Reads",
    target="see its rows",
    full_args=(),
    smoke_args=("--quick",),
    full_timeout=1800,
    smoke_timeout=180,
)
STARTUP = External(
    name="startup",
    group="Start-up",
    target="see its rows",
    full_args=(),
    smoke_args=("--runs", "1"),
    full_timeout=600,
    smoke_timeout=180,
)


def _hook(name: str) -> Callable[[BenchContext], list[Row]] | None:
    if importlib.util.find_spec(f"bench.{name}") is None:
        return None
    hook = getattr(importlib.import_module(f"bench.{name}"), HOOK, None)
    return hook if callable(hook) else None


def run(ctx: BenchContext, bench: External) -> tuple[list[Row], str | None]:
    """The rows for the main table, and the script's own output for the report."""
    script = REPO / "bench" / f"{bench.name}.py"
    if not script.is_file():
        ctx.notes.append(f"bench/{bench.name}.py does not exist yet: not measured.")
        return [], None
    hook = _hook(bench.name)
    if hook is not None:
        return hook(ctx), None
    args: Sequence[str] = bench.smoke_args if ctx.smoke else bench.full_args
    timeout = bench.smoke_timeout if ctx.smoke else bench.full_timeout
    argv = [sys.executable, "-m", f"bench.{bench.name}", *args]
    ctx.record(argv)
    ctx.progress(f"running bench/{bench.name}.py (at most {timeout:.0f}s)")
    # Its own process group, like every server here, so an interrupted run can stop it.
    managed = ctx.procs.start(f"external-{bench.name}", argv, env=dict(os.environ), cwd=REPO)
    try:
        code = managed.process.wait(timeout)
    except subprocess.TimeoutExpired:
        ctx.procs.stop(managed)
        code = None
    ctx.procs.stop(managed)
    output = managed.output().rstrip()
    met: bool | None
    if code is None:
        figure, met = f"stopped after {timeout:.0f}s", False
    elif code == 0:
        figure, met = "see its section below", (None if ctx.smoke else True)
    else:
        figure, met = f"exit status {code} (see its section below)", False
    return [Row(bench.group, f"bench/{bench.name}.py", figure, bench.target, met)], output


BULK = External(
    name="bulk",
    group="Bulk",
    target="push ≤ 4 s, pull ≤ 3 s (1,000 files)",
    full_args=(),
    smoke_args=("--files", "100"),
    full_timeout=600,
    smoke_timeout=180,
)

EVENTS = External(
    name="events",
    group="Events",
    target="event cost on a write ≤ 10 % (CPU)",
    full_args=(),
    smoke_args=("--quick",),
    full_timeout=600,
    smoke_timeout=180,
)
WRITE_PATH = External(
    name="write_path",
    group="Writes",
    target="see its section",
    full_args=(),
    smoke_args=("--count", "20"),
    full_timeout=600,
    smoke_timeout=180,
)
CATALOG_USAGE = External(
    name="catalog_usage",
    group="Search",
    target="see its section",
    full_args=(),
    smoke_args=("--quick",),
    full_timeout=1800,
    smoke_timeout=180,
)
FEED_WAKEUP = External(
    name="feed_wakeup",
    group="Events",
    target="see its section",
    full_args=(),
    smoke_args=("--rounds", "3"),
    full_timeout=600,
    smoke_timeout=180,
)
