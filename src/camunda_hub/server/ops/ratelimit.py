"""Token-endpoint protection: per-client and per-source-address rate limits (429 +
``Retry-After``) and an exponential lockout after consecutive wrong secrets of a client.

``oauth/admission.py`` asks it inside the token endpoint.

State lives in this process on SQLite (one process per database), and in the database on
PostgreSQL, where every process of a deployment must see the same counts. When the database
cannot be reached the process falls back to its own counters instead of refusing tokens."""

from __future__ import annotations

import functools
import hashlib
import logging
import math
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import text

from camunda_hub.server.settings import Settings
from camunda_hub.server.store.db import Database

log = logging.getLogger("camunda_hub.ratelimit")

WINDOW_SECONDS = 60
_MEMORY_KEYS_MAX = 100_000


@dataclass(frozen=True)
class Refusal:
    retry_after: int
    reason: str


@functools.lru_cache(maxsize=4096)  # the same clients and addresses ask again and again
def _key(kind: str, value: str) -> str:
    # Caller-chosen text of any length: store a fixed-size digest, never the raw value.
    return kind + ":" + hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()[:64]


def lockout_seconds(settings: Settings, failures: int) -> float:
    over = failures - settings.lockout_after_failures
    if settings.lockout_after_failures <= 0 or over < 0:
        return 0.0
    return float(min(settings.lockout_max_seconds, settings.lockout_seconds * 2 ** min(over, 40)))


@dataclass(frozen=True)
class Observed:
    """What one admission check found: hits per key in the current window, and the client's
    consecutive failures and lockout end (epoch seconds)."""

    hits: dict[str, int]
    failures: int
    locked_until: float


class ThrottleState(Protocol):
    async def observe(
        self, keys: list[str], window_index: int, client_id: str | None
    ) -> Observed: ...
    async def failure(self, client_id: str, now: float) -> None: ...
    async def success(self, client_id: str) -> None: ...


class MemoryState:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._windows: dict[str, tuple[int, int]] = {}
        self._failures: dict[str, tuple[int, float]] = {}

    async def observe(self, keys: list[str], window_index: int, client_id: str | None) -> Observed:
        hits = {key: self._hit(key, window_index) for key in keys}
        failures, until = self._failures.get(client_id, (0, 0.0)) if client_id else (0, 0.0)
        return Observed(hits, failures, until)

    def _hit(self, key: str, window_index: int) -> int:
        current = self._windows.get(key)
        hits = current[1] + 1 if current is not None and current[0] == window_index else 1
        if len(self._windows) >= _MEMORY_KEYS_MAX and key not in self._windows:
            self._windows = {k: v for k, v in self._windows.items() if v[0] == window_index}
            if len(self._windows) >= _MEMORY_KEYS_MAX:
                # Flooded with distinct keys in one window: forget the oldest half.
                self._windows = dict(list(self._windows.items())[_MEMORY_KEYS_MAX // 2 :])
        self._windows[key] = (window_index, hits)
        return hits

    async def failure(self, client_id: str, now: float) -> None:
        failures = self._failures.get(client_id, (0, 0.0))[0] + 1
        until = now + lockout_seconds(self._settings, failures)
        if len(self._failures) >= _MEMORY_KEYS_MAX and client_id not in self._failures:
            self._failures.pop(next(iter(self._failures)))
        self._failures[client_id] = (failures, until)

    async def success(self, client_id: str) -> None:
        self._failures.pop(client_id, None)


# One statement, one round trip (run outside an explicit transaction; a single statement is
# atomic): count the hits of this window (a new window starts from 1) and read the lockout.
_OBSERVE = """
WITH hits AS (
    INSERT INTO token_rate_windows (key, window_index, hits) VALUES {rows}
    ON CONFLICT (key) DO UPDATE SET
        hits = CASE WHEN token_rate_windows.window_index = excluded.window_index
                    THEN token_rate_windows.hits + 1 ELSE 1 END,
        window_index = excluded.window_index
    RETURNING key, hits
)
SELECT key, hits, CAST(0 AS FLOAT) FROM hits
UNION ALL
SELECT '', failures, locked_until FROM token_lockouts WHERE client_id = :client_id
"""
_OBSERVE_BY_KEY_COUNT = {
    count: text(_OBSERVE.format(rows=", ".join(f"(:k{i}, :w, 1)" for i in range(count))))
    for count in (1, 2)
}
_LOCKOUT = text(
    "SELECT '', failures, locked_until FROM token_lockouts WHERE client_id = :client_id"
)
_FAILURE = text(
    "INSERT INTO token_lockouts (client_id, failures, locked_until) VALUES (:client_id, 1, 0) "
    "ON CONFLICT (client_id) DO UPDATE SET failures = token_lockouts.failures + 1 "
    "RETURNING failures"
)
_LOCK = text("UPDATE token_lockouts SET locked_until = :until WHERE client_id = :client_id")
_SUCCESS = text("DELETE FROM token_lockouts WHERE client_id = :client_id")
_PRUNE_WINDOWS = text("DELETE FROM token_rate_windows WHERE window_index < :before")


class DatabaseState:
    """Counts in the database: atomic upserts, so concurrent processes never lose a hit. One
    transaction per admission check."""

    def __init__(self, settings: Settings, db: Database) -> None:
        self._settings = settings
        self._db = db

    async def observe(self, keys: list[str], window_index: int, client_id: str | None) -> Observed:
        params: dict[str, object] = {f"k{i}": key for i, key in enumerate(keys)}
        params.update(w=window_index, client_id=client_id or "")
        statement = _OBSERVE_BY_KEY_COUNT[len(keys)] if keys else _LOCKOUT
        hits: dict[str, int] = {}
        failures, until = 0, 0.0
        async with self._db.engine.connect() as connection:
            autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
            for key, count, locked_until in await autocommit.execute(statement, params):
                if key:
                    hits[str(key)] = int(count)
                else:
                    failures, until = int(count), float(locked_until)
        return Observed(hits, failures, until)

    async def failure(self, client_id: str, now: float) -> None:
        async with self._db.transaction() as session:
            failures = int((await session.execute(_FAILURE, {"client_id": client_id})).scalar_one())
            until = now + lockout_seconds(self._settings, failures)
            await session.execute(_LOCK, {"until": until, "client_id": client_id})

    async def success(self, client_id: str) -> None:
        async with self._db.transaction() as session:
            await session.execute(_SUCCESS, {"client_id": client_id})

    async def prune(self, window_index: int) -> None:
        async with self._db.transaction() as session:
            await session.execute(_PRUNE_WINDOWS, {"before": window_index - 1})


class TokenThrottle:
    def __init__(
        self,
        settings: Settings,
        db: Callable[[], Database],
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._settings = settings
        self._db = db
        self._clock = clock
        self._memory = MemoryState(settings)
        self._shared: DatabaseState | None = None
        self._last_prune = 0

    @property
    def enabled(self) -> bool:
        s = self._settings
        return bool(s.token_rate_per_client or s.token_rate_per_address or s.lockout_after_failures)

    def _state(self) -> ThrottleState:
        if self._shared is None:
            db = self._db()
            if db.is_sqlite:
                return self._memory
            self._shared = DatabaseState(self._settings, db)
        return self._shared

    async def _with_fallback(self, call: Callable[[ThrottleState], Awaitable[Any]]) -> Any:
        state = self._state()
        try:
            return await call(state)
        except Exception as exc:
            if state is self._memory:
                raise
            log.warning(
                "throttling from this process's counters: database unavailable (%s)",
                type(exc).__name__,
            )
            return await call(self._memory)

    async def admit(
        self, client_id: str | None, address: str | None
    ) -> tuple[Refusal | None, bool]:
        """Whether to serve the request; and whether the client has failures to reset."""
        now = self._clock()
        window_index = int(now // WINDOW_SECONDS)
        limits: dict[str, tuple[str, int]] = {}
        s = self._settings
        if address and s.token_rate_per_address:
            limits[_key("address", address)] = ("rate_address", s.token_rate_per_address)
        if client_id and s.token_rate_per_client:
            limits[_key("client", client_id)] = ("rate_client", s.token_rate_per_client)
        lockout_id = client_id if s.lockout_after_failures else None
        if not limits and lockout_id is None:
            return None, False
        observed: Observed = await self._with_fallback(
            lambda state: state.observe(list(limits), window_index, lockout_id)
        )
        await self._maybe_prune(window_index)
        if observed.locked_until > now:
            return Refusal(max(1, math.ceil(observed.locked_until - now)), "locked"), False
        for key, (reason, limit) in limits.items():
            if observed.hits.get(key, 0) > limit:
                retry = max(1, math.ceil((window_index + 1) * WINDOW_SECONDS - now))
                return Refusal(retry, reason), False
        return None, observed.failures > 0

    async def failed(self, client_id: str) -> None:
        if self._settings.lockout_after_failures:
            now = self._clock()
            await self._with_fallback(lambda state: state.failure(client_id, now))

    async def succeeded(self, client_id: str) -> None:
        await self._with_fallback(lambda state: state.success(client_id))

    async def _maybe_prune(self, window_index: int) -> None:
        if self._shared is None or window_index <= self._last_prune:
            return
        self._last_prune = window_index
        try:
            await self._shared.prune(window_index)
        except Exception:
            log.debug("could not prune old rate windows", exc_info=True)
