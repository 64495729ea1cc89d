"""The token cache: one entry per (token URL, client id, audience), shared by every client in
the process, refreshed before expiry, and fetched by exactly one caller at a time.

Single flight: threads queue on a lock and the first one fetches, the rest find its token;
asyncio tasks of one event loop all await the same fetch task (shielded, so a cancelled caller
does not cancel the fetch the others wait for). With the disk cache on, a lock file extends this
to several processes."""

from __future__ import annotations

import threading
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING

from camunda_hub.client.disk_cache import DiskTokenCache
from camunda_hub.client.token_request import Token

if TYPE_CHECKING:
    # Imported where awaited: a blocking HubClient (the CLI) never loads asyncio.
    import asyncio


class TokenCache:
    def __init__(self, disk: DiskTokenCache | None = None) -> None:
        self.disk = disk
        self._token: Token | None = None
        self._state = threading.Lock()
        self._fetching = threading.Lock()
        self._inflight: dict[asyncio.AbstractEventLoop, asyncio.Task[Token]] = {}

    def __repr__(self) -> str:
        return f"TokenCache(cached={self._token is not None}, disk={self.disk is not None})"

    def current(self) -> Token | None:
        """The cached token while it is fresh (not yet inside its refresh margin)."""
        token = self._token
        return token if token is not None and token.fresh() else None

    def invalidate(self, token: Token) -> None:
        """Drop ``token`` after the API refused it, unless another caller already replaced it."""
        with self._state:
            if self._token is not None and self._token.access_token == token.access_token:
                self._token = None
        if self.disk is not None:
            self.disk.discard(token)

    def _keep(self, token: Token) -> Token:
        with self._state:
            self._token = token
        return token

    # -- threads ---------------------------------------------------------------------------
    def get(self, fetch: Callable[[], Token]) -> Token:
        token = self.current()
        if token is not None:
            return token
        with self._fetching:
            token = self.current()
            if token is not None:
                return token
            if self.disk is None:
                return self._keep(fetch())
            with self.disk.locked():
                stored = self.disk.load()
                if stored is not None and stored.fresh():
                    return self._keep(stored)
                token = fetch()
                self.disk.save(token)
                return self._keep(token)

    # -- asyncio ---------------------------------------------------------------------------
    async def get_async(self, fetch: Callable[[], Awaitable[Token]]) -> Token:
        import asyncio

        token = self.current()
        if token is not None:
            return token
        loop = asyncio.get_running_loop()
        with self._state:
            task = self._inflight.get(loop)
            if task is None:
                task = loop.create_task(self._refill_async(fetch), name="camunda-hub-token")
                self._inflight[loop] = task
                task.add_done_callback(self._forget)
        return await asyncio.shield(task)

    def _forget(self, task: asyncio.Task[Token]) -> None:
        with self._state:
            for loop, running in list(self._inflight.items()):
                if running is task:
                    del self._inflight[loop]
        if not task.cancelled():
            task.exception()  # mark retrieved: every waiter may have been cancelled

    async def _refill_async(self, fetch: Callable[[], Awaitable[Token]]) -> Token:
        token = self.current()
        if token is not None:
            return token
        if self.disk is None:
            return self._keep(await fetch())
        import asyncio

        disk = self.disk
        acquiring = asyncio.ensure_future(asyncio.to_thread(disk.acquire))
        try:
            fd = await asyncio.shield(acquiring)
        except asyncio.CancelledError:
            # The thread may still get the lock after we stop waiting: hand it back then.
            acquiring.add_done_callback(_release_when_acquired(disk))
            raise
        try:
            stored = disk.load()
            if stored is not None and stored.fresh():
                return self._keep(stored)
            token = await fetch()
            disk.save(token)
            return self._keep(token)
        finally:
            disk.release(fd)


def _release_when_acquired(disk: DiskTokenCache) -> Callable[[asyncio.Future[int | None]], None]:
    def release(done: asyncio.Future[int | None]) -> None:
        if not done.cancelled() and done.exception() is None:
            disk.release(done.result())

    return release


_caches: dict[tuple[object, ...], TokenCache] = {}
_caches_lock = threading.Lock()


def shared_cache(key: tuple[str, ...], disk_folder: Path | None) -> TokenCache:
    """The process-wide cache entry for ``key`` (token URL, client id, audience, secret digest)."""
    registry_key = (*key, str(disk_folder) if disk_folder else None)
    with _caches_lock:
        cache = _caches.get(registry_key)
        if cache is None:
            disk = DiskTokenCache(disk_folder, key) if disk_folder is not None else None
            cache = _caches[registry_key] = TokenCache(disk if disk and disk.usable else None)
        return cache


def clear_token_caches() -> None:
    """Forget every in-memory token of this process (the disk cache is left alone), e.g. after
    rotating a client secret so the next call asks the issuer again."""
    with _caches_lock:
        caches = list(_caches.values())
    for cache in caches:
        with cache._state:
            cache._token = None
