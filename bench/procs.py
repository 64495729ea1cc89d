"""Child processes of a benchmark run: started pinned to a core, with output in a log file, and
all stopped when the run ends — normally, on an error, on Ctrl-C or on SIGTERM."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType


class ProcessFailed(RuntimeError):
    pass


@dataclass
class Managed:
    name: str
    process: subprocess.Popen[bytes]
    log_path: Path

    @property
    def pid(self) -> int:
        return self.process.pid

    def output(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""

    def wait_for(self, pattern: str, timeout: float) -> re.Match[str]:
        """Wait until the process prints a line matching ``pattern``."""
        regex = re.compile(pattern)
        deadline = time.monotonic() + timeout
        while True:
            match = regex.search(self.output())
            if match:
                return match
            if self.process.poll() is not None:
                raise ProcessFailed(
                    f"{self.name} exited with {self.process.returncode}:\n{self.tail()}"
                )
            if time.monotonic() > deadline:
                raise ProcessFailed(
                    f"{self.name} did not start within {timeout:.0f}s:\n{self.tail()}"
                )
            time.sleep(0.05)

    def tail(self, lines: int = 30) -> str:
        return "\n".join(self.output().splitlines()[-lines:])

    def alive(self) -> bool:
        return self.process.poll() is None


def pinned(core: int | None, argv: Sequence[str]) -> list[str]:
    """``argv`` run on one CPU core (``taskset`` execs the command, so the pid stays the same)."""
    if core is None:
        return list(argv)
    return ["taskset", "-c", str(core), *argv]


class Processes:
    """Owns every process it starts; leaving the ``with`` block stops them all."""

    def __init__(self, log_dir: Path) -> None:
        self.log_dir = log_dir
        self._started: list[Managed] = []
        self._previous_handlers: dict[int, object] = {}

    def __enter__(self) -> Processes:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        # SIGTERM/SIGHUP become KeyboardInterrupt, so the same unwinding as Ctrl-C stops the
        # children instead of leaving them behind.
        for signum in (signal.SIGTERM, signal.SIGHUP):
            self._previous_handlers[signum] = signal.signal(signum, _interrupt)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            self.stop_all()
        finally:
            for signum, handler in self._previous_handlers.items():
                signal.signal(signum, handler)  # type: ignore[arg-type]

    def start(
        self,
        name: str,
        argv: Sequence[str],
        *,
        env: Mapping[str, str] | None = None,
        cwd: Path | None = None,
    ) -> Managed:
        log_path = self.log_dir / f"{name}.log"
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                list(argv),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=dict(env) if env is not None else None,
                cwd=cwd,
                # Own process group: a Ctrl-C in the terminal reaches only this harness, which
                # then stops the children in order.
                start_new_session=True,
            )
        managed = Managed(name, process, log_path)
        self._started.append(managed)
        return managed

    def stop(self, managed: Managed, timeout: float = 15.0) -> None:
        if managed.alive():
            _signal_group(managed.process, signal.SIGTERM)
            try:
                managed.process.wait(timeout)
            except subprocess.TimeoutExpired:
                _signal_group(managed.process, signal.SIGKILL)
                managed.process.wait()
        if managed in self._started:
            self._started.remove(managed)

    def stop_all(self) -> None:
        while self._started:
            self.stop(self._started[-1])


def _signal_group(process: subprocess.Popen[bytes], signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signum)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def run_bounded(
    argv: Sequence[str],
    *,
    timeout: float,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """A short command (CLI call, load generator) that must finish within ``timeout`` seconds."""
    try:
        return subprocess.run(
            list(argv),
            capture_output=True,
            text=True,
            timeout=timeout,
            env=dict(env) if env is not None else None,
            cwd=cwd,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise ProcessFailed(f"{argv[0]} did not finish within {timeout:.0f}s") from exc
