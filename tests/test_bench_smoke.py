"""The benchmark harness in smoke mode (seconds, tiny sizes): it must start its servers, drive
real load, print the table, write the report and leave no process behind. Its figures mean
nothing; the benchmark itself is ``python -m bench.run`` (docs/benchmarks.md)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bench.report import END_MARKER

REPO = Path(__file__).resolve().parents[1]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        shutil.which("wrk") is None or shutil.which("npm") is None,
        reason="the harness needs wrk and npm (scripts/test installs them)",
    ),
]


def _children_of(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # Field 4 (after the parenthesised command name) is the parent pid.
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent == pid:
            found.append(int(entry.name))
    return found


def _started(pid: int) -> int | None:
    """When the process started (clock ticks since boot), None once it is gone: with its pid,
    what tells it from a later process given the same pid (a long suite wraps pid_max)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # Field 22; the fields after the parenthesised command name start at field 3.
    return int(stat.rsplit(")", 1)[1].split()[19])


def test_smoke_run_prints_table_and_writes_report(tmp_path: Path) -> None:
    report = tmp_path / "benchmarks.md"
    # A report of an earlier run, with notes by hand after its end marker.
    report.write_text(f"# Old run\n\nstale rows\n\n{END_MARKER}\n\n## Notes by hand\n\nkept\n")
    process = subprocess.Popen(
        # bench/search.py and bench/soak.py have smoke modes (and tests) of their own.
        [
            sys.executable,
            "-m",
            "bench.run",
            "--smoke",
            "--only",
            "issuer",
            "--only",
            "sdk",
            "--only",
            "api",
            "--only",
            "bearer",
            "--output",
            str(report),
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        # Well inside pytest's 300 s: the first files of the run (this one among them) share
        # the cores with the static checks and the PostgreSQL pass.
        output, _ = process.communicate(timeout=240)
    finally:
        _stop(process)
    assert process.returncode == 0, output

    for subject in (
        "ES256: camunda-hub",
        "ES256: node-oidc-provider",
        "ES256: camunda-hub / node-oidc-provider",
        "GET /api/v2/info, authenticated",
        "GET /hello, bare FastAPI on uvicorn",
        "token requests for 100 concurrent info() calls",
        "HubClient.info() over bare httpx",
        "ES256: verify_header, CPU per call",
        "RSS idle",
    ):
        assert subject in output, output
    text = report.read_text()
    assert "stale rows" not in text
    assert text.count(END_MARKER) == 1
    assert text.endswith(f"{END_MARKER}\n\n## Notes by hand\n\nkept\n")
    assert "## Results" in text and "## Machine" in text and "## How to run" in text
    assert "| Token endpoint | ES256: camunda-hub |" in text
    assert "tokens/s" in text and "req/s" in text
    # The exact commands are recorded, and nothing secret is among them.
    assert "wrk --threads 1" in text
    assert "client_secret=" not in text and "Bearer ey" not in text
    assert "camunda-hub / node-oidc-provider" in text
    # The SDK's token cache lets exactly one token request through for the burst.
    assert "| SDK | token requests for 100 concurrent info() calls | 1 (" in text


def test_interrupted_run_stops_every_process(tmp_path: Path) -> None:
    """SIGTERM in the middle of a run: the harness exits and its servers are gone."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "bench.run",
            "--smoke",
            "--only",
            "api",
            "--duration",
            "30",
            "--output",
            str(tmp_path / "never.md"),
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        # Wait until the harness has a server running under it (or gives up).
        servers: list[int] = []
        for _ in range(600):
            servers = _children_of(process.pid)
            if servers and any(_is_bench_server(_cmdline(pid)) for pid in servers):
                break
            if process.poll() is not None:
                break
            time.sleep(0.1)
        assert servers, "the harness started no server"
        started = {pid: _started(pid) for pid in servers}
        process.terminate()
        output, _ = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode != 0
    for pid in servers:
        assert _started(pid) != started[pid] or _is_zombie(pid), output
    assert not (tmp_path / "never.md").exists()


def _is_bench_server(cmdline: str) -> bool:
    # The API run starts `camunda-hub serve` and a bare FastAPI app (bench/hub.py).
    return any(
        name in cmdline for name in ("camunda_hub serve", "bench.bare_fastapi", "bench.apps")
    )


def _stop(process: subprocess.Popen[str]) -> None:
    """SIGTERM first, so the harness stops the servers it started (SIGKILL leaves them running)."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _is_zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True
