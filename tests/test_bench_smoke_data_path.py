"""The data-path benchmarks in a tiny mode: ``bench/writes.py`` and ``bench/reads.py`` must start
their server, do real writes and reads, check that nothing was lost, and print their tables. The
figures mean nothing here; the benchmarks are ``python -m bench.run --quick``."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


def _run(*args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", *args], capture_output=True, text=True, timeout=240, cwd=REPO
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_writes_bench_loses_nothing_and_prints_every_level() -> None:
    out = _run("bench.writes", "--seconds", "0.5", "--levels", "1,4", "--database", "sqlite")
    rows = re.findall(r"^sqlite\s+(\d+)\s+(\d+)\s.*\s(\d+)\s+(\d+)\s+\d+\s+\d+$", out, re.M)
    assert [r[0] for r in rows] == ["1", "4"], out
    assert all(
        int(created) > 0 and errors == "0" and lost == "0" for _, created, errors, lost in rows
    )
    assert "'database is locked' in the server log: 0" in out


def test_reads_bench_prints_every_call() -> None:
    out = _run("bench.reads", "--sizes", "300", "--calls", "10", "--database", "sqlite")
    for call in ("GET /files/{key}", "GET /projects/{key}, 200 files", "10 items", "1 MB"):
        assert re.search(rf"^sqlite\s+300\s+.*{re.escape(call)}", out, re.M), out


def test_bulk_bench_round_trips_the_tree_both_ways() -> None:
    # bench/bulk.py stops with an error when the pulled tree differs from the pushed one.
    out = _run("bench.bulk", "--files", "20")
    # Push and pull: wall time, server CPU, server run-queue wait, client CPU.
    numbers = r"(\s+[\d.]+){8}$"
    assert re.search(rf"^sequential{numbers}", out, re.M), out
    assert re.search(rf"^8 in flight{numbers}", out, re.M), out
    assert re.search(r"^  file by file(\s+[\d.]+){4}$", out, re.M), out


def test_write_path_bench_prints_cpu_and_statements_per_request() -> None:
    out = _run("bench.write_path", "--count", "5")
    match = re.search(
        r"info\s+[\d.]+ ms\s+create\s+[\d.]+ ms \(\s*[\d.]+x, ([\d.]+) statements\)"
        r"\s+update\s+[\d.]+ ms \(\s*[\d.]+x, ([\d.]+) statements\)",
        out,
    )
    assert match is not None, out
    assert float(match.group(1)) > 0 and float(match.group(2)) > 0, out
