"""``hub.files.watch_tree``: keep a local folder pulled while the Hub changes, driven by the
change feed (``GET /events`` long polls) instead of rescans.

    for update in hub.files.watch_tree(project_key, "models"):
        print(update.full_pull or "", update.outcomes)

It pulls the whole project once, then for each page of events about the project fetches only
the files they name (a move or a deletion often needs no request at all) and applies them with
``pull``'s rules (:mod:`tree_watch_apply`). It pulls the whole project again only when it must,
and says why in :attr:`WatchUpdate.full_pull`: the feed no longer holds the events it needs
(410, retention), or an event it cannot apply file by file. (The feed itself has no gaps: its
sequences are gap-free and ``nextAfter`` never skips a committed event, so resuming from the
last page reached misses nothing.) While the Hub cannot be reached it asks again with a
growing pause (``retrying``). It ends, after an update saying why, when the project is
deleted.

Written once for both clients, like :mod:`tree_run`: :class:`WatchRun` yields what it needs
(a call, local file work, a batch of files to fetch, a full pull, an update for the caller)
and the two drivers below provide it."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from camunda_hub.client import operations as ops
from camunda_hub.client.errors import (
    ApiError,
    HubConnectionError,
    NotFound,
    ServerError,
    TokenEndpointUnavailable,
)
from camunda_hub.client.events import Event, EventPage, page_call, pruned_through
from camunda_hub.client.models import File
from camunda_hub.client.operations import Call
from camunda_hub.client.tree_plan import Outcome
from camunda_hub.client.tree_run import Local, TreeSyncResult
from camunda_hub.client.tree_sync import AsyncTreeSync, TreeSync
from camunda_hub.client.tree_watch_apply import Gone, PageApply, Target
from camunda_hub.client.tree_watch_plan import WATCHED_TYPES, Batch, gone, renamed, sort_page

PAGE_SIZE = 1000
_GONE = 410
# Errors that say the Hub is away for now, not that the watch is wrong: waited out.
RETRIED = (HubConnectionError, ServerError, TokenEndpointUnavailable)
MAX_BACKOFF = 30.0


@dataclass(frozen=True)
class WatchUpdate:
    """What the watch did for one page of events (or one full pull)."""

    # Every event up to this sequence is applied.
    after: int
    # The events about the project this update applied (none for a full pull).
    events: tuple[Event, ...]
    # One per file written, moved, deleted or left alone (as ``pull_tree`` reports them).
    outcomes: tuple[Outcome, ...]
    # Why the whole project was pulled, if it was ("first pull", a resync, …).
    full_pull: str | None = None
    # Set on the last update: why the watch ends.
    stopped: str | None = None
    # Set when the Hub could not be reached: the error, and when the watch tries again.
    retrying: str | None = None


@dataclass(frozen=True)
class Fetch:
    """Get these files as the Hub has them now (None: gone)."""

    keys: tuple[str, ...]


@dataclass(frozen=True)
class FullPull:
    reason: str


@dataclass(frozen=True)
class Sleep:
    seconds: float


Item = Call[Any] | Local | Fetch | FullPull | Sleep | WatchUpdate


class WatchRun:
    def __init__(self, root: Path, project_key: str, wait: float, after: int | None) -> None:
        self.root = root
        self.project_key = project_key
        self._wait = wait
        self._after = after

    def run(self) -> Generator[Item, Any, None]:
        if self._after is None:
            # The head first: a change made during the pull is then applied again after it
            # (harmless), never missed.
            after = yield from self._head()
            yield from self._full_pull("first pull", after)
        else:
            after = self._after
        failures = 0
        while True:
            try:
                next_after = yield from self._page(after)
            except RETRIED as exc:
                # The Hub is down or restarting: the feed keeps what happened meanwhile, so
                # the same page is asked for again (an outage past retention ends in a 410).
                failures += 1
                delay = min(MAX_BACKOFF, 2.0 ** (failures - 1))
                yield WatchUpdate(after, (), (), retrying=f"{exc}; retrying in {delay:g} s")
                yield Sleep(delay)
                continue
            failures = 0
            if next_after is None:
                return
            after = next_after

    def _page(self, after: int) -> Generator[Item, Any, int | None]:
        """Apply the next page of events; the sequence reached (None: the watch ends)."""
        try:
            page: EventPage = yield page_call(
                after, limit=PAGE_SIZE, types=WATCHED_TYPES, wait=self._wait
            )
        except ApiError as exc:
            if exc.status != _GONE:
                raise
            reason = f"the change feed no longer holds the events after {after} (resync)"
            after = yield from self._head()
            yield from self._full_pull(reason, after)
            return after
        batch = sort_page(page.items, self.project_key)
        if batch.stop is not None:
            yield WatchUpdate(page.next_after, tuple(batch.events), (), stopped=batch.stop)
            return None
        if batch.unmappable is not None:
            yield from self._full_pull(batch.unmappable, page.next_after)
        elif batch.events:
            outcomes = yield from self._apply(batch)
            yield WatchUpdate(page.next_after, tuple(batch.events), tuple(outcomes))
        return page.next_after

    def _head(self) -> Generator[Item, Any, int]:
        """The newest sequence (from where retention still answers)."""
        after = 0
        while True:
            try:
                page: EventPage = yield page_call(after, limit=PAGE_SIZE, types=WATCHED_TYPES)
            except ApiError as exc:
                oldest = pruned_through(exc)
                if oldest is None or oldest <= after:
                    raise
                after = oldest
                continue
            if not page.items:
                return page.next_after
            after = page.next_after

    def _full_pull(self, reason: str, after: int) -> Generator[Item, Any, None]:
        result: TreeSyncResult = yield FullPull(reason)
        yield WatchUpdate(after, (), result.outcomes, full_pull=reason)

    def _apply(self, batch: Batch) -> Generator[Item, Any, list[Outcome]]:
        apply, targets, wanted = yield Local(partial(self._resolve, batch))
        if wanted:
            fetched: dict[str, File | None] = yield Fetch(tuple(wanted))
            for key in wanted:
                file = fetched.get(key)
                in_project = file is not None and file.project_key == self.project_key
                targets[key] = file if in_project else Gone()
        outcomes: list[Outcome] = yield Local(partial(apply.run, targets))
        return outcomes

    def _resolve(self, batch: Batch) -> tuple[PageApply, dict[str, Target], list[str]]:
        """What the events say of each file by themselves, and the files to fetch."""
        apply = PageApply(self.root, self.project_key)
        path_of = {entry.file_key: path for path, entry in apply.state.files.items()}
        targets: dict[str, Target] = {}
        wanted: list[str] = []
        for key, events in batch.files.items():
            if gone(events, self.project_key):
                targets[key] = Gone()
                continue
            path = path_of.get(key)
            entry = None if path is None else apply.state.files[path]
            moved = renamed(events, entry, self.project_key)
            if moved is not None and path is not None and apply.unchanged_here(path):
                targets[key] = moved
            else:
                wanted.append(key)
        return apply, targets, wanted


def _check(concurrency: int) -> int:
    if concurrency < 1:
        raise ValueError("concurrency must be at least 1")
    return concurrency


class AsyncTreeWatch:
    # asyncio is imported in the methods, as in tree_sync: the blocking client imports this
    # module too.
    def __init__(
        self, run: Callable[[Call[Any]], Awaitable[Any]], concurrency: int, *, wait: float
    ) -> None:
        self._run = run
        self._concurrency = _check(concurrency)
        self._wait = wait

    async def watch(
        self, root: str | os.PathLike[str], project_key: str, after: int | None
    ) -> AsyncIterator[WatchUpdate]:
        core = WatchRun(Path(root), project_key, self._wait, after)
        work = core.run()
        value: Any = None
        error: Exception | None = None
        while True:
            try:
                item = work.send(value) if error is None else work.throw(error)
            except StopIteration:
                return
            value, error = None, None
            if isinstance(item, WatchUpdate):
                yield item
                continue
            try:
                value = await self._provide(core, item)
            except Exception as exc:
                error = exc

    async def _provide(self, core: WatchRun, item: Item) -> Any:
        import asyncio

        if isinstance(item, Call):
            return await self._run(item)
        if isinstance(item, Local):
            return await asyncio.to_thread(item.run)
        if isinstance(item, FullPull):
            engine = AsyncTreeSync(self._run, self._concurrency, None)
            return await engine.pull(core.root, core.project_key, False)
        if isinstance(item, Sleep):
            return await asyncio.sleep(item.seconds)
        assert isinstance(item, Fetch)
        bound = asyncio.Semaphore(self._concurrency)

        async def one(key: str) -> File | None:
            async with bound:
                try:
                    file: File = await self._run(ops.get_file(key))
                except NotFound:
                    return None
                return file

        files = await asyncio.gather(*(one(key) for key in item.keys))
        return dict(zip(item.keys, files, strict=True))


class TreeWatch:
    def __init__(self, run: Callable[[Call[Any]], Any], concurrency: int, *, wait: float) -> None:
        self._run = run
        self._concurrency = _check(concurrency)
        self._wait = wait

    def watch(
        self, root: str | os.PathLike[str], project_key: str, after: int | None
    ) -> Iterator[WatchUpdate]:
        core = WatchRun(Path(root), project_key, self._wait, after)
        work = core.run()
        value: Any = None
        error: Exception | None = None
        while True:
            try:
                item = work.send(value) if error is None else work.throw(error)
            except StopIteration:
                return
            value, error = None, None
            if isinstance(item, WatchUpdate):
                yield item
                continue
            try:
                value = self._provide(core, item)
            except Exception as exc:
                error = exc

    def _provide(self, core: WatchRun, item: Item) -> Any:
        if isinstance(item, Call):
            return self._run(item)
        if isinstance(item, Local):
            return item.run()
        if isinstance(item, FullPull):
            return TreeSync(self._run, self._concurrency, None).pull(
                core.root, core.project_key, False
            )
        if isinstance(item, Sleep):
            import time

            return time.sleep(item.seconds)
        assert isinstance(item, Fetch)

        def one(key: str) -> File | None:
            try:
                file: File = self._run(ops.get_file(key))
            except NotFound:
                return None
            return file

        if len(item.keys) == 1 or self._concurrency == 1:
            return {key: one(key) for key in item.keys}
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(min(self._concurrency, len(item.keys))) as pool:
            return dict(zip(item.keys, pool.map(one, item.keys), strict=True))
