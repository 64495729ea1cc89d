"""The search benchmark in smoke mode (tiny sizes, seconds): it must start its server, seed
through the product's tables, run real searches that find the seeded files, and print its table.
Its figures mean nothing here; the benchmark itself is ``python bench/search.py``."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ROW = re.compile(
    r"^\s*(\d+)\s+(floor GET/info|typical|shared)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+(\d+)\s+([\d.]+)x$",
    re.M,
)


def test_search_benchmark_smoke_run() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "bench" / "search.py"), "--smoke", "--explain"],
        capture_output=True,
        text=True,
        timeout=240,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    rows = ROW.findall(result.stdout)
    assert {(int(size), kind) for size, kind, *_ in rows} == {
        (size, kind) for size in (200, 1000) for kind in ("floor GET/info", "typical", "shared")
    }, result.stdout
    # The searches really found seeded files (a typical folder holds a few of each prefix).
    typical_totals = [int(total) for size, kind, *_, total, _growth in rows if kind == "typical"]
    assert max(typical_totals) > 0, result.stdout
    # Served by an index, never a scan of the whole table.
    assert re.search(r"plan: SEARCH files USING (COVERING )?INDEX", result.stdout), result.stdout
    assert "plan: SCAN files" not in result.stdout
    assert "seeded 1000 files" in result.stdout
