"""Token throttling state in PostgreSQL: two "processes" (two engines) count into the same
windows and lockouts, concurrent hits are never lost, and concurrent checks share statements
without losing their exact counts."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import event

from camunda_hub.server.settings import Settings
from camunda_hub.server.store import migrate
from camunda_hub.server.store.db import Database
from camunda_hub.server.throttle import state_db as throttle_state_db
from camunda_hub.server.throttle.ratelimit import Standing, TokenThrottle
from camunda_hub.server.throttle.state_db import DatabaseState
from tests.support.postgres import PostgresCluster

pytestmark = pytest.mark.postgres


async def test_shared_counts_across_engines(postgres: PostgresCluster) -> None:
    url = postgres.create_database("throttle")
    settings = Settings(
        database_url=url,
        token_rate_per_client=25,
        token_rate_per_address=0,
        lockout_after_failures=2,
        lockout_seconds=30,
    )
    first, second = Database(url), Database(url)
    try:
        await migrate.upgrade(first)
        a = TokenThrottle(settings, lambda: first)
        b = TokenThrottle(settings, lambda: second)
        # 40 concurrent authenticated requests of one client, spread over both: exactly 25
        # get through.
        _, standing = await a.admit("busy-client", "10.1.1.1")
        results = await asyncio.gather(
            *((a if i % 2 else b).authenticated(standing) for i in range(40))
        )
        admitted = [refusal for refusal in results if refusal is None]
        assert len(admitted) == 25
        assert {refusal.reason for refusal in results if refusal is not None} == {"rate_client"}

        # Failures recorded by one are a lockout on the other; a success on either clears it.
        _, victim = await a.admit("victim", None)
        await a.failed(victim)
        await b.failed(victim)
        refusal, _ = await b.admit("victim", None)
        assert refusal is not None and refusal.reason == "locked" and refusal.retry_after >= 29
        # ... only for that address: the same client from another one is admitted.
        assert (await b.admit("victim", "10.2.2.2"))[0] is None
        # (a correct secret from that address, once the lock is over)
        await a.authenticated(Standing("victim", victim.address, had_failures=True))
        refusal, after = await b.admit("victim", None)
        assert refusal is None and not after.had_failures
    finally:
        await first.dispose()
        await second.dispose()


async def test_falls_back_to_process_counts_when_the_database_is_gone(
    postgres: PostgresCluster,
) -> None:
    # A database that does not exist: every call fails at once.
    url = f"postgresql://postgres@127.0.0.1:{postgres.port}/no_such_database"
    settings = Settings(database_url=url, token_rate_per_client=2, token_rate_per_address=0)
    db = Database(url)
    try:
        throttle = TokenThrottle(settings, lambda: db)
        _, standing = await throttle.admit("c", "10.0.0.1")
        outcomes = [await throttle.authenticated(standing) for _ in range(3)]
        assert outcomes[:2] == [None, None]
        assert outcomes[2] is not None and outcomes[2].reason == "rate_client"
    finally:
        await db.dispose()


async def test_concurrent_checks_share_statements_and_keep_exact_counts(
    postgres: PostgresCluster,
) -> None:
    url = postgres.create_database("throttle_batches")
    db = Database(url)
    statements: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if "token_rate_windows" in statement:
            statements.append(statement)

    try:
        await migrate.upgrade(db)
        event.listen(db.engine.sync_engine, "before_cursor_execute", count)
        state = DatabaseState(Settings(database_url=url), db)
        observed = await asyncio.gather(
            *(state.observe(["client:a", f"address:{i % 3}"], 7, ["p:a"], 0.0) for i in range(60))
        )
        # Every request got its own count, exactly as if they had come one after the other ...
        assert sorted(o.hits["client:a"] for o in observed) == list(range(1, 61))
        for address in range(3):
            counts = sorted(
                o.hits[f"address:{address}"] for o in observed if f"address:{address}" in o.hits
            )
            assert counts == list(range(1, 21))
        # ... from far fewer statements than requests.
        assert 1 <= len(statements) < 20, len(statements)

        # A new window starts from the hits of its own first batch; a batch that spans the
        # minute boundary is split, one window per statement.
        first, second = await asyncio.gather(
            state.observe(["client:a"], 7, [], 0.0), state.observe(["client:a"], 8, [], 0.0)
        )
        assert (first.hits, second.hits) == ({"client:a": 61}, {"client:a": 1})

        # A check late for its window (computed before the minute turned) never resets the
        # newer window's count; it is counted on its own.
        late = await state.observe(["client:a"], 7, [], 0.0)
        assert late.hits == {"client:a": 1}
        assert (await state.observe(["client:a"], 8, [], 0.0)).hits == {"client:a": 2}
    finally:
        await db.dispose()


async def test_checks_in_flight_when_the_runner_stops_are_answered(
    postgres: PostgresCluster, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At shutdown the batch runner is cancelled: the checks it was answering and the ones
    still queued get an error (their callers fall back to in-process counts), never a hang."""
    url = postgres.create_database("throttle_stop")
    db = Database(url)
    started = asyncio.Event()

    async def stuck(*_args: object) -> list[object]:
        started.set()
        await asyncio.Event().wait()
        raise AssertionError("unreachable")

    monkeypatch.setattr(throttle_state_db, "_observe_batch", stuck)
    try:
        state = DatabaseState(Settings(database_url=url), db)
        checks = [asyncio.ensure_future(state.observe(["client:a"], 7, [], 0.0)) for _ in range(3)]
        await asyncio.wait_for(started.wait(), 10)
        late = asyncio.ensure_future(state.observe(["client:a"], 7, [], 0.0))
        await asyncio.sleep(0)
        assert state._runner is not None
        state._runner.cancel()
        outcomes = await asyncio.wait_for(asyncio.gather(*checks, late, return_exceptions=True), 10)
        assert all(isinstance(outcome, RuntimeError) for outcome in outcomes), outcomes
    finally:
        await db.dispose()
