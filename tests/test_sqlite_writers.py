"""SQLite under concurrent writers: writers of one process queue in the process instead of
racing for SQLite's lock, so none gets "database is locked", none is lost, and reads do not wait
for a writer."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text
from sqlalchemy.exc import OperationalError

from camunda_hub.server.store import db as db_module
from camunda_hub.server.store.db import Database
from tests.support.in_process import in_process_hub

WRITERS = 32


def _no_busy_wait(db: Database) -> None:
    # Without queueing in the process, any two overlapping writers now fail at once with
    # "database is locked" instead of hiding it in a wait.
    def zero(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA busy_timeout=0")

    event.listen(db.write_engine.sync_engine, "connect", zero)


async def test_concurrent_read_modify_write_transactions_all_commit(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'w.sqlite3'}")
    _no_busy_wait(db)
    try:
        async with db.transaction() as session:
            await session.execute(text("CREATE TABLE counter (n INTEGER NOT NULL)"))
            await session.execute(text("INSERT INTO counter VALUES (0)"))

        async def increment() -> None:
            for _ in range(5):
                async with db.transaction() as session:
                    n = (await session.execute(text("SELECT n FROM counter"))).scalar_one()
                    await asyncio.sleep(0)  # let the other writers try to get in between
                    await session.execute(text("UPDATE counter SET n = :n"), {"n": n + 1})

        await asyncio.gather(*(increment() for _ in range(WRITERS)))
        async with db.session() as session:
            assert (
                await session.execute(text("SELECT n FROM counter"))
            ).scalar_one() == 5 * WRITERS
    finally:
        await db.dispose()


async def test_a_read_does_not_wait_for_an_open_write(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'r.sqlite3'}")
    try:
        async with db.transaction() as session:
            await session.execute(text("CREATE TABLE t (n INTEGER)"))
        async with db.transaction() as session:
            await session.execute(text("INSERT INTO t VALUES (1)"))
            async with db.session() as reader:
                # Answered at once from the last commit, while the write is still open.
                seen = await asyncio.wait_for(
                    reader.execute(text("SELECT count(*) FROM t")), timeout=5
                )
                assert seen.scalar_one() == 0
    finally:
        await db.dispose()


async def test_32_concurrent_api_writers_get_no_5xx_and_lose_nothing(tmp_path: Path) -> None:
    async with in_process_hub(tmp_path) as hub:
        _no_busy_wait(hub.app.state.runtime.db)
        token = await hub.client.post("/oauth/token", data=hub.token_form())
        hub.client.headers["Authorization"] = f"Bearer {token.json()['access_token']}"
        api = "/api/v2"
        workspace = (await hub.client.post(f"{api}/workspaces", json={"name": "W"})).json()
        project = (
            await hub.client.post(
                f"{api}/projects",
                json={"name": "P", "workspaceKey": workspace["workspaceKey"]},
            )
        ).json()

        async def writer(n: int) -> tuple[str, int]:
            created = await hub.client.post(
                f"{api}/files",
                json={
                    "name": f"f{n}",
                    "projectKey": project["projectKey"],
                    "type": "markdown",
                    "content": "one\n",
                },
            )
            assert created.status_code == 200, created.text
            body = created.json()
            updated = await hub.client.patch(
                f"{api}/files/{body['fileKey']}",
                json={"revision": body["revision"], "content": f"two {n}\n"},
            )
            assert updated.status_code == 200, updated.text
            return body["fileKey"], updated.json()["revision"]

        written = dict(await asyncio.gather(*(writer(n) for n in range(WRITERS))))
        listing = await hub.client.get(f"{api}/projects/{project['projectKey']}")
        stored = {f["fileKey"]: f["revision"] for f in listing.json()["content"]["files"]}
        assert stored == written
        for key in list(written)[:3]:
            assert (await hub.client.get(f"{api}/files/{key}")).json()["content"].startswith("two")


async def test_a_writer_waiting_for_another_process_lock_does_not_block_the_loop(
    tmp_path: Path,
) -> None:
    path = tmp_path / "p.sqlite3"
    db = Database(f"sqlite:///{path}")
    try:
        async with db.transaction() as session:
            await session.execute(text("CREATE TABLE t (n INTEGER)"))
        # Another process's writer (here: another connection) holds the write lock.
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        ticks = 0

        async def ticker() -> None:
            nonlocal ticks
            while True:
                await asyncio.sleep(0.005)
                ticks += 1

        async def write() -> None:
            async with db.transaction() as session:
                await session.execute(text("INSERT INTO t VALUES (1)"))

        ticking = asyncio.create_task(ticker())
        writing = asyncio.create_task(write())
        await asyncio.sleep(0.3)
        assert not writing.done()  # waiting for the lock ...
        assert ticks >= 3  # ... while the loop goes on serving (a blocked loop: 0 or 1)
        other.execute("COMMIT")
        other.close()
        await asyncio.wait_for(writing, timeout=5)
        ticking.cancel()
        async with db.session() as reader:
            assert (await reader.execute(text("SELECT count(*) FROM t"))).scalar_one() == 1
    finally:
        await db.dispose()


async def test_a_writer_gives_up_after_the_busy_timeout_as_database_is_locked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db_module, "_BUSY_TIMEOUT_S", 0.2)
    path = tmp_path / "t.sqlite3"
    db = Database(f"sqlite:///{path}")
    try:
        async with db.transaction() as session:
            await session.execute(text("CREATE TABLE t (n INTEGER)"))
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(OperationalError, match="database is locked"):
                async with db.transaction() as session:
                    await session.execute(text("INSERT INTO t VALUES (1)"))
        finally:
            other.execute("ROLLBACK")
            other.close()
        # The connection is usable again once the lock is free.
        async with db.transaction() as session:
            await session.execute(text("INSERT INTO t VALUES (2)"))
        async with db.session() as reader:
            assert (await reader.execute(text("SELECT n FROM t"))).scalar_one() == 2
    finally:
        await db.dispose()
