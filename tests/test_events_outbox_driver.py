"""The one-event INSERT on an inline SQLite connection goes straight to the driver
(``events/record.py``): the row it stores must be the row SQLAlchemy's execution stores."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from camunda_hub.server.events import record
from camunda_hub.server.store.schema import base
from tests.support.in_process import in_process_hub

pytestmark = pytest.mark.asyncio(loop_scope="session")

PARENTS = {"workspaceKey": "w", "projectKey": "p\u00e9", "folderKey": None}
MOMENT = base.utcnow().replace(microsecond=123456)
DATA = {
    "name": 'naïve \u2603 "quoted"',
    "revision": 3,
    "changes": {"name": {"old": "a", "new": "b"}},
}


async def _write(runtime: Any, organization_id: str, key: str) -> int:
    async with runtime.db.transaction() as session:
        record.record(
            session,
            organization_id=organization_id,
            actor=type("Actor", (), {"name": "Ann", "email": "ann@example.com"})(),
            type="file.updated",
            resource_type="file",
            resource_key=key,
            parents=PARENTS,
            data=DATA,
            correlation_id="corr",
        )
        # Both rows get the same moment, with microseconds (the column's text shape).
        session.sync_session.info[record._PENDING][-1].occurred = MOMENT
    async with runtime.db.session() as session:
        found = await session.execute(
            text("SELECT sequence FROM hub_events WHERE resource_key = :key"), {"key": key}
        )
        return int(found.scalar_one())


async def test_the_driver_path_stores_what_sqlalchemy_stores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    taken: list[bool] = []
    real = record._ON_THE_DRIVER

    class Counted:
        def execute(self, connection: Any, row: dict[str, Any]) -> Any:
            cursor = real.execute(connection, row)
            taken.append(cursor is not None)
            return cursor

    class Declined:
        def execute(self, connection: Any, row: dict[str, Any]) -> Any:
            return None

    monkeypatch.setattr(record, "_ON_THE_DRIVER", Counted())
    async with in_process_hub(tmp_path) as hub:
        runtime = hub.app.state.runtime
        organization_id = hub.creds.client.organization_id
        first = await _write(runtime, organization_id, "driver")
        assert taken == [True], "the inline SQLite path did not take the driver"
        monkeypatch.setattr(record, "_ON_THE_DRIVER", Declined())
        second = await _write(runtime, organization_id, "sqlalchemy")
        assert second == first + 1
        database = runtime.db.url.database
    columns = (
        "organization_id, type, occurred, typeof(occurred), actor_name, actor_email, "
        "resource_type, parents, typeof(parents), data, correlation_id, length(event_key)"
    )
    with sqlite3.connect(database) as raw:
        by_driver = raw.execute(
            f"SELECT {columns} FROM hub_events WHERE resource_key = 'driver'"
        ).fetchone()
        by_sqlalchemy = raw.execute(
            f"SELECT {columns} FROM hub_events WHERE resource_key = 'sqlalchemy'"
        ).fetchone()
        counter = raw.execute(
            "SELECT last_sequence FROM hub_event_counters WHERE organization_id = ?",
            (organization_id,),
        ).fetchone()
    assert by_driver == by_sqlalchemy
    assert counter == (second,)


async def test_a_driver_error_is_a_sqlalchemy_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Callers (the outage check, the 500 handler) only know SQLAlchemy's exceptions.
    from sqlalchemy.exc import DBAPIError

    async with in_process_hub(tmp_path) as hub:
        runtime = hub.app.state.runtime
        async with runtime.db.session() as session:
            await session.execute(
                text(
                    "CREATE TRIGGER refuse BEFORE INSERT ON hub_events "
                    "BEGIN SELECT RAISE(ABORT, 'refused'); END"
                )
            )
            await session.commit()
        with pytest.raises(DBAPIError):
            await _write(runtime, hub.creds.client.organization_id, "refused")
