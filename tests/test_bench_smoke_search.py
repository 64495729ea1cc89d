"""The search benchmark in smoke mode (tiny sizes, seconds): it must start its server, seed
through the product's tables, run real searches that find the seeded files, and print its table.
Its figures mean nothing here; the benchmark itself is ``python bench/search.py``.

Run once per database, and the plans checked: on PostgreSQL the folder searches must show the name
prefix as an index condition, which only the ``varchar_pattern_ops`` indexes of migration 0009
give under a non-C collation (the migration test cannot see operator classes: Alembic does not
compare them), and the organization-wide "recent" search must read the newest live rows from
the partial index of migration 0011 instead of sorting the organization."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

# Minutes, not seconds, on these machines: outside the quick loop (-m "not slow").
pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
ROW = re.compile(
    r"^(sqlite|postgres)\s+(\d+)\s+(floor GET/info|typical|shared|recent)\s+([\d.]+)\s+([\d.]+)\s+"
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
        for kind in ("floor GET/info", "typical", "shared", "recent")
    }, stdout
    # The searches really found seeded files (a typical folder holds a few of each prefix).
    typical_totals = [
        int(total) for _db, _size, kind, *_, total, _growth in rows if kind == "typical"
    ]
    assert max(typical_totals) > 0, stdout
    assert f"{database}: seeded 1000 files" in stdout


def plans(stdout: str, database: str) -> dict[tuple[int, str], str]:
    """``--explain`` output by (size, query): the plan lines after each heading."""
    found: dict[tuple[int, str], str] = {}
    heading = re.compile(rf"^{database} (\d+) files, (.+):$")
    current: tuple[int, str] | None = None
    for line in stdout.splitlines():
        if match := heading.match(line):
            current = (int(match[1]), match[2])
            found[current] = ""
        elif current is not None and line.startswith("  plan: "):
            found[current] += line + "\n"
        elif not line.startswith("SELECT"):
            current = None
    assert set(found) == {
        (size, query)
        for size in (200, 1000)
        for query in ("typical folder", "shared folder", "recent, organization-wide")
    }, stdout
    return found


def test_search_benchmark_smoke_run() -> None:
    stdout = run_smoke("sqlite")
    check_table(stdout, "sqlite")
    # Served by an index, never a scan of the whole table.
    for (_size, query), plan in plans(stdout, "sqlite").items():
        assert re.search(r"plan: SEARCH files USING (COVERING )?INDEX", plan), (query, plan)
        assert "plan: SCAN files" not in plan, (query, plan)
        if query.startswith("recent"):
            assert "ix_files_org_updated_live" in plan, plan


@pytest.mark.postgres
def test_search_benchmark_smoke_run_on_postgres() -> None:
    stdout = run_smoke("postgres")
    check_table(stdout, "postgres")
    found = plans(stdout, "postgres")
    # Every folder plan (2 sizes x 2 folder kinds) is an index scan whose condition includes the
    # name prefix as a range (name ~>=~ 'order' AND name ~<~ 'ordes'), not a filter applied to
    # every row of the folder afterwards.
    for size in (200, 1000):
        for query in ("typical folder", "shared folder"):
            plan = found[(size, query)]
            conditions = re.findall(r"Index Cond: (.*)", plan)
            assert len(conditions) == 1, plan
            assert "~>=~" in conditions[0] and "~<~" in conditions[0], plan
            assert "Seq Scan on files" not in plan, plan
    # Past a few hundred rows the newest page is one end of the live-rows index, read backwards
    # (at 200 rows PostgreSQL rightly prefers to sort the table).
    recent = found[(1000, "recent, organization-wide")]
    assert "Index Scan Backward using ix_files_org_updated_live" in recent, recent
