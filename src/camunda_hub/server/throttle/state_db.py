"""The throttle's state in PostgreSQL, shared by every process of a deployment: atomic upserts,
so concurrent processes never lose a hit and every admission sees the exact count.

Admission checks that arrive while one is running are answered together by the next statement
(one round trip for the whole batch): the hits of each key are added at once, and the requests
get the counts they would have got one after the other (``total - n + 1`` … ``total``). Under
load the database cost per token request falls with the batch size, while the counts stay exact;
with no load a request still costs one statement, as before."""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from camunda_hub.server.settings import Settings
from camunda_hub.server.store.db import Database
from camunda_hub.server.throttle.state import FORGET_AFTER, Hold, Observed

# One statement, run outside an explicit transaction (a single statement is atomic): add this
# batch's hits per key to the current window (a new window starts from the batch's hits) and read
# the failure streaks it names (``token_lockouts.client_id`` holds a streak key, ratelimit.py).
# Arrays keep it one prepared statement for any batch size.
# A batch late for its window (computed before the minute turned, run after another process
# started the next one) leaves the newer count alone and is counted on its own.
_OBSERVE = text(
    """
WITH incoming AS (
    SELECT * FROM unnest(CAST(:keys AS text[]), CAST(:counts AS integer[])) AS t(key, n)
), hits AS (
    INSERT INTO token_rate_windows (key, window_index, hits)
    SELECT key, :w, n FROM incoming
    ON CONFLICT (key) DO UPDATE SET
        hits = CASE WHEN token_rate_windows.window_index = excluded.window_index
                    THEN token_rate_windows.hits + excluded.hits ELSE excluded.hits END,
        window_index = excluded.window_index
    WHERE token_rate_windows.window_index <= excluded.window_index
    RETURNING key, hits
)
SELECT 'hits', key, hits, CAST(0 AS FLOAT) FROM hits
UNION ALL
SELECT 'lockout', client_id, failures, locked_until FROM token_lockouts
WHERE client_id = ANY(CAST(:streaks AS text[]))
"""
)
# A streak whose lockout ended more than FORGET_AFTER ago starts again from one.
_FAILURE = text(
    "INSERT INTO token_lockouts (client_id, failures, locked_until) VALUES (:key, 1, :now) "
    "ON CONFLICT (client_id) DO UPDATE SET failures = CASE "
    "WHEN token_lockouts.locked_until <= :forget THEN 1 ELSE token_lockouts.failures + 1 END, "
    "locked_until = GREATEST(token_lockouts.locked_until, :now) "
    "RETURNING failures"
)
_LOCK = text(
    "UPDATE token_lockouts SET locked_until = GREATEST(locked_until, :until) WHERE client_id = :key"
)
_SUCCESS = text("DELETE FROM token_lockouts WHERE client_id = :key")
_PRUNE_WINDOWS = text("DELETE FROM token_rate_windows WHERE window_index < :before")
_PRUNE_STREAKS = text("DELETE FROM token_lockouts WHERE locked_until <= :forget")


@dataclass
class _Ask:
    keys: list[str]
    window_index: int
    streak_keys: list[str]
    now: float
    answer: asyncio.Future[Observed] = field(
        default_factory=lambda: asyncio.get_running_loop().create_future()
    )


class DatabaseState:
    def __init__(self, settings: Settings, db: Database) -> None:
        self._settings = settings
        self._db = db
        self._waiting: list[_Ask] = []
        self._runner: asyncio.Task[None] | None = None

    async def observe(
        self, keys: list[str], window_index: int, streak_keys: list[str], now: float
    ) -> Observed:
        ask = _Ask(keys, window_index, streak_keys, now)
        self._waiting.append(ask)
        if self._runner is None:
            # A task, not the first caller: that caller's request must not wait on everyone
            # else's batches while load keeps arriving.
            self._runner = asyncio.create_task(self._run_batches(), name="throttle-batches")
        return await ask.answer

    async def _run_batches(self) -> None:
        batch: list[_Ask] = []
        try:
            while self._waiting:
                batch, window_index = self._next_batch()
                try:
                    # One connection while batches keep coming: no pool checkout (and ping) per
                    # batch under load.
                    async with self._db.engine.connect() as connection:
                        autocommit = await connection.execution_options(
                            isolation_level="AUTOCOMMIT"
                        )
                        while True:
                            answers = await _observe_batch(autocommit, batch, window_index)
                            for ask, observed in zip(batch, answers, strict=True):
                                if not ask.answer.done():  # its request may have been cancelled
                                    ask.answer.set_result(observed)
                            if not self._waiting:
                                break
                            batch, window_index = self._next_batch()
                except Exception as exc:
                    # Each caller falls back to its process's own counts (ratelimit.py).
                    for ask in batch:
                        if not ask.answer.done():
                            ask.answer.set_exception(exc)
        finally:
            self._runner = None
            # Anything unanswered here means the task itself was cancelled (shutdown).
            for ask in [*batch, *self._waiting]:
                if not ask.answer.done():
                    ask.answer.set_exception(RuntimeError("the throttle stopped"))
            self._waiting = []

    def _next_batch(self) -> tuple[list[_Ask], int]:
        # One window per statement (a batch spanning a minute boundary is split).
        window_index = self._waiting[0].window_index
        batch = [a for a in self._waiting if a.window_index == window_index]
        self._waiting = [a for a in self._waiting if a.window_index != window_index]
        return batch, window_index

    async def failure(self, key: str, now: float, hold: Hold) -> int:
        async with self._db.transaction() as session:
            params = {"key": key, "now": now, "forget": now - FORGET_AFTER}
            failures = int((await session.execute(_FAILURE, params)).scalar_one())
            seconds = hold(failures)
            if seconds > 0:
                await session.execute(_LOCK, {"until": now + seconds, "key": key})
        return failures

    async def success(self, key: str) -> None:
        async with self._db.transaction() as session:
            await session.execute(_SUCCESS, {"key": key})

    async def prune(self, window_index: int, now: float) -> None:
        async with self._db.transaction() as session:
            await session.execute(_PRUNE_WINDOWS, {"before": window_index - 1})
            await session.execute(_PRUNE_STREAKS, {"forget": now - FORGET_AFTER})


async def _observe_batch(
    connection: AsyncConnection, batch: list[_Ask], window_index: int
) -> list[Observed]:
    added = Counter(key for ask in batch for key in ask.keys)
    streak_keys = sorted({key for ask in batch for key in ask.streak_keys})
    params = {
        "keys": list(added),
        "counts": list(added.values()),
        "w": window_index,
        "streaks": streak_keys,
    }
    totals: dict[str, int] = {}
    streaks: dict[str, tuple[int, float]] = {}
    for kind, name, count, locked_until in await connection.execute(_OBSERVE, params):
        if kind == "hits":
            totals[name] = int(count)
        else:
            streaks[name] = (int(count), float(locked_until))
    # Hand out the counts in arrival order, as if the hits had come one by one.
    counted = {key: totals.get(key, n) - n for key, n in added.items()}
    answers = []
    for ask in batch:
        hits = {}
        for key in ask.keys:
            counted[key] += 1
            hits[key] = counted[key]
        found = {
            key: streaks[key]
            for key in ask.streak_keys
            if key in streaks and streaks[key][1] + FORGET_AFTER > ask.now
        }
        answers.append(Observed(hits, found))
    return answers
