"""Fast, deterministic seeding of Hub files for the search benchmark.

Rows go straight into the server's database (SQLite or PostgreSQL) with SQLAlchemy Core (one
executemany per table and batch), through the product's own table definitions, so column types
and timestamp encoding are exactly what the server writes. Seeding over HTTP would take tens of
minutes at 100k files.

The shape grows with the data set, the way a real organization grows: a workspace per 5 000
files, a project per 500, and per project four top-level folders with two subfolders each, so an
ordinary folder holds ~40 files whatever the total. One "shared templates" folder collects 1 %
of all files, so it grows with the data set (the hard case for a folder filter).
"""

from __future__ import annotations

import asyncio
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol, TypeVar

from sqlalchemy import (
    Connection,
    Dialect,
    create_engine,
    event,
    func,
    insert,
    make_url,
    select,
    update,
)
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from camunda_hub.server.services.hub.paths import file_name_with_extension
from camunda_hub.server.store.db import async_url
from camunda_hub.server.store.schema.hub import File, Folder, Project, Workspace
from camunda_hub.server.store.schema.identity import Organization

T = TypeVar("T")

FILES_PER_WORKSPACE = 5_000
FILES_PER_PROJECT = 500
HOT_SHARE = 100  # every 100th file goes into the shared folder
BATCH = 5_000

VERBS = [
    "order", "invoice", "payment", "shipping", "customer", "onboarding", "claim", "refund",
    "approval", "loan", "support", "inventory", "billing", "contract", "review", "escalation",
]  # fmt: skip
NOUNS = [
    "process", "fulfilment", "handling", "check", "validation", "routing", "decision",
    "notification", "intake", "reminder", "audit", "sync", "cancellation", "assessment",
]  # fmt: skip
TYPES = [
    ("bpmn", 50), ("dmn", 15), ("form", 18), ("element-template", 6), ("markdown", 6),
    ("rpa", 3), ("tests", 2),
]  # fmt: skip
TOP_FOLDERS = ["processes", "decisions", "forms", "docs"]
SUB_FOLDERS = ["current", "archive"]

_CONTENT = {
    "bpmn": (
        '<?xml version="1.0" encoding="UTF-8"?>\n<bpmn:definitions '
        'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Definitions_{n}">\n'
        '  <bpmn:process id="Process_{n}" isExecutable="true">\n'
        '    <bpmn:startEvent id="StartEvent_1"/>\n    <bpmn:endEvent id="EndEvent_1"/>\n'
        '    <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_1" targetRef="EndEvent_1"/>\n'
        "  </bpmn:process>\n</bpmn:definitions>\n"
    ),
    "dmn": (
        '<?xml version="1.0" encoding="UTF-8"?>\n<definitions '
        'xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="Decisions_{n}" name="d">\n'
        '  <decision id="Decision_{n}" name="Decide"><decisionTable id="T_{n}"/></decision>\n'
        "</definitions>\n"
    ),
    "form": '{{"components": [{{"type": "textfield", "key": "field{n}"}}], "type": "default"}}',
    "element-template": '{{"$schema": "x", "id": "io.acme.t{n}", "name": "T{n}", "version": 1}}',
    "markdown": "# Notes {n}\n\nHow this part of the process works and who owns it.\n",
    "rpa": '{{"name": "bot{n}", "script": "*** Tasks ***\\nTask\\n    Log    hello"}}',
    "tests": '{{"testCases": [{{"name": "case {n}", "instructions": []}}]}}',
}
_EPOCH = datetime(2025, 1, 1, tzinfo=UTC)


@dataclass
class _Project:
    key: str
    folders: list[dict[str, Any]] = field(default_factory=list)


class SeedDatabase(Protocol):
    """Synchronous SQLAlchemy work against the server's database, whichever kind it is."""

    dialect: Dialect

    def run(self, work: Callable[[Connection], T]) -> T:
        """``work`` in one transaction, committed when it returns."""
        ...

    def settle(self) -> None:
        """Bring the freshly loaded data into the state a live database would be in."""
        ...

    def close(self) -> None: ...


class SqliteDatabase:
    def __init__(self, url: str) -> None:
        self._engine = create_engine(url)
        event.listen(self._engine, "connect", _fast_pragmas)
        self.dialect = self._engine.dialect

    def run(self, work: Callable[[Connection], T]) -> T:
        with self._engine.begin() as conn:
            return work(conn)

    def settle(self) -> None:
        # Nothing to do: the server never runs ANALYZE on SQLite, so neither does the benchmark.
        pass

    def close(self) -> None:
        self._engine.dispose()


class PostgresDatabase:
    """asyncpg, the server's own driver (the project ships no synchronous PostgreSQL driver):
    the synchronous work runs inside an async connection through ``run_sync``. asyncpg's
    executemany pipelines a batch in one round trip, which keeps 100k rows to seconds."""

    def __init__(self, url: str) -> None:
        # One event loop for the seeder's life; NullPool, as a connection belongs to its loop.
        self._runner = asyncio.Runner()
        self._engine = create_async_engine(async_url(url), poolclass=NullPool)
        self.dialect = self._engine.dialect

    def run(self, work: Callable[[Connection], T]) -> T:
        async def in_transaction() -> T:
            async with self._engine.begin() as conn:
                return await conn.run_sync(work)

        return self._runner.run(in_transaction())

    def settle(self) -> None:
        # A bulk load leaves the planner without statistics and the visibility map empty until
        # autovacuum comes round (a minute or more, possibly in the middle of a measurement);
        # a database in service has both. VACUUM cannot run inside a transaction.
        async def vacuum() -> None:
            async with self._engine.connect() as conn:
                auto = await conn.execution_options(isolation_level="AUTOCOMMIT")
                await auto.exec_driver_sql("VACUUM (ANALYZE)")

        self._runner.run(vacuum())

    def close(self) -> None:
        self._runner.run(self._engine.dispose())
        self._runner.close()


def open_database(url: str) -> SeedDatabase:
    """``sqlite:///…`` or ``postgresql://…``, the URLs the server itself accepts."""
    if make_url(url).get_backend_name() == "sqlite":
        return SqliteDatabase(url)
    return PostgresDatabase(url)


@dataclass
class Seeder:
    """Adds files to one organization until it holds the requested number."""

    database_url: str
    organization_id: str
    user_name: str = "bench"
    user_email: str = "bench@example.com"
    seed: int = 7
    db: SeedDatabase = field(init=False)
    hot_folder_key: str = field(init=False, default="")
    total: int = field(init=False, default=0)
    _workspace: str = field(init=False, default="")
    _project: _Project | None = field(init=False, default=None)
    _hot_folder: dict[str, Any] | None = field(init=False, default=None)
    _random: random.Random = field(init=False)
    _touches: int = field(init=False, default=0)
    # Per project: a deleted folder made there for the change_* commits to rename.
    _changed_folders: dict[str, str] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.db = open_database(self.database_url)
        self._random = random.Random(self.seed)

    def close(self) -> None:
        self.db.close()

    def grow_to(self, total: int) -> None:
        counted = self.db.run(
            lambda conn: conn.scalar(
                select(func.count())
                .select_from(File)
                .where(File.organization_id == self.organization_id)
            )
        )
        self.total = counted or 0
        while self.total < total:
            count = min(BATCH, total - self.total)
            self._insert_batch(count)
        self.db.settle()

    def touch(self) -> None:
        """Commits a change nothing measured reads (the organization's name, alternating): what
        a write outside the organization's Hub data (token usage, webhook deliveries, another
        organization) does to the values a server keeps while its data stays the same. A
        change it must be: SQLite commits nothing for an UPDATE that leaves the row as it was."""
        self._touches += 1
        name = f"bench organization {self._touches % 2}"
        self.db.run(
            lambda conn: conn.execute(
                update(Organization)
                .where(Organization.id == self.organization_id)
                .values(name=name)
            )
        )

    def change_hub_data(self, outside: str = "") -> None:
        """Commits a change of the organization's Hub rows that nothing measured shows, in
        another project than ``outside`` (the name of the shared folder, alternating; with
        nothing seeded, of a deleted folder made for it): what a write in another project of
        the same organization does to the values a server keeps."""
        hot = self._hot_folder
        if hot is not None and hot["project_key"] != outside:
            self._rename_folder(hot["key"])
            return

        def other_project(conn: Connection) -> str:
            found = conn.scalar(
                select(Project.key)
                .where(Project.organization_id == self.organization_id, Project.key != outside)
                .order_by(Project.key)
                .limit(1)
            )
            assert found is not None, "the organization has no other project"
            return str(found)

        self.change_project(self.db.run(other_project))

    def change_project(self, project: str) -> None:
        """Commits a change of a row of ``project`` that its body does not show (a deleted
        folder made for it, renamed, alternating): the body is made again, with the same
        bytes."""
        if project not in self._changed_folders:

            def insert_one(conn: Connection) -> str:
                row = {**self._folder(_Project(project), None, "bench-changed"), "deleted": _EPOCH}
                conn.execute(insert(Folder), [row])
                return str(row["key"])

            self._changed_folders[project] = self.db.run(insert_one)
        self._rename_folder(self._changed_folders[project])

    def _rename_folder(self, key: str) -> None:
        self._touches += 1
        name = f"bench changed folder {self._touches % 2}"
        self.db.run(
            lambda conn: conn.execute(update(Folder).where(Folder.key == key).values(name=name))
        )

    def typical_folder_keys(self, limit: int) -> list[str]:
        """Ordinary (non-shared) folders that hold files, spread over the whole data set."""
        keys = self.db.run(
            lambda conn: list(
                conn.scalars(
                    select(File.folder_key)
                    .where(
                        File.organization_id == self.organization_id,
                        File.folder_key.is_not(None),
                        File.folder_key != self.hot_folder_key,
                    )
                    .group_by(File.folder_key)
                    .order_by(File.folder_key)
                )
            )
        )
        step = max(1, len(keys) // limit)
        return [str(k) for k in keys[::step][:limit]]

    # -- generation --------------------------------------------------------------------------
    def _audit(self, when: datetime) -> dict[str, Any]:
        return {
            "created": when,
            "created_by_name": self.user_name,
            "created_by_email": self.user_email,
            "updated": when,
            "updated_by_name": self.user_name,
            "updated_by_email": self.user_email,
            "deleted": None,
            "deleted_by_name": None,
            "deleted_by_email": None,
            "deletion_id": None,
            "deletion_root": False,
        }

    def _when(self) -> datetime:
        return _EPOCH + timedelta(seconds=self._random.randrange(0, 700 * 24 * 3600))

    def _new_project(self, rows: dict[str, list[dict[str, Any]]]) -> _Project:
        if self.total % FILES_PER_WORKSPACE == 0 or not self._workspace:
            self._workspace = str(uuid.uuid4())
            number = self.total // FILES_PER_WORKSPACE + 1
            rows["workspaces"].append(
                {
                    "key": self._workspace,
                    "organization_id": self.organization_id,
                    "name": f"Team {number}",
                    "description": f"Workspace of team {number}",
                    **self._audit(self._when()),
                }
            )
        project = _Project(str(uuid.uuid4()))
        rows["projects"].append(
            {
                "key": project.key,
                "organization_id": self.organization_id,
                "workspace_key": self._workspace,
                "name": f"{self._random.choice(VERBS).title()} application {self.total // FILES_PER_PROJECT + 1}",
                **self._audit(self._when()),
            }
        )
        for top in TOP_FOLDERS:
            parent = self._folder(project, None, top)
            rows["folders"].append(parent)
            for sub in SUB_FOLDERS:
                rows["folders"].append(self._folder(project, parent, sub))
        if self._hot_folder is None:
            self._hot_folder = self._folder(project, None, "shared-templates")
            self.hot_folder_key = self._hot_folder["key"]
            rows["folders"].append(self._hot_folder)
        return project

    def _folder(
        self, project: _Project, parent: dict[str, Any] | None, name: str
    ) -> dict[str, Any]:
        key = str(uuid.uuid4())
        row = {
            "key": key,
            "organization_id": self.organization_id,
            "project_key": project.key,
            "parent_folder_key": parent["key"] if parent else None,
            "name": name,
            "path_keys": f"{parent['path_keys']}/{key}" if parent else key,
            "path_names": f"{parent['path_names']}/{name}" if parent else name,
            **self._audit(self._when()),
        }
        if name != "shared-templates":
            project.folders.append(row)
        return row

    def _file_type(self) -> str:
        return self._random.choices([t for t, _ in TYPES], weights=[w for _, w in TYPES])[0]

    def _file_row(self, project: _Project, folder: dict[str, Any] | None) -> dict[str, Any]:
        file_type = self._file_type()
        name = f"{self._random.choice(VERBS)}-{self._random.choice(NOUNS)}-{self.total}"
        leaf = file_name_with_extension(name, file_type)
        created = self._when()
        audit = self._audit(created)
        audit["updated"] = created + timedelta(minutes=self._random.randrange(0, 90 * 24 * 60))
        return {
            "key": str(uuid.uuid4()),
            "organization_id": self.organization_id,
            "project_key": project.key,
            "folder_key": folder["key"] if folder else None,
            "name": name,
            "type": file_type,
            "content": _CONTENT[file_type].format(n=self.total),
            "revision": self._random.randrange(1, 20),
            "simple_path": f"{folder['path_names']}/{leaf}" if folder else leaf,
            "canonical_path": folder["path_keys"] if folder else "",
            **audit,
        }

    def _insert_batch(self, count: int) -> None:
        rows: dict[str, list[dict[str, Any]]] = {
            "workspaces": [],
            "projects": [],
            "folders": [],
            "files": [],
        }
        for _ in range(count):
            if self._project is None or self.total % FILES_PER_PROJECT == 0:
                self._project = self._new_project(rows)
            if self.total % HOT_SHARE == 0 and self._hot_folder is not None:
                row = self._file_row(_Project(self._hot_folder["project_key"]), self._hot_folder)
            else:
                # A file in one of the project's folders, or now and then at its root.
                folder = self._random.choice([*self._project.folders, None])
                row = self._file_row(self._project, folder)
            rows["files"].append(row)
            self.total += 1
        self.db.run(lambda conn: _insert_all(conn, rows))


def _insert_all(conn: Connection, rows: dict[str, list[dict[str, Any]]]) -> None:
    # Parents first: PostgreSQL checks the foreign keys row by row.
    for model in (Workspace, Project, Folder, File):
        table_rows = rows[model.__tablename__]
        if table_rows:
            conn.execute(insert(model), table_rows)


def _fast_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=30000")
    # Benchmark data is throwaway: skip the fsyncs that would dominate seeding time.
    cursor.execute("PRAGMA synchronous=OFF")
    cursor.close()
