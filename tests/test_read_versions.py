"""What a server keeps of an organization's Hub data (project and search bodies, counts) lives
until that organization's projects, folders or files change, and no longer: every insert,
update and delete of them gives ``hub_read_versions`` a new value (the triggers of migrations
0019 on SQLite and 0020 on PostgreSQL), and commits of anything else leave the kept values in
use. Each test runs on both databases."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Awaitable, Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from camunda_hub.server.keys.deployment_secret import DeploymentSecret
from camunda_hub.server.portability.backup import write_backup
from camunda_hub.server.portability.restore import restore
from camunda_hub.server.search import SearchPage, parse_search
from camunda_hub.server.security.principal import Principal
from camunda_hub.server.services.hub import file_reads, files
from camunda_hub.server.store import migrate
from camunda_hub.server.store.db import Database
from camunda_hub.server.store.schema.hub import File, Folder, Project, Workspace
from camunda_hub.server.store.schema.identity import Organization
from camunda_hub.server.store.schema.read_versions import TRIGGER_NAMES, VERSIONED_TABLES
from tests.support.postgres import PostgresCluster

ORG, OTHER = "org-1", "org-2"
CALLER = Principal("c", ORG, frozenset({"read"}), "n", "e")

WHEN = datetime(2026, 1, 1, tzinfo=UTC)
Change = Callable[[AsyncSession], Awaitable[object]]


def _sql(statement: str) -> Change:
    return lambda session: session.execute(text(statement))


def _add(row: object) -> Change:
    async def add(session: AsyncSession) -> None:
        session.add(row)

    return add


def _seed() -> list[Change]:
    return [
        _add(Organization(id=ORG, name="one")),
        _add(Organization(id=OTHER, name="two")),
        _add(Workspace(key="w1", organization_id=ORG, name="w")),
        _add(Workspace(key="w2", organization_id=OTHER, name="w")),
        _add(Project(key="p1", organization_id=ORG, workspace_key="w1", name="p")),
        _add(Project(key="p2", organization_id=OTHER, workspace_key="w2", name="p")),
    ]


def _file(key: str, organization: str, project: str, deleted: datetime | None) -> File:
    return File(
        key=key, organization_id=organization, project_key=project, name=key, type="bpmn",
        content="", simple_path=f"{key}.bpmn", canonical_path=f"p/{key}.bpmn", deleted=deleted,
    )  # fmt: skip


def _folder(key: str, deleted: datetime | None) -> Folder:
    return Folder(
        key=key, organization_id=ORG, project_key="p1", name=key, path_keys=key,
        path_names=key, deleted=deleted,
    )  # fmt: skip


# Each changes a row of one of the versioned tables of org-1, and none of them changes what
# the project's body or the search shows (deleted rows, another project): the search is made
# again all the same, and so is p1's body when the row is p1's. In order: each later one may
# need the rows the earlier ones made.
IN_THE_ORGANIZATION: dict[str, tuple[Callable[[], Change], bool]] = {
    "insert into projects": (
        lambda: _add(
            Project(key="p3", organization_id=ORG, workspace_key="w1", name="p3", deleted=WHEN)
        ),
        False,
    ),
    "update projects": (
        lambda: _sql("UPDATE projects SET name = 'p3 again' WHERE key = 'p3'"),
        False,
    ),
    "insert into folders": (lambda: _add(_folder("gone", WHEN)), True),
    "update folders": (
        lambda: _sql("UPDATE folders SET name = 'gone again' WHERE key = 'gone'"),
        True,
    ),
    "move a folder out": (
        lambda: _sql("UPDATE folders SET project_key = 'p3' WHERE key = 'gone'"),
        True,
    ),
    "update another project's folder": (
        lambda: _sql("UPDATE folders SET name = 'gone elsewhere' WHERE key = 'gone'"),
        False,
    ),
    "move a folder in": (
        lambda: _sql("UPDATE folders SET project_key = 'p1' WHERE key = 'gone'"),
        True,
    ),
    "delete from folders": (lambda: _sql("DELETE FROM folders WHERE key = 'gone'"), True),
    "insert into another project's files": (lambda: _add(_file("far", ORG, "p3", WHEN)), False),
    "insert into files": (lambda: _add(_file("hidden", ORG, "p1", WHEN)), True),
    "update files": (
        lambda: _sql("UPDATE files SET name = 'still hidden' WHERE key = 'hidden'"),
        True,
    ),
    "delete from files": (lambda: _sql("DELETE FROM files WHERE key = 'hidden'"), True),
    "delete from projects": (
        lambda: _sql("DELETE FROM projects WHERE key = 'p3'"),  # its file by cascade
        False,
    ),
}

ELSEWHERE: list[Callable[[], Change]] = [
    lambda: _sql("UPDATE organizations SET name = 'renamed' WHERE id = 'org-1'"),
    lambda: _sql("UPDATE workspaces SET name = 'renamed' WHERE key = 'w1'"),
    lambda: _sql("UPDATE projects SET name = 'renamed' WHERE key = 'p2'"),  # org-2's
    lambda: _add(_file("theirs", OTHER, "p2", None)),
]


class _Server:
    """The database and one event loop for everything the test does with it."""

    def __init__(self, db: Database, runner: asyncio.Runner) -> None:
        self.db = db
        self.runner = runner
        self.made_projects = 0
        self.made_searches = 0

    @property
    def made(self) -> int:
        return self.made_projects + self.made_searches

    def commit(self, *changes: Change) -> None:
        async def run() -> None:
            async with self.db.transaction() as session:
                for change in changes:
                    await change(session)
                    await session.flush()

        self.runner.run(run())

    def data_version(self) -> object:
        """What the kept values followed before: any commit changes it."""
        if self.db.direct.dialect == "postgresql":
            return self._scalar("SELECT pg_current_snapshot()::text")
        sqlite = self.db.direct._sqlite
        assert sqlite is not None
        connection = sqlite.take()
        try:
            found: int = connection.execute("PRAGMA data_version").fetchone()[0]
            return found
        finally:
            sqlite.give_back(connection)

    def _scalar(self, sql: str, **values: object) -> Any:
        async def read() -> Any:
            async with self.db.engine.connect() as connection:
                return await connection.scalar(text(sql), values)

        return self.runner.run(read())

    def versions(self) -> dict[tuple[str, str], int]:
        """Of each organization and project."""
        organizations = self._rows("SELECT organization_id, version FROM hub_read_versions")
        projects = self._rows("SELECT project_key, version FROM hub_project_read_versions")
        return {
            **{("organization", key): version for key, version in organizations},
            **{("project", key): version for key, version in projects},
        }

    def triggers(self) -> set[tuple[str, str]]:
        """(table, operation) of each enabled trigger that writes ``hub_read_versions``."""
        if self.db.direct.dialect == "postgresql":
            sql = (
                "SELECT c.relname, t.tgtype FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
                " JOIN pg_proc p ON p.oid = t.tgfoid"
                " WHERE NOT t.tgisinternal AND t.tgenabled <> 'D' AND t.tgname LIKE :names"
                " AND position('hub_read_versions' in p.prosrc) > 0"
                " AND position('hub_project_read_versions' in p.prosrc) > 0"
            )
            # tgtype's bits: 4 INSERT, 8 DELETE, 16 UPDATE.
            bits = {"INSERT": 4, "UPDATE": 16, "DELETE": 8}
            rows = self._rows(sql, names=TRIGGER_NAMES)
            return {(table, op) for table, kind in rows for op, bit in bits.items() if kind & bit}
        rows = self._rows(
            "SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE :names",
            names=TRIGGER_NAMES,
        )
        return {
            (table, operation)
            for table, sql in rows
            for operation in ("INSERT", "UPDATE", "DELETE")
            if f"AFTER {operation} ON {table}" in sql
            and "hub_read_versions" in sql
            and "hub_project_read_versions" in sql
        }

    def _rows(self, sql: str, **values: object) -> list[Any]:
        async def read() -> list[Any]:
            async with self.db.engine.connect() as connection:
                return list(await connection.execute(text(sql), values))

        return self.runner.run(read())

    def project(self, key: str = "p1") -> bytes:
        def render(project: Any, folders: list[Any], root: list[Any]) -> bytes:
            self.made_projects += 1
            return orjson.dumps([project[1], [f[0] for f in folders], [f[0] for f in root]])

        return self.runner.run(file_reads.project_body(self.db.direct, CALLER, key, render, "t"))

    def search(self) -> bytes:
        def render(page: SearchPage) -> bytes:
            self.made_searches += 1
            return orjson.dumps([[row[0] for row in page.rows], page.total_items])

        request = parse_search(files.SEARCH, {"page": {"limit": 1}})
        return self.runner.run(file_reads.search_body(self.db.direct, CALLER, request, render, "t"))


DATABASES = [
    pytest.param("sqlite"),
    pytest.param("postgresql", marks=pytest.mark.postgres),
]


def _database_url(request: pytest.FixtureRequest, kind: str, tmp_path: Path, name: str) -> str:
    if kind == "postgresql":
        cluster: PostgresCluster = request.getfixturevalue("postgres")
        return cluster.create_database(name)
    return f"sqlite:///{tmp_path / name}.db"


@pytest.fixture(params=DATABASES)
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[_Server]:
    db = Database(_database_url(request, request.param, tmp_path, "versions"))
    with asyncio.Runner() as runner:
        runner.run(migrate.upgrade(db))
        server = _Server(db, runner)
        server.commit(*_seed())
        yield server
        runner.run(db.dispose())


def test_every_table_the_kept_reads_show_has_its_triggers(server: _Server) -> None:
    statements = [
        file_reads._PROJECT,
        file_reads._ROOT_FOLDERS,
        file_reads._ROOT_FILES,
        file_reads._SEARCHABLE,
    ]
    shown = {table.name for statement in statements for table in statement.get_final_froms()}
    assert shown == set(VERSIONED_TABLES)

    # A later migration that rebuilds one of these tables drops its triggers with it: this
    # test is what tells.
    expected = {(t, op) for t in VERSIONED_TABLES for op in ("INSERT", "UPDATE", "DELETE")}
    assert server.triggers() == expected


def test_a_kept_body_outlives_commits_of_anything_it_does_not_show(server: _Server) -> None:
    project, search = server.project(), server.search()
    assert server.made == 2
    for n, change in enumerate(ELSEWHERE):
        before = server.data_version()
        server.commit(change())
        assert server.data_version() != before, n  # committed: SQLite saw a change
        assert server.project() is project and server.search() is search, n
    assert server.made == 2


@pytest.mark.parametrize("change", list(IN_THE_ORGANIZATION))
def test_every_change_of_the_organizations_rows_makes_the_bodies_again(
    server: _Server, change: str
) -> None:
    names = list(IN_THE_ORGANIZATION)
    # What the change needs to exist: the row it updates or deletes.
    server.commit(*(IN_THE_ORGANIZATION[name][0]() for name in names[: names.index(change)]))
    project, search = server.project(), server.search()
    assert server.project() is project and server.search() is search
    assert (server.made_projects, server.made_searches) == (1, 1)
    make, in_the_project = IN_THE_ORGANIZATION[change]
    server.commit(make())
    again, search_again = server.project(), server.search()
    # The project's body follows its own rows; the search, the whole organization's.
    assert (server.made_projects, server.made_searches) == (1 + in_the_project, 2)
    assert again == project and search_again == search  # nothing shown moved


def test_a_change_the_body_shows_is_in_the_next_body(server: _Server) -> None:
    first = server.project()
    server.commit(_add(_file("shown", ORG, "p1", None)))
    assert b"shown" in server.project() and b"shown" not in first
    # As a database without the rows: no version, made every time.
    server.commit(_sql("DELETE FROM hub_project_read_versions"))
    assert server.project() is not server.project()
    search = server.search()
    assert server.search() is search
    server.commit(_sql("DELETE FROM hub_read_versions"))
    assert server.search() is not server.search()


def _upgrade_to(revision: str) -> Callable[[Any], None]:
    def upgrade(connection: Any) -> None:
        config = migrate.alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, revision)

    return upgrade


@pytest.mark.parametrize("database", DATABASES, indirect=["database"])
def test_the_migration_gives_existing_organizations_a_version(
    database: str, tmp_path: Path
) -> None:
    db = Database(database)

    async def versions(connection: Any) -> dict[str, int]:
        rows = await connection.execute(
            text(
                "SELECT organization_id, version FROM hub_read_versions UNION ALL"
                " SELECT project_key, version FROM hub_project_read_versions"
            )
        )
        return dict(rows.all())

    async def check() -> tuple[dict[str, int], dict[str, int]]:
        async with db.engine.connect() as connection:
            await connection.run_sync(_upgrade_to("0018_files_listing_order"))
            await connection.execute(
                text(
                    "INSERT INTO organizations (id, name, created) VALUES"
                    " ('org-1', 'one', '2026-01-01 00:00:00'),"
                    " ('org-2', 'two', '2026-01-01 00:00:00')"
                )
            )
            seed = (
                Workspace(key="w1", organization_id=ORG, name="w"),
                Project(key="p1", organization_id=ORG, workspace_key="w1", name="p"),
            )
            for row in seed:
                table = type(row).__table__
                values = {
                    c.key: getattr(row, c.key) for c in table.c if getattr(row, c.key) is not None
                }
                await connection.execute(table.insert().values(values))
            await connection.commit()
            # 0019 and 0021 on SQLite, 0020 and 0021 on PostgreSQL.
            await connection.run_sync(_upgrade_to("heads"))
            await connection.commit()
            first = await versions(connection)
            await connection.execute(
                text("UPDATE organizations SET name = 'renamed' WHERE id = 'org-1'")
            )
            await connection.commit()
            after = await versions(connection)
        await db.dispose()
        return first, after

    first, after = asyncio.run(check())
    assert sorted(first) == [ORG, OTHER, "p1"]
    assert after == first  # an organization's own row is not what the reads show


@pytest.fixture
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return _database_url(request, request.param, tmp_path, "old")


@pytest.mark.parametrize("without_versions", [False, True], ids=["versions", "no-versions"])
def test_a_restore_brings_the_versions_and_the_triggers_back(
    server: _Server, request: pytest.FixtureRequest, tmp_path: Path, without_versions: bool
) -> None:
    # The restore loads without the triggers (a fire per row) and starts them again after.
    server.commit(_add(_file("shown", ORG, "p1", None)))
    if without_versions:  # a backup from PostgreSQL before 0020: kept from the next write
        server.commit(_sql("DELETE FROM hub_read_versions"))
        server.commit(_sql("DELETE FROM hub_project_read_versions"))
    backed_up = server.versions()
    archive = tmp_path / "backup.zip"
    server.runner.run(write_backup(server.db, archive))
    kind = server.db.direct.dialect
    target = Database(_database_url(request, kind, tmp_path, "restored"))
    secret = DeploymentSecret(secrets.token_bytes(32))  # the seed wrote no secret check
    result = server.runner.run(restore(target, archive, secret, check=True))
    try:
        restored = _Server(target, server.runner)
        assert restored.triggers() == server.triggers() and len(server.triggers()) == 9
        assert restored.versions() == backed_up and "hub_read_versions" in result.verified
        assert _live_counts(restored) == _live_counts(server)
        before = restored.project()
        assert (restored.project() is before) != without_versions
        made = restored.made
        restored.commit(_sql("UPDATE files SET name = 'renamed' WHERE key = 'shown'"))
        after = restored.project()
        assert restored.made == made + 1 and restored.project() is after  # triggers again
        restored.commit(_add(_file("more", ORG, "p1", None)))
        kept, live = _live_counts(restored)[ORG]
        assert live == 2 and kept == (None if without_versions else 2)
        restored.commit(_add(Organization(id="org-3", name="three")))  # its trigger too
        assert restored._rows(
            "SELECT live_files FROM hub_read_versions WHERE organization_id = 'org-3'"
        ) == [(0,)]
    finally:
        server.runner.run(target.dispose())


# The live file counts (migration 0022): kept by the same triggers, read by the search.


def _live_counts(server: _Server) -> dict[str, tuple[int | None, int]]:
    """Per organization: (the kept count, the files not deleted)."""
    kept = dict(server._rows("SELECT organization_id, live_files FROM hub_read_versions"))
    return {
        organization: (
            kept.get(organization),
            server._scalar(
                "SELECT count(*) FROM files WHERE organization_id = :o AND deleted IS NULL",
                o=organization,
            ),
        )
        for organization in (ORG, OTHER)
    }


# Commits, each of one or more changes (several in one transaction: on PostgreSQL their row
# events all fire at the commit).
FILE_CHANGES: list[tuple[str, list[Callable[[], Change]]]] = [
    ("insert a live file", [lambda: _add(_file("a", ORG, "p1", None))]),
    ("insert a deleted file", [lambda: _add(_file("b", ORG, "p1", WHEN))]),
    (
        "insert three, delete one, in one transaction",
        [
            lambda: _add(_file("c", ORG, "p1", None)),
            lambda: _add(_file("d", ORG, "p1", None)),
            lambda: _add(_file("e", OTHER, "p2", None)),
            lambda: _sql("DELETE FROM files WHERE key = 'c'"),
        ],
    ),
    (
        "insert, then delete it softly, in one transaction",
        [
            lambda: _add(_file("f", ORG, "p1", None)),
            lambda: _sql("UPDATE files SET deleted = '2026-01-02 00:00:00' WHERE key = 'f'"),
        ],
    ),
    ("rename a live file", [lambda: _sql("UPDATE files SET name = 'a2' WHERE key = 'a'")]),
    (
        "delete softly",
        [lambda: _sql("UPDATE files SET deleted = '2026-01-02 00:00:00' WHERE key = 'a'")],
    ),
    ("restore from the trash", [lambda: _sql("UPDATE files SET deleted = NULL WHERE key = 'b'")]),
    (
        "rename a deleted file",
        [lambda: _sql("UPDATE files SET name = 'a3' WHERE key = 'a'")],
    ),
    (
        "move a live file to the other organization",
        [
            lambda: _sql(
                "UPDATE files SET organization_id = 'org-2', project_key = 'p2' WHERE key = 'd'"
            )
        ],
    ),
    (
        "move a deleted file to the other organization",
        [
            lambda: _sql(
                "UPDATE files SET organization_id = 'org-2', project_key = 'p2' WHERE key = 'a'"
            )
        ],
    ),
    ("delete a live file", [lambda: _sql("DELETE FROM files WHERE key = 'b'")]),
    ("delete a deleted file", [lambda: _sql("DELETE FROM files WHERE key = 'f'")]),
    (
        "update every file in one statement",
        [lambda: _sql("UPDATE files SET deleted = NULL, name = name || '!'")],
    ),
    (
        "delete a project, its files by cascade",
        [lambda: _sql("DELETE FROM projects WHERE key = 'p2'")],
    ),
]


def test_the_live_file_count_follows_every_change_of_files(server: _Server) -> None:
    assert _live_counts(server) == {ORG: (0, 0), OTHER: (0, 0)}  # as the organizations came
    for name, changes in FILE_CHANGES:
        server.commit(*(change() for change in changes))
        counts = _live_counts(server)
        assert all(kept == live for kept, live in counts.values()), (name, counts)
    assert _live_counts(server)[OTHER] == (0, 0)  # the cascade took them all


def test_the_search_total_is_the_kept_count_and_counts_without_it(server: _Server) -> None:
    server.commit(*(_add(_file(f"k{n}", ORG, "p1", None)) for n in range(3)))

    def totals(filter_: dict[str, Any] | None = None) -> int:
        request = parse_search(files.SEARCH, {"filter": filter_, "page": {"limit": 1}})
        page = server.runner.run(file_reads.search(server.db.direct, CALLER, request))
        return page.total_items

    assert totals() == 3
    # The row is what an unfiltered search's total comes from (no count of its own) ...
    server.commit(
        _sql("UPDATE hub_read_versions SET live_files = 7 WHERE organization_id = 'org-1'")
    )
    assert totals() == 7
    assert totals({"type": "bpmn"}) == 3  # counted
    # ... and without it, the files are counted.
    server.commit(_sql("UPDATE hub_read_versions SET live_files = NULL"))
    assert totals() == 3
    server.commit(_sql("DELETE FROM hub_read_versions"))
    assert totals() == 3
    server.commit(_add(_file("k3", ORG, "p1", None)))  # the triggers make the row, not knowing
    assert _live_counts(server)[ORG] == (None, 4) and totals() == 4


@pytest.mark.parametrize("database", DATABASES, indirect=["database"])
def test_the_migration_counts_the_live_files_of_existing_organizations(database: str) -> None:
    db = Database(database)

    async def check() -> dict[str, int | None]:
        async with db.engine.connect() as connection:
            await connection.run_sync(_upgrade_to("0021_project_read_versions"))
            await connection.commit()
        async with db.transaction() as session:
            for change in _seed():
                await change(session)
                await session.flush()
            for n, (organization, project, deleted) in enumerate(
                [(ORG, "p1", None), (ORG, "p1", None), (ORG, "p1", WHEN), (OTHER, "p2", None)]
            ):
                session.add(_file(f"m{n}", organization, project, deleted))
        async with db.engine.connect() as connection:
            await connection.run_sync(_upgrade_to("heads"))
            await connection.commit()
            rows = await connection.execute(
                text("SELECT organization_id, live_files FROM hub_read_versions")
            )
            counts: dict[str, int | None] = dict(rows.all())
        await db.dispose()
        return counts

    assert asyncio.run(check()) == {ORG: 2, OTHER: 1}
