"""Console sign-in throttling against an attacker who knows an admin's e-mail address: locks
hold for the failing address only; guessing from many addresses is slowed by the account's
budget, which never refuses the right password from an address that has not been failing."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from camunda_hub.server.console import throttle
from camunda_hub.server.store import migrate
from camunda_hub.server.store.db import Database

ADMIN = "admin@example.com"


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database(f"sqlite:///{tmp_path / 'hub.db'}")
    await migrate.upgrade(database)
    try:
        yield database
    finally:
        await database.dispose()


async def _attempt(db: Database, address: str, *, right: bool = False) -> int:
    keys = throttle.keys_for(ADMIN, address)
    async with db.transaction() as session:
        wait = await throttle.begin_attempt(session, keys)
    if not wait and right:
        async with db.transaction() as session:
            await throttle.succeeded(session, keys)
    return wait


async def test_failures_from_one_address_do_not_lock_the_admin_elsewhere(db: Database) -> None:
    for _ in range(throttle.ACCOUNT_FREE_FAILURES + 1):
        assert await _attempt(db, "10.6.6.6") == 0
    assert await _attempt(db, "10.6.6.6", right=True) > 0
    assert await _attempt(db, "10.0.0.1", right=True) == 0


async def test_the_account_budget_slows_guessing_from_many_addresses(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(throttle, "ACCOUNT_BUDGET", 4)
    # Within the budget one failure per address locks nothing ...
    for index in range(4):
        assert await _attempt(db, f"10.6.0.{index}") == 0
    assert await _attempt(db, "10.6.0.0") == 0
    # ... past it, each failing address is locked at its first failure, longer and longer.
    waits = []
    for index in range(10, 14):
        assert await _attempt(db, f"10.6.0.{index}") == 0
        waits.append(await _attempt(db, f"10.6.0.{index}"))
    assert all(wait > 0 for wait in waits)
    assert waits == sorted(waits) and waits[-1] > waits[0]
    # The admin, with the right password from an address that has not been failing, signs in.
    assert await _attempt(db, "10.0.0.1", right=True) == 0
    assert await _attempt(db, "10.0.0.1", right=True) == 0
