"""The drivers of ``hub.files.push_tree`` / ``pull_tree``: :class:`AsyncTreeSync` awaits the
run's calls with at most ``concurrency`` files in flight (worker tasks on one loop);
:class:`TreeSync` sends them from a pool of that many threads over the one (thread-safe) httpx
client. Results are applied and progress reported on the caller's thread or loop. Given the
client's ``projects.export``, a pull that writes many files takes their content from one
project export (see ``TreeRun.fetch_archive``).

The first error that is not about one file (authentication, connection) stops the run: files
not started are left for the next run, those in flight are finished and recorded, the state
file is saved, and the error is raised."""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from pathlib import Path
from typing import Any

from camunda_hub.client.operations import Call
from camunda_hub.client.tree_run import (
    Done,
    FetchArchive,
    Local,
    TreeProgress,
    TreeRun,
    TreeSyncResult,
    Work,
)

Steps = Callable[[], Iterator[Work]]
# ``projects.export(project_key, path)`` of the client the run sends its calls with.
Export = Callable[[str, Path], Any]
AsyncExport = Callable[[str, Path], Awaitable[Any]]


def _check(concurrency: int) -> int:
    if concurrency < 1:
        raise ValueError("concurrency must be at least 1")
    return concurrency


def _drive(work: Any, run: Callable[[Call[Any]], Any], export: Export | None = None) -> Any:
    """Run a generator of calls to its end, sending each call with ``run``."""
    try:
        call = next(work)
        while True:
            try:
                if isinstance(call, Local):
                    result = call.run()
                elif isinstance(call, FetchArchive):
                    assert export is not None
                    result = export(call.project_key, call.path)
                else:
                    result = run(call)
            except Exception as exc:
                call = work.throw(exc)
            else:
                call = work.send(result)
    except StopIteration as stop:
        return stop.value


async def _drive_async(
    work: Any, run: Callable[[Call[Any]], Awaitable[Any]], export: AsyncExport | None = None
) -> Any:
    import asyncio

    try:
        call = next(work)
        while True:
            try:
                if isinstance(call, Local):
                    result = await asyncio.to_thread(call.run)
                elif isinstance(call, FetchArchive):
                    assert export is not None
                    result = await export(call.project_key, call.path)
                else:
                    result = await run(call)
            except Exception as exc:
                call = work.throw(exc)
            else:
                call = work.send(result)
    except StopIteration as stop:
        return stop.value


async def _to_thread(function: Callable[[], Any]) -> Any:
    import asyncio

    return await asyncio.to_thread(function)


class AsyncTreeSync:
    # asyncio is imported in the methods: the blocking client, which imports this module too,
    # must not pay for it.
    def __init__(
        self,
        run: Callable[[Call[Any]], Awaitable[Any]],
        concurrency: int,
        progress: TreeProgress | None,
        *,
        export: AsyncExport | None = None,
    ) -> None:
        self._run = run
        self._concurrency = _check(concurrency)
        self._progress = progress
        self._export = export

    async def push(
        self, root: str | os.PathLike[str], project_key: str, dry_run: bool
    ) -> TreeSyncResult:
        run = TreeRun(Path(root), project_key, dry_run, self._progress)
        try:
            await _drive_async(run.walk(), self._run)
            steps, folders = run.push_steps()
            await _drive_async(run.create_folders(folders), self._run)
            await self._all(run, (run.perform(step) for step in steps))
            run.finish_push()
        finally:
            await _to_thread(run.save)
        return run.result()

    async def pull(
        self, root: str | os.PathLike[str], project_key: str, dry_run: bool
    ) -> TreeSyncResult:
        run = TreeRun(Path(root), project_key, dry_run, self._progress, create=True)
        try:
            await _drive_async(run.walk(), self._run)
            steps = run.pull_steps()
            if self._export is not None:
                await _drive_async(run.fetch_archive(steps), self._run, self._export)
            await self._all(run, (run.perform(step) for step in steps))
            run.finish_pull()
        finally:
            await _to_thread(run.save)
        return run.result()

    async def _all(self, run: TreeRun, works: Iterator[Work]) -> None:
        import asyncio

        failure: list[Exception] = []

        async def worker() -> None:
            # The workers share one iterator: a file is taken only when a worker is free.
            for work in works:
                if failure:
                    return
                try:
                    done: Done = await _drive_async(work, self._run)
                except Exception as exc:
                    failure.append(exc)
                    return
                run.apply(done)

        await asyncio.gather(*(worker() for _ in range(self._concurrency)))
        if failure:
            raise failure[0]


class TreeSync:
    def __init__(
        self,
        run: Callable[[Call[Any]], Any],
        concurrency: int,
        progress: TreeProgress | None,
        *,
        export: Export | None = None,
    ) -> None:
        self._run = run
        self._concurrency = _check(concurrency)
        self._progress = progress
        self._export = export

    def push(self, root: str | os.PathLike[str], project_key: str, dry_run: bool) -> TreeSyncResult:
        run = TreeRun(Path(root), project_key, dry_run, self._progress)
        try:
            _drive(run.walk(), self._run)
            steps, folders = run.push_steps()
            _drive(run.create_folders(folders), self._run)
            self._all(run, (run.perform(step) for step in steps))
            run.finish_push()
        finally:
            run.save()
        return run.result()

    def pull(self, root: str | os.PathLike[str], project_key: str, dry_run: bool) -> TreeSyncResult:
        run = TreeRun(Path(root), project_key, dry_run, self._progress, create=True)
        try:
            _drive(run.walk(), self._run)
            steps = run.pull_steps()
            if self._export is not None:
                _drive(run.fetch_archive(steps), self._run, self._export)
            self._all(run, (run.perform(step) for step in steps))
            run.finish_pull()
        finally:
            run.save()
        return run.result()

    def _all(self, run: TreeRun, works: Iterator[Work | None]) -> None:
        if self._concurrency == 1:
            for work in works:
                run.apply(_drive(work, self._run))
            return
        # At most `concurrency` files submitted at a time, so a failure leaves the rest unsent
        # and progress follows what is really done.
        failure: Exception | None = None
        with ThreadPoolExecutor(self._concurrency, thread_name_prefix="hub-tree") as pool:
            running: set[Future[Done]] = set()
            while True:
                while failure is None and len(running) < self._concurrency:
                    work = next(works, None)
                    if work is None:
                        break
                    running.add(pool.submit(_drive, work, self._run))
                if not running:
                    break
                finished, running = wait(running, return_when=FIRST_COMPLETED)
                for future in finished:
                    exc = future.exception()
                    if exc is None:
                        run.apply(future.result())
                    elif failure is None and isinstance(exc, Exception):
                        failure = exc
        if failure is not None:
            raise failure
