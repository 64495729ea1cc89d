"""Token-endpoint protection: per-client and per-source-address rate limits (429 +
``Retry-After``) and an exponential lockout after consecutive wrong secrets of a client.

``oauth/admission.py`` asks it inside the token endpoint.

State lives in this process on SQLite (one process per database), and in the database on
PostgreSQL, where every process of a deployment must see the same counts
(``state_db.py``). When the database cannot be reached the process falls back to its own
counters instead of refusing tokens."""

from __future__ import annotations

import functools
import hashlib
import logging
import math
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from camunda_hub.server.settings import Settings
from camunda_hub.server.store.db import Database
from camunda_hub.server.throttle.state import MemoryState, Observed, ThrottleState
from camunda_hub.server.throttle.state_db import DatabaseState

log = logging.getLogger("camunda_hub.ratelimit")

WINDOW_SECONDS = 60


@dataclass(frozen=True)
class Refusal:
    retry_after: int
    reason: str


@functools.lru_cache(maxsize=4096)  # the same clients and addresses ask again and again
def _key(kind: str, value: str) -> str:
    # Caller-chosen text of any length: store a fixed-size digest, never the raw value.
    return kind + ":" + hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()[:64]


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
        self, client_id: str | None, address: str | None, *, bucket: str = ""
    ) -> tuple[Refusal | None, bool]:
        """Whether to serve the request; and whether the client has failures to reset.

        ``bucket`` keeps the rates of another endpoint (introspection, revocation) apart from
        the token endpoint's, with the same limits; the lockout is one per client whatever
        endpoint the wrong secrets were tried at."""
        now = self._clock()
        window_index = int(now // WINDOW_SECONDS)
        limits: dict[str, tuple[str, int]] = {}
        s = self._settings
        if address and s.token_rate_per_address:
            limits[_key(bucket + "address", address)] = ("rate_address", s.token_rate_per_address)
        if client_id and s.token_rate_per_client:
            limits[_key(bucket + "client", client_id)] = ("rate_client", s.token_rate_per_client)
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
