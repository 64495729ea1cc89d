"""What the token-endpoint throttle remembers: hits per key in the current one-minute window, and
failure streaks per key (a client from one address, or a client from anywhere) with the time the
streak's lockout ends. ``MemoryState`` keeps it in this process: the state on SQLite (one process
per database), and the fallback on PostgreSQL while the database cannot be reached.
``throttle_state_db.DatabaseState`` shares it between processes.

A streak is forgotten ``FORGET_AFTER`` seconds after its lockout ended (or, for a streak that
never locks, after its last failure): an address that stopped failing an hour ago starts afresh."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple, Protocol

from camunda_hub.server.settings import Settings

_MEMORY_KEYS_MAX = 100_000
FORGET_AFTER = 3600.0


def lockout_seconds(settings: Settings, failures: int) -> float:
    """The lockout of a (client, address) pair after ``failures`` consecutive wrong secrets."""
    over = failures - settings.lockout_after_failures
    if settings.lockout_after_failures <= 0 or over < 0:
        return 0.0
    return _doubled(settings, over)


def budget_seconds(settings: Settings, client_failures: int) -> float:
    """Once a client's failures from all addresses pass its budget, every further failing
    address is locked at its first failure, for a time doubling with each failure over it."""
    over = client_failures - settings.lockout_client_budget - 1
    if settings.lockout_client_budget <= 0 or over < 0:
        return 0.0
    return _doubled(settings, over)


def _doubled(settings: Settings, over: int) -> float:
    return float(min(settings.lockout_max_seconds, settings.lockout_seconds * 2 ** min(over, 40)))


class Observed(NamedTuple):
    """What one admission check found: hits per key in the current window, and per streak key
    its failures and lockout end (epoch seconds)."""

    hits: dict[str, int]
    streaks: dict[str, tuple[int, float]]


# Seconds of lockout for a streak that has just reached this many failures.
Hold = Callable[[int], float]


class ThrottleState(Protocol):
    async def observe(
        self, keys: list[str], window_index: int, streak_keys: list[str], now: float
    ) -> Observed: ...
    async def failure(self, key: str, now: float, hold: Hold) -> int: ...
    async def success(self, key: str) -> None: ...


class MemoryState:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._windows: dict[str, tuple[int, int]] = {}
        self._streaks: dict[str, tuple[int, float]] = {}

    async def observe(
        self, keys: list[str], window_index: int, streak_keys: list[str], now: float
    ) -> Observed:
        return self.observe_now(keys, window_index, streak_keys, now)

    def observe_now(
        self, keys: list[str], window_index: int, streak_keys: list[str], now: float
    ) -> Observed:
        hits = {key: self._hit(key, window_index) for key in keys}
        streaks = {}
        for key in streak_keys:
            streak = self._streaks.get(key)
            if streak is not None and streak[1] + FORGET_AFTER > now:
                streaks[key] = streak
        return Observed(hits, streaks)

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

    async def failure(self, key: str, now: float, hold: Hold) -> int:
        streak = self._streaks.get(key)
        failures = 1 if streak is None or streak[1] + FORGET_AFTER <= now else streak[0] + 1
        if len(self._streaks) >= _MEMORY_KEYS_MAX and key not in self._streaks:
            self._streaks = {k: v for k, v in self._streaks.items() if v[1] + FORGET_AFTER > now}
            if len(self._streaks) >= _MEMORY_KEYS_MAX:
                self._streaks.pop(next(iter(self._streaks)))
        self._streaks[key] = (failures, now + hold(failures))
        return failures

    async def success(self, key: str) -> None:
        self._streaks.pop(key, None)
