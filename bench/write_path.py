"""Benchmark: what one ``POST /files`` and one ``PATCH /files/{key}`` cost, in-process.

    .venv/bin/python -m bench.write_path                   # 300 of each, 10 KB BPMN
    .venv/bin/python -m bench.write_path --baseline SRC    # also another src folder, alternating
    .venv/bin/python -m bench.write_path --profile create  # cProfile of the creates, top 40

The ASGI app on SQLite in a temp folder, driven through httpx's ASGI transport (no server
process, no port), so the figures are the app's own work plus the in-process client's. Per
request: the CPU time of the process (all threads: aiosqlite's worker threads count) and the SQL
statements run (the engines' through a ``before_cursor_execute`` listener, plus those handed
straight to the SQLite driver by ``store/driver_statements.py``), next to
``GET /api/v2/info``, the floor every authenticated call pays. CPU time, not wall-clock time:
on a shared machine the wall clock mostly measures the scheduler. With ``--baseline`` every
round runs the other code in a subprocess and then this code, so both see the same load."""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import json
import os
import pstats
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
from sqlalchemy import event  # noqa: E402
from tests.support.in_process import in_process_hub  # noqa: E402

from bench.writes import bpmn  # noqa: E402
from camunda_hub.server.store.driver_statements import DriverStatement  # noqa: E402

FILE_BYTES = 10_000
WARM_UP = 30


def content(name: str) -> str:
    head = bpmn(name)
    padding = "<!-- " + "x" * 990 + " -->\n"
    return head + padding * max(0, (FILE_BYTES - len(head)) // len(padding))


async def measure(count: int, profile: str | None) -> dict[str, dict[str, float]]:
    with tempfile.TemporaryDirectory(prefix="bench-write-path-") as data_dir:
        async with in_process_hub(Path(data_dir)) as hub:
            db = hub.app.state.runtime.db
            statements = [0]

            def count_statement(*_args: Any) -> None:
                statements[0] += 1

            for engine in {db.engine, db.write_engine}:
                event.listen(engine.sync_engine, "before_cursor_execute", count_statement)
            on_the_driver = DriverStatement.execute

            def count_driver_statement(self: DriverStatement, *args: Any) -> Any:
                cursor = on_the_driver(self, *args)
                if cursor is not None:
                    statements[0] += 1
                return cursor

            DriverStatement.execute = count_driver_statement  # type: ignore[method-assign]
            token = (await hub.client.post("/oauth/token", data=hub.token_form())).json()
            async with httpx.AsyncClient(
                transport=httpx.ASGITransport(app=hub.app),
                base_url="http://hub/api/v2",
                headers={"Authorization": f"Bearer {token['access_token']}"},
            ) as api:
                try:
                    return await _phases(api, count, profile, statements)
                finally:
                    DriverStatement.execute = on_the_driver  # type: ignore[method-assign]


async def _phases(
    api: httpx.AsyncClient, count: int, profile: str | None, statements: list[int]
) -> dict[str, dict[str, float]]:
    workspace = (await api.post("/workspaces", json={"name": "w"})).json()
    project_key = (
        await api.post("/projects", json={"name": "p", "workspaceKey": workspace["workspaceKey"]})
    ).json()["projectKey"]
    folder_key = (await api.post("/folders", json={"name": "f", "projectKey": project_key})).json()[
        "folderKey"
    ]
    files: list[tuple[str, int]] = []

    async def create(name: str) -> None:
        body = {"name": name, "projectKey": project_key, "folderKey": folder_key}
        response = await api.post("/files", json={**body, "type": "bpmn", "content": content(name)})
        response.raise_for_status()
        files.append((response.json()["fileKey"], response.json()["revision"]))

    for n in range(WARM_UP):
        await create(f"warm-{n}")
    files.clear()

    async def infos() -> None:
        for _ in range(count):
            (await api.get("/info")).raise_for_status()

    async def creates() -> None:
        for n in range(count):
            await create(f"f-{n:05d}")

    async def updates() -> None:
        for n, (key, revision) in enumerate(files):
            body = {"revision": revision, "content": content(f"u-{n}")}
            (await api.patch(f"/files/{key}", json=body)).raise_for_status()

    phases: dict[str, Callable[[], Awaitable[None]]] = {
        "info": infos,
        "create": creates,
        "update": updates,
    }
    results: dict[str, dict[str, float]] = {}
    for label, phase in phases.items():
        profiler = cProfile.Profile() if profile == label else None
        statements[0] = 0
        cpu = time.process_time()
        if profiler:
            profiler.enable()
        await phase()
        if profiler:
            profiler.disable()
        cpu = time.process_time() - cpu
        results[label] = {"cpu_ms": cpu / count * 1000, "statements": statements[0] / count}
        if profiler:
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(40)
            print(out.getvalue(), file=sys.stderr)
    return results


def _run_other(src: Path, count: int) -> dict[str, dict[str, float]]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    command = [sys.executable, "-m", "bench.write_path", "--count", str(count), "--json"]
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    result: dict[str, dict[str, float]] = json.loads(done.stdout)
    return result


def _line(label: str, result: dict[str, dict[str, float]]) -> str:
    floor = result["info"]["cpu_ms"]
    parts = [f"{label:<8} info {floor:5.2f} ms"]
    for what in ("create", "update"):
        r = result[what]
        parts.append(
            f"{what} {r['cpu_ms']:6.2f} ms ({r['cpu_ms'] / floor:4.1f}x, "
            f"{r['statements']:.1f} statements)"
        )
    return "  ".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--count", type=int, default=300, help="requests of each kind")
    parser.add_argument("--rounds", type=int, default=2, help="alternating rounds (--baseline)")
    parser.add_argument("--baseline", type=Path, metavar="SRC", help="another src folder")
    parser.add_argument("--profile", choices=("info", "create", "update"), help="cProfile one")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.json:
        print(json.dumps(asyncio.run(measure(args.count, None))))
        return 0
    print(f"CPU time of the process per request (app + in-process client), {args.count} each")
    for _ in range(args.rounds if args.baseline else 1):
        if args.baseline:
            print(_line("before", _run_other(args.baseline.resolve(), args.count)))
        print(
            _line("after" if args.baseline else "", asyncio.run(measure(args.count, args.profile)))
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
