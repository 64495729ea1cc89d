"""The search benchmark in smoke mode (tiny sizes, seconds): it must start its server, seed
through the product's tables, run real searches that find the seeded files, and print its table.
Its figures mean nothing here; the benchmark itself is ``python bench/search.py``.

Run once per database: on PostgreSQL the plan must show the name prefix as an index condition,
which only the ``varchar_pattern_ops`` indexes of migration 0009 give under a non-C collation
(the migration test cannot see operator classes: Alembic does not compare them)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
ROW = re.compile(
    r"^(sqlite|postgres)\s+(\d+)\s+(floor GET/info|typical|shared)\s+([\d.]+)\s+([\d.]+)\s+"
    r"([\d.]+)\s+(\d+)\s+([\d.]+)x$",
    re.M,
)


def run_smoke(database: str) -> str:
    result = subprocess.run(
        [
            sys.executable,
            str(REPO / "bench" / "search.py"),
            "--smoke",
            "--explain",
            "--database",
            database,
        ],
        capture_output=True,
        text=True,
        timeout=240,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def check_table(stdout: str, database: str) -> None:
    rows = ROW.findall(stdout)
    assert {(db, int(size), kind) for db, size, kind, *_ in rows} == {
        (database, size, kind)
        for size in (200, 1000)
        for kind in ("floor GET/info", "typical", "shared")
    }, stdout
    # The searches really found seeded files (a typical folder holds a few of each prefix).
    typical_totals = [
        int(total) for _db, _size, kind, *_, total, _growth in rows if kind == "typical"
    ]
    assert max(typical_totals) > 0, stdout
    assert f"{database}: seeded 1000 files" in stdout


def test_search_benchmark_smoke_run() -> None:
    stdout = run_smoke("sqlite")
    check_table(stdout, "sqlite")
    # Served by an index, never a scan of the whole table.
    assert re.search(r"plan: SEARCH files USING (COVERING )?INDEX", stdout), stdout
    assert "plan: SCAN files" not in stdout


@pytest.mark.postgres
def test_search_benchmark_smoke_run_on_postgres() -> None:
    stdout = run_smoke("postgres")
    check_table(stdout, "postgres")
    # Every plan (2 sizes x 2 folder kinds) is an index scan whose condition includes the
    # name prefix as a range (name ~>=~ 'order' AND name ~<~ 'ordes'), not a filter applied to
    # every row of the folder afterwards.
    conditions = re.findall(r"plan: .*Index Cond: (.*)", stdout)
    assert len(conditions) == 4, stdout
    assert all("~>=~" in c and "~<~" in c for c in conditions), stdout
    assert "Seq Scan on files" not in stdout
