"""What the token-endpoint throttle remembers: hits per key in the current one-minute window,
and each client's streak of wrong secrets with the lockout it earned. ``MemoryState`` keeps it in
this process: the state on SQLite (one process per database), and the fallback on PostgreSQL
while the database cannot be reached. ``state_db.DatabaseState`` shares it between
processes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from camunda_hub.server.settings import Settings

_MEMORY_KEYS_MAX = 100_000


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
