"""Token-endpoint protection, built so that nobody can deny a client its tokens by naming it.

* Before the secret is checked, a request counts only against its **source address**
  (``token_rate_per_address``; IPv6 addresses by their /64, which one host usually holds), and
  is refused while its **(client, address)** pair is locked.
* Only once the secret is right does it count against the **client's** quota
  (``token_rate_per_client``): junk sent in a client's name never uses up that client's quota.
* A wrong secret extends the streak of its (client, address) pair: after
  ``lockout_after_failures`` that pair is locked for ``lockout_seconds``, doubled per further
  failure up to ``lockout_max_seconds``. Other addresses are not affected, so the client with its
  correct secret from an address that has not been failing gets its token.
* Every client also has a failure budget over all addresses (``lockout_client_budget``, far above
  what a real client needs): past it, each failing address is locked at its first failure, for a
  time doubling with the client's failures over the budget — guessing from many addresses is
  slowed down, yet the correct secret is never locked.

``oauth/admission.py`` asks it inside the token endpoint.

State lives in this process on SQLite (one process per database), and in the database on
PostgreSQL, where every process of a deployment must see the same counts
(``state_db.py``). When the database cannot be reached the process falls back to its own
counters instead of refusing tokens."""

from __future__ import annotations

import functools
import hashlib
import ipaddress
import logging
import math
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, NamedTuple

from camunda_hub.server.settings import Settings
from camunda_hub.server.store.db import Database
from camunda_hub.server.throttle.state import (
    MemoryState,
    Observed,
    ThrottleState,
    budget_seconds,
    lockout_seconds,
)
from camunda_hub.server.throttle.state_db import DatabaseState

log = logging.getLogger("camunda_hub.ratelimit")

WINDOW_SECONDS = 60
_NO_ADDRESS = "-"


@dataclass(frozen=True)
class Refusal:
    retry_after: int
    reason: str


class Standing(NamedTuple):
    """What admission found out about an admitted request, for the steps after the secret.
    A named tuple: two are made per token request, and a frozen dataclass costs several times
    as much to make."""

    client_id: str | None
    address: str
    had_failures: bool
    # "" for the token endpoint; another endpoint's name keeps its rates apart (same limits).
    bucket: str = ""


@functools.lru_cache(maxsize=4096)  # the same clients and addresses ask again and again
def _key(kind: str, *values: str) -> str:
    # Caller-chosen text of any length: store a fixed-size digest, never the raw values. At most
    # 64 characters (the streak table's key column).
    digest = hashlib.sha256("\0".join(values).encode("utf-8", "surrogatepass")).hexdigest()
    return kind + ":" + digest[: 62 - len(kind)]


@functools.lru_cache(maxsize=4096)
def source_of(address: str | None) -> str:
    """The throttling identity of a peer address: an IPv4 address as is, an IPv6 address by its
    /64 (IPv4-mapped IPv6 as the IPv4 address)."""
    if not address:
        return _NO_ADDRESS
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address[:64]
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


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
        # Set once the database is known to be SQLite: the state is this process's for good.
        self._embedded = False
        self._last_prune = 0

    @property
    def enabled(self) -> bool:
        s = self._settings
        return bool(
            s.token_rate_per_client
            or s.token_rate_per_address
            or s.lockout_after_failures
            or s.lockout_client_budget
        )

    def _state(self) -> ThrottleState:
        if self._shared is None:
            if self._embedded:
                return self._memory
            db = self._db()
            if db.is_sqlite:
                self._embedded = True
                return self._memory
            self._shared = DatabaseState(self._settings, db)
        return self._shared

    async def _observe(
        self, keys: list[str], window_index: int, streak_keys: list[str], now: float
    ) -> Observed:
        # The token endpoint's hottest call: on SQLite answered without the fallback's closure
        # and coroutines (the memory state never fails over).
        if self._embedded:
            return self._memory.observe_now(keys, window_index, streak_keys, now)
        observed: Observed = await self._with_fallback(
            lambda state: state.observe(keys, window_index, streak_keys, now)
        )
        return observed

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

    def _streaks_on(self) -> bool:
        s = self._settings
        return bool(s.lockout_after_failures or s.lockout_client_budget)

    async def admit(
        self, client_id: str | None, address: str | None, *, bucket: str = ""
    ) -> tuple[Refusal | None, Standing]:
        """Before the secret is checked: the address's rate, and the (client, address) lock.

        ``bucket`` keeps the rates of another endpoint (introspection, revocation) apart from
        the token endpoint's, with the same limits; the streaks and locks are one per client
        whatever endpoint the wrong secrets were tried at."""
        source = source_of(address)
        standing = Standing(client_id, source, False, bucket)
        now = self._clock()
        window_index = int(now // WINDOW_SECONDS)
        s = self._settings
        keys = [_key(bucket + "a", source)] if address and s.token_rate_per_address else []
        pair = _key("p", client_id, source) if client_id and self._streaks_on() else None
        if not keys and pair is None:
            return None, standing
        observed = await self._observe(keys, window_index, [pair] if pair else [], now)
        await self._maybe_prune(window_index, now)
        failures, locked_until = observed.streaks.get(pair, (0, 0.0)) if pair else (0, 0.0)
        if locked_until > now:
            return Refusal(max(1, math.ceil(locked_until - now)), "locked"), standing
        if keys and observed.hits.get(keys[0], 0) > s.token_rate_per_address:
            return self._next_window(now, window_index, "rate_address"), standing
        return None, Standing(client_id, source, failures > 0, bucket)

    async def authenticated(self, standing: Standing) -> Refusal | None:
        """The secret was right: the client's quota, and its pair's streak ends."""
        client_id = standing.client_id
        if client_id is None:
            return None
        if standing.had_failures:
            pair = _key("p", client_id, standing.address)
            await self._with_fallback(lambda state: state.success(pair))
        limit = self._settings.token_rate_per_client
        if not limit:
            return None
        now = self._clock()
        window_index = int(now // WINDOW_SECONDS)
        key = _key(standing.bucket + "c", client_id)
        observed = await self._observe([key], window_index, [], now)
        if observed.hits.get(key, 0) > limit:
            return self._next_window(now, window_index, "rate_client")
        return None

    async def failed(self, standing: Standing) -> None:
        """A wrong secret for a known client: the pair's streak, and the client's budget."""
        client_id = standing.client_id
        if client_id is None or not self._streaks_on():
            return
        s = self._settings
        now = self._clock()
        over_budget = 0.0
        if s.lockout_client_budget:
            budget = _key("b", client_id)
            spent: int = await self._with_fallback(
                lambda state: state.failure(budget, now, lambda _n: 0.0)
            )
            over_budget = budget_seconds(s, spent)
        pair = _key("p", client_id, standing.address)
        await self._with_fallback(
            lambda state: state.failure(
                pair, now, lambda n: max(lockout_seconds(s, n), over_budget)
            )
        )

    @staticmethod
    def _next_window(now: float, window_index: int, reason: str) -> Refusal:
        return Refusal(max(1, math.ceil((window_index + 1) * WINDOW_SECONDS - now)), reason)

    async def _maybe_prune(self, window_index: int, now: float) -> None:
        if self._shared is None or window_index <= self._last_prune:
            return
        self._last_prune = window_index
        try:
            await self._shared.prune(window_index, now)
        except Exception:
            log.debug("could not prune old rate windows", exc_info=True)
