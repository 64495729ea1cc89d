"""What every benchmark gets: the run's options, its process owner, where to put files, and the
record of commands it ran (written to docs/benchmarks.md)."""

from __future__ import annotations

import os
import re
import shlex
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.procs import Processes

REPO = Path(__file__).resolve().parents[1]


@dataclass
class BenchContext:
    smoke: bool
    duration: float  # seconds of load per measured run
    warmup: float  # seconds of load before each measured run (JIT, caches, connection set-up)
    connections: int  # concurrent connections of the load generator
    server_core: int | None  # the one core every measured server is pinned to
    load_core: int | None  # the core the load generator runs on
    work_dir: Path  # scratch space: data folders, logs
    procs: Processes
    profile_dir: Path | None = None  # set: record py-spy profiles of the hot paths
    quick: bool = False  # --quick: smaller sizes and shorter runs where a bench offers them
    commands: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)

    def progress(self, message: str) -> None:
        """A line on stderr, so a long run shows where it is (the table goes to stdout)."""
        print(f"[{time.monotonic() - self.started:6.1f}s] {message}", file=sys.stderr, flush=True)

    def record(self, argv: Sequence[str]) -> None:
        """Remember a command for the report (arguments that carry secrets are never passed on
        a command line, so the record is safe to publish)."""
        text = " ".join(shlex.quote(part) for part in argv)
        text = text.replace(str(REPO) + "/", "").replace(str(self.work_dir), "$WORK")
        # Ports and pids differ from run to run; the command is the same.
        text = re.sub(r"127\.0\.0\.1:\d+", "127.0.0.1:$PORT", text)
        text = re.sub(r"--pid \d+", "--pid $SERVER_PID", text)
        text = re.sub(r"bench/results/[^/ ]+/", "bench/results/$RUN/", text)
        if text not in self.commands:
            self.commands.append(text)

    def data_dir(self, name: str) -> Path:
        path = self.work_dir / name
        path.mkdir(parents=True, exist_ok=True)
        return path


def pick_cores() -> tuple[int | None, int | None]:
    """One core for the server, another for the load generator; no pinning on a single core."""
    cores = sorted(os.sched_getaffinity(0))
    if len(cores) < 2:
        return None, None
    return cores[0], cores[1]
