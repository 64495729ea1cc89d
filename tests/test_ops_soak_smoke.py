"""``bench/soak.py`` in smoke mode: it starts PostgreSQL and two servers, drives real traffic,
prints its figures, exits 0 (no 5xx) and leaves nothing running. The figures mean nothing here."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def test_soak_smoke_run() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bench.soak", "--smoke"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "status classes: {'2xx'" in out
    assert "5xx" not in out
    assert out.count(" RSS: start ") == 2
    leftovers = subprocess.run(
        ["pgrep", "-f", "camunda-hub-soak-"], capture_output=True, text=True
    ).stdout.split()
    assert leftovers == []
