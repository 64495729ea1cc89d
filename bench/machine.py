"""A description of the machine and software a run measured on, for the report."""

from __future__ import annotations

import os
import platform
import re
from importlib import metadata
from pathlib import Path

from bench.procs import run_bounded


def _cpu_model() -> str:
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return platform.processor() or "unknown"
    match = re.search(r"^model name\s*:\s*(.+)$", text, re.M)
    return match.group(1).strip() if match else "unknown"


def _memory() -> str:
    try:
        text = Path("/proc/meminfo").read_text()
    except OSError:
        return "unknown"
    match = re.search(r"^MemTotal:\s*(\d+) kB", text, re.M)
    return f"{int(match.group(1)) / 1024 / 1024:.1f} GiB" if match else "unknown"


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def _wrk_version() -> str:
    try:
        result = run_bounded(["wrk", "--version"], timeout=10)
    except (OSError, RuntimeError):
        return "not installed"
    first = (result.stdout or result.stderr).splitlines()
    return first[0].strip() if first else "unknown"


def describe(
    server_core: int | None, load_core: int | None, extra: list[tuple[str, str]]
) -> list[tuple[str, str]]:
    load = os.getloadavg()
    pinning = (
        f"server on core {server_core}, load generator on core {load_core} (taskset)"
        if server_core is not None
        else "none (fewer than two cores available)"
    )
    return [
        ("CPU", f"{_cpu_model()}, {os.cpu_count()} logical cores"),
        ("Memory", _memory()),
        ("OS", f"{platform.system()} {platform.release()} ({platform.machine()})"),
        ("Load average at start", " / ".join(f"{value:.2f}" for value in load)),
        ("Pinning", pinning),
        ("Python", platform.python_version()),
        (
            "Server stack",
            ", ".join(
                f"{name} {_version(name)}"
                for name in (
                    "camunda-hub",
                    "fastapi",
                    "starlette",
                    "uvicorn",
                    "uvloop",
                    "httptools",
                    "pyjwt",
                    "cryptography",
                )
            ),
        ),
        ("Load generator", _wrk_version()),
        *extra,
    ]
