"""Sampling profiles (py-spy) of a server under load, boiled down to where the time goes: self
time by package and by function, and inclusive time of the functions that matter."""

from __future__ import annotations

import re
import shutil
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.context import BenchContext
from bench.loadgen import Load
from bench.procs import ProcessFailed

SAMPLE_RATE = 250  # per second: enough detail; each sample pauses the server briefly
FRAME = re.compile(r"^(?P<func>.+?) \((?P<file>.+?)(?::\d+)?\)$")

# Where a file belongs, first match wins (checked against the path).
PACKAGES = (
    ("camunda_hub", "camunda-hub"),
    ("/jwt/", "pyjwt"),
    ("/cryptography/", "cryptography"),
    ("/fastapi/", "fastapi"),
    ("/starlette/", "starlette"),
    ("/uvicorn/", "uvicorn"),
    ("/pydantic", "pydantic"),
    ("/anyio/", "anyio"),
    ("/sqlalchemy/", "sqlalchemy"),
    ("/asyncio/", "asyncio"),
    ("/json/", "json"),
    ("/urllib/", "urllib"),
    ("/email/", "email"),
)


@dataclass
class Profile:
    name: str
    samples: int
    load: Load
    by_package: list[tuple[str, float]]  # self time share
    self_functions: list[tuple[str, float]]
    by_layer: list[tuple[str, float]]  # self time, libraries charged to the frame calling them
    inclusive_functions: list[tuple[str, float]]  # camunda-hub's own functions
    raw_path: Path

    def markdown(self) -> str:
        def table(title: str, entries: list[tuple[str, float]]) -> list[str]:
            lines = [f"| {title} | share of samples |", "| --- | --- |"]
            lines += [f"| `{name}` | {share:.1%} |" for name, share in entries]
            return lines

        parts = [
            f"### {self.name}",
            "",
            f"{self.samples} samples at {SAMPLE_RATE}/s while wrk ran "
            f"{self.load.per_second:,.0f} requests/s (py-spy slows the server a little). "
            f"Raw stacks: `{self.raw_path.name}`.",
            "",
            *table("self time by package", self.by_package),
            "",
            *table("self time by function", self.self_functions),
            "",
            *table(
                "time by layer (a library's time charged to the server, ASGI or HTTP frame "
                "that called it)",
                self.by_layer,
            ),
            "",
            *table("inclusive time of camunda-hub functions", self.inclusive_functions),
        ]
        return "\n".join(parts)


def _package(path: str) -> str:
    path = "/" + path
    for marker, name in PACKAGES:
        if marker in path:
            return name
    if "site-packages" in path:
        return path.split("site-packages/", 1)[1].split("/", 1)[0]
    if path.startswith("<"):
        return "native/builtins"
    return "python stdlib" if "/lib/python" in path else path


def _parse(line: str) -> tuple[list[tuple[str, str]], int] | None:
    stack, _, count = line.rpartition(" ")
    if not stack or not count.isdigit():
        return None
    frames = []
    for frame in stack.split(";"):
        match = FRAME.match(frame)
        if match:
            frames.append((match.group("func"), match.group("file")))
        else:
            frames.append((frame, "<unknown>"))
    return frames, int(count)


def _short(func: str, file: str) -> str:
    module = file
    for anchor in ("site-packages/", "src/", "/lib/python3.11/"):
        if anchor in module:
            module = module.split(anchor, 1)[1]
            break
    return f"{module.removesuffix('.py').replace('/', '.')}.{func}"


def _event_loop_samples(raw: Path) -> list[tuple[list[tuple[str, str]], int]]:
    """The samples of the thread that runs the event loop (where every request is served);
    worker threads (aiosqlite, thread pool) mostly wait and would drown the picture."""
    by_thread: dict[str, list[tuple[list[tuple[str, str]], int]]] = {}
    for line in raw.read_text().splitlines():
        parsed = _parse(line)
        if parsed is None:
            continue
        frames, count = parsed
        if not frames or not frames[0][0].startswith("thread"):
            continue
        by_thread.setdefault(frames[0][0], []).append((frames[1:], count))

    def loop_weight(samples: list[tuple[list[tuple[str, str]], int]]) -> int:
        return sum(n for frames, n in samples if any(f == "Runner.run" for f, _ in frames))

    if not by_thread:
        return []
    return max(by_thread.values(), key=loop_weight)


LAYERS = ("camunda_hub/server", "fastapi/", "starlette/", "uvicorn/")


def summarize(name: str, raw: Path, load: Load, top: int = 15) -> Profile:
    by_package: Counter[str] = Counter()
    self_time: Counter[str] = Counter()
    by_layer: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    total = 0
    for frames, count in _event_loop_samples(raw):
        total += count
        if not frames:
            continue
        func, file = frames[-1]
        by_package[_package(file)] += count
        self_time[_short(func, file)] += count
        layer = next(
            (_short(f, fl) for f, fl in reversed(frames) if any(m in fl for m in LAYERS)),
            "event loop (uvloop, outside any request)",
        )
        by_layer[layer] += count
        seen = set()
        for func, file in frames:
            if "camunda_hub/server" in file:
                key = _short(func, file)
                if key not in seen:
                    seen.add(key)
                    inclusive[key] += count
    share = (lambda n: n / total) if total else (lambda n: 0.0)
    return Profile(
        name=name,
        samples=total,
        load=load,
        by_package=[(k, share(v)) for k, v in by_package.most_common(top)],
        self_functions=[(k, share(v)) for k, v in self_time.most_common(top)],
        by_layer=[(k, share(v)) for k, v in by_layer.most_common(top + 5)],
        inclusive_functions=[(k, share(v)) for k, v in inclusive.most_common(top)],
        raw_path=raw,
    )


def py_spy() -> str:
    found = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    if not Path(found).exists():
        raise ProcessFailed("py-spy is not installed (pip install py-spy; it is in the dev extra)")
    return found


def profile_under_load(
    ctx: BenchContext, *, pid: int, name: str, load: Callable[[float], Load]
) -> Profile:
    """Sample ``pid`` with py-spy while ``load`` runs for the measured duration."""
    assert ctx.profile_dir is not None
    ctx.profile_dir.mkdir(parents=True, exist_ok=True)
    raw = ctx.profile_dir / f"{name}.txt"
    seconds = max(1, round(ctx.duration))
    argv = [
        py_spy(),
        "record",
        "--pid",
        str(pid),
        "--rate",
        str(SAMPLE_RATE),
        "--duration",
        str(seconds),
        "--format",
        "raw",
        "--threads",
        "--output",
        str(raw),
    ]
    ctx.record(argv)
    recorder = ctx.procs.start(f"py-spy-{name}", argv)
    result = load(seconds)
    try:
        recorder.process.wait(seconds + 30)
    finally:
        ctx.procs.stop(recorder)
    if recorder.process.returncode != 0 or not raw.exists():
        raise ProcessFailed(f"py-spy failed:\n{recorder.tail()}")
    return summarize(name, raw, result)
