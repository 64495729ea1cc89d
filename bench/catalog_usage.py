"""Catalog and usage searches at 1k and 10k files: parsing every model per request (before) versus
reading ``file_template_usages`` (after), and what maintaining that table costs a file create.

    .venv/bin/python -m bench.catalog_usage                       # 1k and 10k, SQLite and PostgreSQL
    .venv/bin/python -m bench.catalog_usage --database sqlite --sizes 1000
    .venv/bin/python -m bench.catalog_usage --quick               # 200 files, SQLite, seconds

In-process, at the service layer (the HTTP stack around a search is the same before and after):
an organization with a 20-asset catalog and BPMN files of ~30 tasks with diagram shapes (~9 KB),
half of them applying templates. Per size and database, the two costly steps of the searches are
timed, old and new alternated in one run:

- "catalog search": the usage of every asset (``catalog.usages``), the step of
  ``POST /catalog/assets/search``;
- "usage search": the users of one asset (``catalog_usage_search.asset_uses``), the step of
  ``POST /catalog/assets/{key}/project-usages/search`` and ``…/file-usages/search``.

"Before" is the previous implementation, kept here verbatim: load every live BPMN file whose
content mentions ``modelerTemplate`` and parse it in a worker thread. Both answers are compared
on every run. The write-path figure is ``files.create`` (one transaction per file, templates in
the content) with and without the ``template_usages.record`` call, alternated in rounds."""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]

from sqlalchemy import insert, select  # noqa: E402
from sqlalchemy.ext.asyncio import AsyncSession  # noqa: E402

from camunda_hub.server.security.principal import Principal  # noqa: E402
from camunda_hub.server.services.hub import (  # noqa: E402
    catalog,
    catalog_usage,
    catalog_usage_search,
    files,
    template_usages,
)
from camunda_hub.server.services.hub.catalog_usage import Use  # noqa: E402
from camunda_hub.server.store import migrate  # noqa: E402
from camunda_hub.server.store.db import Database  # noqa: E402
from camunda_hub.server.store.schema.catalog import CatalogAsset, FileTemplateUsage  # noqa: E402
from camunda_hub.server.store.schema.hub import File, Project, Workspace  # noqa: E402
from camunda_hub.server.store.schema.identity import Organization  # noqa: E402

ZEEBE = "http://camunda.org/schema/zeebe/1.0"
ASSETS = 20
PROJECTS = 50
NOW = datetime(2026, 1, 1, tzinfo=UTC)


def model(n: int) -> str:
    """A ~9 KB BPMN model; every other one applies two templates (one at an older version)."""
    tasks, shapes = [], []
    for t in range(30):
        applied = ""
        if n % 2 == 0 and t < 2:
            template = f"io.bench.t{(n + t) % ASSETS}"
            applied = f' zeebe:modelerTemplate="{template}" zeebe:modelerTemplateVersion="{1 + (n + t) % 3}"'
        tasks.append(f'    <bpmn:serviceTask id="Task_{t}" name="Step {t}"{applied}/>\n')
        shapes.append(
            f'      <bpmndi:BPMNShape id="Task_{t}_di" bpmnElement="Task_{t}">'
            f'<dc:Bounds x="{160 + 150 * t}" y="80" width="100" height="80"/></bpmndi:BPMNShape>\n'
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<bpmn:definitions '
        'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
        'xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" '
        'xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" '
        f'xmlns:zeebe="{ZEEBE}" id="Definitions_{n}">\n'
        f'  <bpmn:process id="Process_{n}" isExecutable="true">\n{"".join(tasks)}  </bpmn:process>\n'
        f'  <bpmndi:BPMNDiagram id="D_{n}"><bpmndi:BPMNPlane id="P_{n}" bpmnElement="Process_{n}">\n'
        f"{''.join(shapes)}    </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>\n</bpmn:definitions>\n"
    )


# -- before: the previous implementation, verbatim ---------------------------------------------


async def parsed_uses(
    session: AsyncSession, organization_id: str, template_ids: Iterable[str]
) -> dict[str, list[Use]]:
    wanted = set(template_ids)
    rows = await session.execute(
        select(File.key, File.project_key, Project.workspace_key, File.content)
        .join(Project, Project.key == File.project_key)
        .where(
            File.organization_id == organization_id,
            File.deleted.is_(None),
            File.type == "bpmn",
            File.content.contains("modelerTemplate", autoescape=True),
        )
    )
    return await asyncio.to_thread(_parse_all, wanted, list(rows))


def _parse_all(wanted: set[str], rows: list[Any]) -> dict[str, list[Use]]:
    uses: dict[str, list[Use]] = defaultdict(list)
    for file_key, project_key, workspace_key, content in rows:
        for template, versions in catalog_usage.template_versions(content).items():
            if template in wanted:
                uses[template].append(
                    Use(file_key, project_key, workspace_key, frozenset(versions))
                )
    return uses


# -- seeding ------------------------------------------------------------------------------------


class Org:
    def __init__(self) -> None:
        self.id = str(uuid.uuid4())
        self.workspace = str(uuid.uuid4())
        self.projects = [str(uuid.uuid4()) for _ in range(PROJECTS)]
        self.assets = [str(uuid.uuid4()) for _ in range(ASSETS)]
        self.files = 0
        self.principal = Principal("bench", self.id, frozenset({"create", "read"}), "b", "b@x")


async def seed_org(db: Database) -> Org:
    org = Org()
    audit = {"created": NOW, "updated": NOW, "deletion_root": False}
    async with db.transaction() as session:
        await session.execute(insert(Organization), [{"id": org.id, "name": "b", "created": NOW}])
        await session.execute(
            insert(Workspace),
            [{"key": org.workspace, "organization_id": org.id, "name": "w", **audit}],
        )
        await session.execute(
            insert(Project),
            [
                {"key": key, "organization_id": org.id, "workspace_key": org.workspace,
                 "name": f"p{n}", **audit}
                for n, key in enumerate(org.projects)
            ],
        )  # fmt: skip
        await session.execute(
            insert(CatalogAsset),
            [
                {"key": key, "organization_id": org.id, "resource_id": f"io.bench.t{n}",
                 "name": f"t{n}", "readme": "", "template_file": f"t{n}.json",
                 "latest_version": 3, "deprecated": False, "unpublished": False,
                 "created": NOW, "updated": NOW}
                for n, key in enumerate(org.assets)
            ],
        )  # fmt: skip
    return org


async def grow(db: Database, org: Org, total: int) -> None:
    """Straight into the tables (with the derived rows the write path would have written)."""
    while org.files < total:
        count = min(1000, total - org.files)
        rows, usages = [], []
        for n in range(org.files, org.files + count):
            key, content = str(uuid.uuid4()), model(n)
            rows.append(
                {"key": key, "organization_id": org.id, "project_key": org.projects[n % PROJECTS],
                 "folder_key": None, "name": f"f{n}", "type": "bpmn", "content": content,
                 "revision": 1, "simple_path": f"f{n}.bpmn", "canonical_path": "",
                 "created": NOW, "updated": NOW, "deletion_root": False}
            )  # fmt: skip
            usages += template_usages.rows(org.id, key, "bpmn", content)
        async with db.transaction() as session:
            await session.execute(insert(File), rows)
            await session.execute(insert(FileTemplateUsage), usages)
        org.files += count
    if not db.is_sqlite:
        # As autovacuum would have done in a database in service (the planner needs the sizes).
        async with db.engine.connect() as connection:
            auto = await connection.execution_options(isolation_level="AUTOCOMMIT")
            await auto.exec_driver_sql("VACUUM (ANALYZE)")


# -- measuring ----------------------------------------------------------------------------------


async def timed(run: Callable[[], Awaitable[Any]]) -> tuple[float, float]:
    """(wall ms, CPU ms of this process, all threads: the SQLite driver's and the parser's)."""
    wall, cpu = time.perf_counter(), time.process_time()
    await run()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def _canonical(uses: dict[str, list[Use]], wanted: set[str]) -> dict[str, list[Any]]:
    return {
        t: sorted((u.file_key, u.project_key, sorted(u.versions, key=str)) for u in found)
        for t, found in uses.items()
        if t in wanted and found
    }


async def searches(db: Database, org: Org, repeat: int) -> dict[str, tuple[float, float]]:
    """Per "<kind> before|after": median (wall ms, CPU ms)."""
    caller = org.principal
    asset_key, template = org.assets[0], "io.bench.t0"
    every = {f"io.bench.t{n}" for n in range(ASSETS)}
    async with db.session() as session:
        old = await parsed_uses(session, org.id, every)
        new = await catalog_usage.uses_by_template(session, org.id, every)
        assert _canonical(old, every) == _canonical(new, every), "answers differ"
        by_template = {f"io.bench.t{n}": key for n, key in enumerate(org.assets)}
        assert {
            by_template[t]: catalog_usage.aggregate(found, latest=3, retired=False)
            for t, found in old.items()
        } == await catalog.usages(session, caller), "catalog usages differ"

        async def before_catalog() -> None:
            await parsed_uses(session, org.id, every)

        async def after_catalog() -> None:
            await catalog.usages(session, caller)

        async def before_usage() -> None:
            await parsed_uses(session, org.id, [template])

        async def after_usage() -> None:
            await catalog_usage_search.asset_uses(session, caller, asset_key)

        figures: dict[str, list[tuple[float, float]]] = defaultdict(list)
        for _ in range(repeat):
            for name, run in (
                ("catalog before", before_catalog), ("catalog after", after_catalog),
                ("usage before", before_usage), ("usage after", after_usage),
            ):  # fmt: skip
                figures[name].append(await timed(run))
    return {name: _medians(values) for name, values in figures.items()}


def _medians(values: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(v[0] for v in values), statistics.median(v[1] for v in values)


async def creates(
    db: Database, org: Org, rounds: int, per_round: int
) -> tuple[tuple[float, float], tuple[float, float]]:
    """Median (wall ms, CPU ms) per ``files.create`` (own transaction), without and with the
    derived rows."""
    original = template_usages.record

    async def skipped(*_args: Any, **_kwargs: Any) -> None:
        return None

    async def one(n: int) -> None:
        async with db.transaction() as session:
            await files.create(
                session, org.principal, name=f"new-{n}-{uuid.uuid4().hex[:6]}",
                project_key=org.projects[n % PROJECTS], folder_key=None, file_type="bpmn",
                content=model(2 * n),
            )  # fmt: skip

    results: dict[bool, list[tuple[float, float]]] = {False: [], True: []}
    n = 0
    for _ in range(rounds):
        for maintained in (False, True):
            files.template_usages.record = original if maintained else skipped  # type: ignore[assignment]
            try:
                for _ in range(per_round):
                    results[maintained].append(await timed(lambda n=n: one(n)))
                    n += 1
            finally:
                files.template_usages.record = original  # type: ignore[assignment]
    return _medians(results[False]), _medians(results[True])


async def run(url: str, label: str, sizes: list[int], repeat: int, rounds: int) -> None:
    db = Database(url)
    try:
        await migrate.upgrade(db)
        org = await seed_org(db)
        for size in sizes:
            await grow(db, org, size)
            figures = await searches(db, org, repeat)
            for kind in ("catalog", "usage"):
                (bw, bc), (aw, ac) = figures[f"{kind} before"], figures[f"{kind} after"]
                print(
                    f"{label:8} {size:>6} files  {kind} search  wall {bw:7.1f} -> {aw:6.2f} ms "
                    f"({bw / aw:4.0f}x)  CPU {bc:7.1f} -> {ac:6.2f} ms ({bc / max(ac, 0.01):4.0f}x)",
                    flush=True,
                )
        (ww, wc), (mw, mc) = await creates(db, org, rounds, 25)
        print(
            f"{label:8} files.create with templates  wall {ww:.2f} -> {mw:.2f} ms "
            f"({(mw / ww - 1) * 100:+.0f} %)  CPU {wc:.2f} -> {mc:.2f} ms ({(mc / wc - 1) * 100:+.0f} %)",
            flush=True,
        )
    finally:
        await db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--database", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--rounds", type=int, default=6, help="create rounds (25 files each)")
    parser.add_argument("--quick", action="store_true", help="200 files, SQLite, few repeats")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    databases = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    if args.quick:
        sizes, databases, args.repeat, args.rounds = [200], ["sqlite"], 3, 2
    with tempfile.TemporaryDirectory(prefix="bench-catalog-") as tmp:
        if "sqlite" in databases:
            asyncio.run(
                run(f"sqlite:///{tmp}/b.sqlite3", "sqlite", sizes, args.repeat, args.rounds)
            )
        if "postgres" in databases:
            from tests.support.postgres import PostgresCluster

            cluster = PostgresCluster().start()
            try:
                url = cluster.create_database("bench_catalog")
                asyncio.run(run(url, "postgres", sizes, args.repeat, args.rounds))
            finally:
                cluster.stop()


if __name__ == "__main__":
    main()
