"""The direct reads of ``services/hub/file_reads`` (driver-level, rows) answer exactly what the
ORM reads they replace answer: same rows, same order, same page and count, same scoping (another
organization's and deleted files stay invisible), on SQLite and PostgreSQL, for searches of
every operator and value type (datetimes and IN lists go through bind processing)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest

from camunda_hub.server.api.models.files import FileResult
from camunda_hub.server.api.wire_json import (
    file_json,
    file_search_body,
    listed_file_json,
    project_detail_body,
    root_file_json,
)
from camunda_hub.server.search import SearchPage, parse_search, run_search
from camunda_hub.server.search import execute as search_execute
from camunda_hub.server.security.principal import Principal
from camunda_hub.server.services.errors import NotFound
from camunda_hub.server.services.hub import file_reads, files, projects
from camunda_hub.server.store import direct_reads, migrate
from camunda_hub.server.store.db import Database
from camunda_hub.server.store.schema.hub import File, Folder, Project, Workspace
from camunda_hub.server.store.schema.identity import Organization
from tests.support.postgres import PostgresCluster

START = datetime(2026, 3, 1, 12, 0, 0, tzinfo=UTC)
ORG, OTHER = "org-1", "org-2"
CALLER = Principal("c", ORG, frozenset({"read"}), "n", "e")

BODIES: list[object] = [
    None,
    {},
    {"page": {"limit": 5}},
    {"page": {"limit": 5, "from": 20}},
    {"sort": [{"field": "updated", "order": "DESC"}], "page": {"limit": 100}},
    {"sort": [{"field": "name"}, {"field": "type", "order": "DESC"}]},
    {"filter": {"name": {"$like": "f00*"}}, "page": {"limit": 10}},
    {"filter": {"name": {"$like": "*1?"}}},
    {"filter": {"name": "f0007"}},
    {"filter": {"type": {"$in": ["dmn", "form"]}}},
    {"filter": {"type": {"$notIn": ["bpmn"]}}, "sort": [{"field": "created"}]},
    {"filter": {"folderKey": None}},
    {"filter": {"folderKey": {"$exists": True}}},
    {"filter": {"folderKey": {"$neq": "d1"}}},
    {"filter": {"created": {"$gt": (START + timedelta(seconds=10)).isoformat()}}},
    {"filter": {"updated": {"$lte": "2026-03-01T12:00:20.5Z", "$gte": "2026-03-01T12:00:03Z"}}},
    {"filter": {"createdBy": "a@example.com", "projectKey": "p1"}},
    # In key order from the partial indexes of migration 0024.
    {"filter": {"projectKey": "p1"}},
    {"filter": {"projectKey": "p1"}, "page": {"limit": 4, "from": 6}},
    {"filter": {"projectKey": "p2"}},  # another organization's project: nothing
    {"filter": {"projectKey": {"$neq": "p1"}}},
    {"filter": {"projectKey": "p1", "folderKey": "d1"}},
    {"filter": {"projectKey": "p1"}, "sort": [{"field": "name"}], "page": {"limit": 3}},
]


def _url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'reads.db'}"
    cluster: PostgresCluster = request.getfixturevalue("postgres")
    return cluster.create_database("file_reads")


@pytest.fixture(
    params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)], scope="function"
)
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    db = Database(_url(request, tmp_path))
    with asyncio.Runner() as runner:
        runner.run(migrate.upgrade(db))
        runner.run(_seed(db))
        # Pooled PostgreSQL connections belong to the loop that opened them: dispose, so
        # the test's own loop opens its own.
        runner.run(db.dispose())
    yield db
    asyncio.run(db.dispose())


async def _seed(db: Database) -> None:
    async with db.transaction() as session:
        for org in (ORG, OTHER):
            session.add(Organization(id=org, name=org))
        await session.flush()
        session.add(Workspace(key="w1", organization_id=ORG, name="w"))
        session.add(Workspace(key="w2", organization_id=OTHER, name="w"))
        await session.flush()
        session.add(Project(key="p1", organization_id=ORG, workspace_key="w1", name="p"))
        session.add(Project(key="p2", organization_id=OTHER, workspace_key="w2", name="p"))
        await session.flush()
        session.add(
            Folder(
                key="d1", organization_id=ORG, project_key="p1", name="d", path_keys="d1",
                path_names="d",
            )
        )  # fmt: skip
        await session.flush()
        for n in range(40):
            at = START + timedelta(seconds=n // 2, microseconds=(n % 3) * 250_000)
            session.add(
                File(
                    key=f"k{n:03d}",
                    organization_id=OTHER if n % 10 == 9 else ORG,
                    project_key="p2" if n % 10 == 9 else "p1",
                    folder_key="d1" if n % 4 == 1 and n % 10 != 9 else None,
                    name=f"f{n % 25:04d}",
                    type=["bpmn", "dmn", "form", "markdown"][n % 4],
                    content=f"content {n} \u00e9\n",
                    revision=1 + n % 3,
                    simple_path=f"f{n}.bpmn",
                    canonical_path=f"p/f{n}",
                    created=at,
                    updated=at + timedelta(seconds=n % 7),
                    created_by_name="Ann" if n % 2 else None,
                    created_by_email="a@example.com" if n % 3 else "b@example.com",
                    updated_by_name="Bob",
                    updated_by_email=None,
                    deleted=START if n % 13 == 12 else None,
                )
            )


async def _add_file(db: Database, name: str) -> None:
    async with db.transaction() as session:
        session.add(
            File(
                key="k-new", organization_id=ORG, project_key="p1", name=name, type="bpmn",
                content="", simple_path="f.bpmn", canonical_path="p/f",
            )
        )  # fmt: skip


def _listed(files_: list[File]) -> list[bytes]:
    return [FileResult.of(f, with_content=False).model_dump_json().encode() for f in files_]


@pytest.mark.parametrize("body", BODIES, ids=range(len(BODIES)))
def test_a_search_answers_what_the_orm_search_answers(
    database: Database, body: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A small cap, so the capped count (hasMoreTotalItems) is exercised too.
    monkeypatch.setattr(search_execute, "COUNT_BEYOND_PAGE", 3)
    request = parse_search(files.SEARCH, body)

    async def both() -> tuple[object, object]:
        async with database.session() as session:
            expected = await run_search(session, files.searchable(CALLER), files.SEARCH, request)
        got = await file_reads.search(database.direct, CALLER, request)
        return expected, got

    expected, got = asyncio.run(both())
    assert [orjson.dumps(listed_file_json(row)) for row in got.rows] == _listed(expected.rows)
    # The driver's rows as the kept encodings' keys, the second time from what was kept.
    items = b'{"items":[' + b",".join(_listed(expected.rows)) + b'],"page":'
    assert file_search_body(got).startswith(items)
    assert file_search_body(got).startswith(items)
    assert (got.total_items, got.has_more_total_items) == (
        expected.total_items,
        expected.has_more_total_items,
    )


def test_a_file_and_a_project_read_as_the_orm_reads_them(database: Database) -> None:
    async def check() -> None:
        async with database.session() as session:
            for key in ("k000", "k001", "k012", "k009", "nope", "k\x00"):
                try:
                    found = await files.get(session, CALLER, key)
                except NotFound as missing:
                    with pytest.raises(NotFound) as raised:
                        await file_reads.file(database.direct, CALLER, key)
                    assert str(raised.value) == str(missing)
                    continue
                row = await file_reads.file(database.direct, CALLER, key)
                assert (
                    orjson.dumps(file_json(row)) == FileResult.of(found).model_dump_json().encode()
                )
            project, folders, root_files = await projects.get_with_content(session, CALLER, "p1")
            got = await file_reads.project_with_content(database.direct, CALLER, "p1")
            assert got[0][0] == project.key
            assert [f[0] for f in got[1]] == [f.key for f in folders]
            root = [orjson.dumps(root_file_json(got[0][0], f)) for f in got[2]]
            assert root == _listed(root_files)
            for _ in range(2):
                body = project_detail_body(*got)
                assert body.endswith(b'"files":[' + b",".join(_listed(root_files)) + b"]}}")
            with pytest.raises(NotFound):
                await file_reads.project_with_content(database.direct, CALLER, "p2")

    asyncio.run(check())


def test_a_repeated_search_reuses_its_statements_and_sees_new_rows(database: Database) -> None:
    # The statements of a request are kept (file_reads._statements); its count only until the
    # data changes (the test below), its rows never.
    body = {"filter": {"name": {"$like": "f000*"}}, "page": {"limit": 2}}
    request = parse_search(files.SEARCH, body)

    async def check() -> None:
        first = await file_reads.search(database.direct, CALLER, request)
        again = parse_search(files.SEARCH, body)
        assert file_reads._statements(database.direct.dialect, again) is (
            file_reads._statements(database.direct.dialect, request)
        )
        await _add_file(database, "f0000")
        second = await file_reads.search(database.direct, CALLER, again)
        assert second.total_items == first.total_items + 1
        async with database.session() as session:
            expected = await run_search(session, files.searchable(CALLER), files.SEARCH, again)
        assert [row[0] for row in second.rows] == [f.key for f in expected.rows]
        assert second.total_items == expected.total_items

    asyncio.run(check())


@pytest.mark.postgres
@pytest.mark.parametrize("noticed", [True, False], ids=["closed-seen", "closed-unseen"])
def test_a_read_on_a_connection_the_server_dropped_is_answered(
    postgres: PostgresCluster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, noticed: bool
) -> None:
    # The direct reads keep a few connections and use them without the pool's pre-ping. One the
    # server has dropped (a restart) is replaced at once, whether the driver has noticed
    # (is_closed) or finds out only when the statement fails: the read is answered, not a 503.
    import asyncpg

    db = Database(postgres.create_database(f"dropped_{int(noticed)}"))
    with asyncio.Runner() as runner:
        runner.run(migrate.upgrade(db))
        runner.run(_seed(db))
        runner.run(db.dispose())

    async def check() -> None:
        try:
            assert (await file_reads.file(db.direct, CALLER, "k000"))[0] == "k000"
            connections = db.direct._asyncpg
            assert connections is not None
            (kept,) = [pooled for idle in connections._idle.values() for pooled, _ in idle]
            pid = kept.driver_connection.get_server_pid()
            postgres.psql(f"SELECT pg_terminate_backend({int(pid)})")
            await asyncio.sleep(0.2)
            if not noticed:
                monkeypatch.setattr(asyncpg.Connection, "is_closed", lambda _self: False)
            assert (await file_reads.file(db.direct, CALLER, "k001"))[0] == "k001"
            page = await file_reads.search(db.direct, CALLER, parse_search(files.SEARCH, {}))
            assert page.total_items > 0
        finally:
            monkeypatch.undo()
            await db.dispose()

    asyncio.run(check())


def test_a_full_page_count_is_read_again_only_after_the_data_changed(tmp_path: Path) -> None:
    # SQLite's count of a full page is kept per connection until PRAGMA data_version says
    # another connection committed: a repeated search reads the page but not the count.
    db = Database(f"sqlite:///{tmp_path / 'counts.db'}")
    body = {"filter": {"name": {"$like": "f00*"}}, "page": {"limit": 2}}
    request = parse_search(files.SEARCH, body)

    async def check() -> None:
        await migrate.upgrade(db)
        await _seed(db)
        assert db.direct._sqlite is not None
        connection = db.direct._sqlite.take()
        db.direct._sqlite.give_back(connection)  # the one the searches will take
        ran: list[str] = []
        connection.set_trace_callback(ran.append)
        counts = lambda: sum("count(*)" in sql for sql in ran)  # noqa: E731
        first = await file_reads.search(db.direct, CALLER, request)
        assert counts() == 1 and first.total_items > 2
        again = await file_reads.search(db.direct, CALLER, request)
        assert counts() == 1 and again.total_items == first.total_items
        await _add_file(db, "f0001")  # another connection commits
        third = await file_reads.search(db.direct, CALLER, request)
        assert counts() == 2 and third.total_items == first.total_items + 1
        other = parse_search(files.SEARCH, {**body, "page": {"limit": 3}})
        await file_reads.search(db.direct, CALLER, other)
        assert counts() == 3  # another statement, its own count
        await db.dispose()

    asyncio.run(check())


def test_a_project_body_is_made_again_only_after_the_data_changed(tmp_path: Path) -> None:
    # SQLite keeps a project's body per connection until PRAGMA data_version says another
    # connection committed; the key holds the organization, so another one's caller asking for
    # the same project key never gets it.
    db = Database(f"sqlite:///{tmp_path / 'bodies.db'}")
    made: list[list[str]] = []

    def render(project: tuple[object, ...], folders: list[object], root: list[object]) -> bytes:
        made.append([row[0] for row in root])  # type: ignore[index]
        return orjson.dumps({"project": project[0], "files": made[-1]})

    async def body(caller: Principal = CALLER, key: str = "p1") -> bytes:
        return await file_reads.project_body(db.direct, caller, key, render, "test")

    async def check() -> None:
        await migrate.upgrade(db)
        await _seed(db)
        first = await body()
        assert await body() is first and len(made) == 1
        await _add_file(db, "f-new")  # another connection commits
        second = await body()
        assert len(made) == 2 and "k-new" in orjson.loads(second)["files"]
        assert await body() is second and len(made) == 2
        with pytest.raises(NotFound):
            await body(Principal("c", OTHER, frozenset({"read"}), "n", "e"))
        with pytest.raises(NotFound):
            await body(key="p2")  # the other organization's project
        with pytest.raises(NotFound):
            await body(key="p2")  # a kept "no such project" is still a 404
        async with db.transaction() as session:
            session.add(Project(key="p3", organization_id=ORG, workspace_key="w1", name="new"))
        assert orjson.loads(await body(key="p3"))["files"] == []
        await db.dispose()

    asyncio.run(check())


def test_a_body_is_kept_while_the_data_it_sees_stays_the_same(database: Database) -> None:
    # SQLite: PRAGMA data_version; PostgreSQL: the read transaction's snapshot. A write still
    # under way elsewhere changes neither; its commit changes both, also for a body made while
    # it was under way.
    made: list[list[str]] = []

    def render(project: tuple[object, ...], folders: list[object], root: list[object]) -> bytes:
        made.append([row[0] for row in root])  # type: ignore[index]
        return orjson.dumps(made[-1])

    async def body() -> bytes:
        return await file_reads.project_body(database.direct, CALLER, "p1", render, "test")

    async def kept_again(value: bytes) -> bool:
        # Any commit makes it anew (on PostgreSQL anywhere in the cluster, autovacuum's too).
        return any([await body() is value for _ in range(3)])

    async def check() -> None:
        first = await body()
        assert await kept_again(first)
        async with database.transaction() as session:
            session.add(
                File(
                    key="k-new", organization_id=ORG, project_key="p1", name="new", type="bpmn",
                    content="", simple_path="new.bpmn", canonical_path="p/new.bpmn",
                )
            )  # fmt: skip
            await session.flush()  # written, not yet committed
            during = await body()
            assert b"k-new" not in during
        after = await body()
        assert b"k-new" in after and after != first
        assert await kept_again(after)

    asyncio.run(check())


def test_kept_values_stay_within_their_bounds() -> None:
    kept = direct_reads._KeptValues()
    small = b"x" * 1024
    for n in range(direct_reads._KEPT_VALUES + 10):
        kept.put(n, 1, small)
    assert kept.get(0, 1) is direct_reads._MISSING  # the least recently used went first
    assert kept.get(direct_reads._KEPT_VALUES + 9, 1) is small
    assert kept.get(direct_reads._KEPT_VALUES + 9, 2) is direct_reads._MISSING  # changed since
    big = b"y" * (direct_reads._KEPT_BYTES // 16)
    for n in range(20):
        kept.put(("big", n), 1, big)
    assert kept._bytes <= direct_reads._KEPT_BYTES
    assert kept.get(("big", 19), 1) is big and kept.get(("big", 0), 1) is direct_reads._MISSING
    kept.put("huge", 1, big + b"z")  # larger than a sixteenth of the bound: not kept
    assert kept.get("huge", 1) is direct_reads._MISSING
    assert kept._bytes == sum(entry[2] for entry in kept._values.values())


def test_a_search_body_is_kept_per_request_until_the_data_changed(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'searches.db'}")
    made: list[SearchPage] = []

    def render(page: SearchPage) -> bytes:
        made.append(page)
        return orjson.dumps([row[0] for row in page.rows])

    async def body(filter_: dict[str, object]) -> bytes:
        request = parse_search(files.SEARCH, {"filter": filter_, "page": {"limit": 50}})
        return await file_reads.search_body(db.direct, CALLER, request, render, "test")

    async def check() -> None:
        await migrate.upgrade(db)
        await _seed(db)
        everything = await body({})
        assert await body({}) is everything and len(made) == 1
        assert await body({"name": {"$like": "f000*"}}) != everything and len(made) == 2
        await _add_file(db, "f0000")  # another connection commits
        assert b"k-new" in await body({}) and len(made) == 3
        assert b"k-new" in await body({"name": {"$like": "f000*"}}) and len(made) == 4
        long_name = "f" + "0" * 600  # values this long are searched every time, never kept
        await body({"name": long_name})
        await body({"name": long_name})
        assert len(made) == 6
        await db.dispose()

    asyncio.run(check())


def test_a_listing_of_root_files_reads_them_in_order_from_the_index(tmp_path: Path) -> None:
    # Migration 0018: the index ends with the listing's order, so SQLite sorts nothing.
    db = Database(f"sqlite:///{tmp_path / 'plans.db'}")

    async def check() -> None:
        await migrate.upgrade(db)
        assert db.direct._sqlite is not None
        connection = db.direct._sqlite.take()
        sql, params = db.direct._compile(file_reads._ROOT_FILES, {"key": "p1"})
        plan = [row[-1] for row in connection.execute("EXPLAIN QUERY PLAN " + sql, params)]
        db.direct._sqlite.give_back(connection)
        assert any("USING INDEX ix_files_project" in step for step in plan), plan
        assert not any("TEMP B-TREE" in step for step in plan), plan
        await db.dispose()

    asyncio.run(check())


@pytest.mark.parametrize("field", ["updated", "created"])
def test_a_newest_first_search_page_is_read_in_order_from_the_index(
    tmp_path: Path, field: str
) -> None:
    # Migration 0023: the live time indexes end with key DESC, so read backwards they give the
    # tiebreaker's order (key ascending) too, and SQLite sorts nothing; oldest first still sorts
    # each run of equal times.
    db = Database(f"sqlite:///{tmp_path / 'plans.db'}")

    async def plan(order: str) -> list[str]:
        body = {"sort": [{"field": field, "order": order}], "page": {"limit": 100}}
        statements = file_reads._statements("sqlite", parse_search(files.SEARCH, body))
        assert db.direct._sqlite is not None
        connection = db.direct._sqlite.take()
        sql, params = db.direct._compile(statements.page, {"organization": "o1"})
        steps = [row[-1] for row in connection.execute("EXPLAIN QUERY PLAN " + sql, params)]
        db.direct._sqlite.give_back(connection)
        assert any(f"USING INDEX ix_files_org_{field}_live" in step for step in steps), steps
        return steps

    async def check() -> None:
        await migrate.upgrade(db)
        assert not any("TEMP B-TREE" in step for step in await plan("DESC"))
        assert any("TEMP B-TREE" in step for step in await plan("ASC"))
        await db.dispose()

    asyncio.run(check())


def _plan(connection: Any, db: Database, body: dict[str, Any], *, count: bool = False) -> list[str]:
    statements = file_reads._statements("sqlite", parse_search(files.SEARCH, body))
    query = statements.count() if count else statements.page
    sql, params = db.direct._compile(query, {"organization": "o1"})
    return [row[-1] for row in connection.execute("EXPLAIN QUERY PLAN " + sql, params)]


# Indexes that end with the key: a page in the default order is read in order from them.
IN_KEY_ORDER = ("ix_files_org_key_live", "ix_files_org_project_live", "ix_files_org_type")


def test_a_search_in_key_order_reads_its_page_from_an_index_in_key_order(tmp_path: Path) -> None:
    # Migration 0024: with no filter, or one project's, the default order is an index's order;
    # other filters keep the plans they had, as only these statements name the indexes'
    # ``key IS NOT NULL``. Migration 0025: one type's files in key order, from its index.
    db = Database(f"sqlite:///{tmp_path / 'plans.db'}")
    expected = {
        "ix_files_org_key_live": [{}, {"page": {"limit": 5, "from": 20}}],
        "ix_files_org_project_live": [{"filter": {"projectKey": "p1"}}],
        "ix_files_org_folder": [
            {"filter": {"folderKey": "d1"}},
            {"filter": {"folderKey": "d1", "projectKey": "p1"}},
        ],
        "ix_files_org_type": [{"filter": {"type": "form"}}],
        "ix_files_org_name": [{"sort": [{"field": "name"}]}],
    }

    async def check() -> None:
        await migrate.upgrade(db)
        assert db.direct._sqlite is not None
        connection = db.direct._sqlite.take()
        try:
            for index, bodies in expected.items():
                for body in bodies:
                    steps = _plan(connection, db, body)
                    assert any(f"INDEX {index} " in step for step in steps), (body, steps)
                    if index in IN_KEY_ORDER:
                        assert not any("TEMP B-TREE" in step for step in steps), (body, steps)
            # One project's count, whatever the order, is a range of the project's index.
            by_name = {"filter": {"projectKey": "p1"}, "sort": [{"field": "name"}]}
            steps = _plan(connection, db, by_name, count=True)
            assert any("INDEX ix_files_org_project_live " in step for step in steps), steps
        finally:
            db.direct._sqlite.give_back(connection)
        await db.dispose()

    asyncio.run(check())
