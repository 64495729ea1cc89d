"""Benchmark: ``push`` of a folder tree of BPMN files into an empty project and ``pull`` of it
into an empty folder, through the SDK calls the CLI makes (``hub.files.push_tree`` /
``pull_tree``), one file at a time (the sequential path ``camunda-hub push``/``pull`` had) and
with bounded concurrency, side by side against one server. The concurrent variants pull twice:
with the default (many files' content from one project export) and file by file
(``archive=False``, one GET each).

    .venv/bin/python -m bench.bulk                 # 1,000 x 10 KB BPMN in 10 folders
    .venv/bin/python -m bench.bulk --quick         # 200 files
    .venv/bin/python -m bench.bulk --files 500 --concurrency 16

A real server (``camunda-hub serve``, SQLite, default configuration) runs pinned to one core,
the client on the other. Each variant pushes into a project of its own and pulls into a folder
of its own; the pulled tree must equal the pushed one byte for byte. Each phase reports its wall
time, the server's CPU time and its run-queue wait (runnable, but its core busy with another
process: on a shared machine that, not the work, often sets the wall time), and the client's CPU
time (this process). Targets (issue 12): push ≤ 4 s, pull ≤ 3 s for 1,000 files."""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parents[1]
for entry in (str(ROOT), str(ROOT / "bench")):
    if entry not in sys.path:
        sys.path.insert(0, entry)

from bench.context import pick_cores  # noqa: E402
from bench.writes import bpmn, serve, server_cpu_seconds  # noqa: E402
from camunda_hub.client import HubClient  # noqa: E402
from camunda_hub.client.sync_state import STATE_FILE  # noqa: E402

if TYPE_CHECKING:
    from bench.context import BenchContext
    from bench.report import Row

FILE_BYTES = 10_000
FOLDERS = 10
PUSH_TARGET_S = 4.0
PULL_TARGET_S = 3.0


@dataclass(frozen=True)
class Timed:
    seconds: float
    server_cpu: float
    # This process's CPU time (the SDK's threads: httpx, JSON, the local files).
    client_cpu: float
    # Time the server's threads were runnable but not running: another process had its core.
    server_waited: float
    summary: dict[str, int]


@dataclass(frozen=True)
class Variant:
    label: str
    concurrency: int
    push: Timed
    pull: Timed
    # The same pull with one request per file (``archive=False``), for the concurrent variants.
    pull_by_file: Timed | None = None


def make_tree(root: Path, files: int) -> None:
    padding = "<!-- " + "x" * 990 + " -->\n"
    for i in range(files):
        name = f"process-{i:04d}"
        head = bpmn(name)
        text = head + padding * max(0, (FILE_BYTES - len(head)) // len(padding))
        folder = root / f"folder-{i % FOLDERS:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{name}.bpmn").write_text(text, encoding="utf-8")


def _files_of(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file() and p.name != STATE_FILE
    }


def _waited_seconds(pid: int) -> float:
    """Run-queue wait of every thread of the process so far (schedstat's second field)."""
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(FileNotFoundError, ProcessLookupError, IndexError):
            total += int((task / "schedstat").read_text().split()[1])
    return total / 1e9


def _timed(pid: int, action: object) -> Timed:
    cpu, waited, client = server_cpu_seconds(pid), _waited_seconds(pid), time.process_time()
    started = time.perf_counter()
    result = action()  # type: ignore[operator]
    seconds = time.perf_counter() - started
    return Timed(
        seconds,
        server_cpu_seconds(pid) - cpu,
        time.process_time() - client,
        _waited_seconds(pid) - waited,
        result.summary,
    )


def measure(files: int, concurrencies: list[int]) -> list[Variant]:
    server_core, load_core = pick_cores()
    with (
        tempfile.TemporaryDirectory(prefix="bench-bulk-") as work,
        serve("sqlite", server_core) as served,
    ):
        if load_core is not None:
            os.sched_setaffinity(0, {load_core})
        source = Path(work) / "source"
        make_tree(source, files)
        creds = served.server.create_client("create", "read", "update", name="bulk-bench")
        variants = []
        with HubClient(
            client_id=creds.client_id,
            client_secret=creds.client_secret,
            oauth_url=served.server.token_url,
            rest_url=served.server.url,
            timeout=120,
        ) as hub:
            workspace = hub.workspaces.create("bulk")
            for concurrency in concurrencies:
                label = "sequential" if concurrency == 1 else f"{concurrency} in flight"
                project = hub.projects.create(label, workspace.workspace_key).project_key
                pushed = Path(work) / f"push-{concurrency}"
                shutil.copytree(source, pushed)
                push = _timed(
                    served.pid,
                    lambda p=project, d=pushed, c=concurrency: hub.files.push_tree(
                        d, p, concurrency=c
                    ),
                )
                # Sequential is the path the CLI had: one GET per file. The others pull with
                # the default (the export for many files), then again file by file.
                pulls = []
                for archive in (False,) if concurrency == 1 else (True, False):
                    target = Path(work) / f"pull-{concurrency}-{archive}"
                    pulls.append(
                        _timed(
                            served.pid,
                            lambda p=project, d=target, c=concurrency, a=archive: (
                                hub.files.pull_tree(p, d, concurrency=c, archive=a)
                            ),
                        )
                    )
                    if _files_of(target) != _files_of(source):
                        raise SystemExit(f"{label}: the pulled tree differs from the pushed one")
                if push.summary.get("created") != files:
                    raise SystemExit(f"{label}: not every file was created")
                variants.append(Variant(label, concurrency, push, *pulls))
        return variants


def print_results(files: int, variants: list[Variant]) -> None:
    print(f"{files:,} BPMN files x {FILE_BYTES // 1000} KB in {FOLDERS} folders, SQLite")
    print("server: CPU and run-queue wait of the server process; client: CPU of this process")
    print(
        f"{'variant':<14} {'push s':>7} {'server':>7} {'waited':>7} {'client':>7}"
        f" {'pull s':>7} {'server':>7} {'waited':>7} {'client':>7}"
    )

    def columns(t: Timed) -> str:
        return (
            f" {t.seconds:>7.2f} {t.server_cpu:>7.2f} {t.server_waited:>7.2f} {t.client_cpu:>7.2f}"
        )

    for v in variants:
        print(f"{v.label:<14}" + columns(v.push) + columns(v.pull))
        if v.pull_by_file is not None:
            print(f"{'  file by file':<14}" + " " * 32 + columns(v.pull_by_file))


def rows(files: int, variants: list[Variant]) -> list[Row]:
    from bench.report import Row

    before = variants[0]
    out = []
    for v in variants[1:]:
        # The file-by-file pull is a comparison, not what the target is about.
        for what, timed, old, target in (
            ("push", v.push, before.push, PUSH_TARGET_S),
            ("pull", v.pull, before.pull, PULL_TARGET_S),
            ("pull (file by file)", v.pull_by_file, before.pull, None),
        ):
            if timed is None:
                continue
            scaled = None if target is None else target * files / 1000
            out.append(
                Row(
                    "Bulk",
                    f"sqlite: {what} of {files:,} x 10 KB BPMN in {FOLDERS} folders, {v.label}",
                    f"{timed.seconds:.2f} s (server CPU {timed.server_cpu:.2f} s, client CPU "
                    f"{timed.client_cpu:.2f} s); sequential "
                    f"{old.seconds:.2f} s: {old.seconds / timed.seconds:.2f}x faster",
                    "—" if scaled is None else f"≤ {scaled:g} s",
                    None if scaled is None else timed.seconds <= scaled,
                )
            )
    return out


def run_in_harness(ctx: BenchContext) -> list[Row]:
    files = 100 if ctx.smoke else 200 if ctx.quick else 1000
    argv = [sys.executable, "-m", "bench.bulk", "--files", str(files)]
    ctx.record(argv)
    ctx.progress(f"bulk push/pull of {files} files")
    variants = measure(files, [1, 8])
    print_results(files, variants)
    return rows(files, variants)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="200 files")
    parser.add_argument("--files", type=int, default=None, help="how many files (default 1000)")
    parser.add_argument("--concurrency", type=int, default=8, help="files in flight (default 8)")
    parser.add_argument(
        "--sequential", action="store_true", help="only the sequential path (one file at a time)"
    )
    args = parser.parse_args(argv)
    files = args.files or (200 if args.quick else 1000)
    concurrencies = [1] if args.sequential else [1, args.concurrency]
    variants = measure(files, concurrencies)
    print_results(files, variants)
    # A tree that does not come back the same has already stopped the run (SystemExit); the
    # targets are verdicts in bench.run's table, not a failure of the script.
    return 0


if __name__ == "__main__":
    sys.exit(main())
