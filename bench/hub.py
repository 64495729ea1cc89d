"""camunda-hub server processes for benchmarks: the product as shipped (``camunda-hub serve``) or
the bench-only app of ``bench/apps.py``, pinned to the server core, plus API clients and tokens."""

from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import httpx

from bench.context import REPO, BenchContext
from bench.procs import Managed, ProcessFailed, pinned, run_bounded

AUDIENCE = "api.cloud.camunda.io"
ALL_PERMISSIONS = ("create", "read", "update", "delete")
START_TIMEOUT = 60.0
UNREACHABLE_RATE = 1_000_000_000  # token requests per minute


@dataclass(frozen=True, repr=False)
class ClientCredentials:
    client_id: str
    client_secret: str

    def __repr__(self) -> str:
        return f"ClientCredentials(client_id={self.client_id!r})"

    def form(self) -> str:
        """The token request body exactly as Camunda's guide sends it."""
        return urlencode(
            {
                "grant_type": "client_credentials",
                "audience": AUDIENCE,
                "client_id": self.client_id,
                "client_secret": self.client_secret,
            }
        )


@dataclass
class HubProcess:
    managed: Managed
    url: str
    data_dir: Path

    @property
    def pid(self) -> int:
        return self.managed.pid

    @property
    def token_url(self) -> str:
        return f"{self.url}/oauth/token"


def server_env(**extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONUNBUFFERED": "1",
        # An access-log line per request would measure the terminal, not the server.
        "CAMUNDA_HUB_ACCESS_LOG": "false",
        # Clients come from `clients create --json`, so no secret is ever printed to a log file.
        "CAMUNDA_HUB_BOOTSTRAP_CLIENT": "false",
        # One client hammering from one address is exactly what the token-endpoint throttle
        # exists to stop. Limits this high never refuse but keep the throttle's bookkeeping on
        # the request path, so its cost is part of the figures.
        "CAMUNDA_HUB_TOKEN_RATE_PER_CLIENT": str(UNREACHABLE_RATE),
        "CAMUNDA_HUB_TOKEN_RATE_PER_ADDRESS": str(UNREACHABLE_RATE),
        **extra,
    }


def _code_env(source: Path | None, extra: dict[str, str] | None) -> dict[str, str]:
    """Run another copy of the code (a ``src`` folder with a candidate change) instead of the
    installed one: ``bench/ab.py`` compares the two side by side."""
    env = server_env(**(extra or {}))
    if source is not None:
        env["PYTHONPATH"] = str(source)
    return env


def start_hub(
    ctx: BenchContext,
    name: str,
    *,
    alg: str,
    source: Path | None = None,
    env: dict[str, str] | None = None,
) -> HubProcess:
    """``camunda-hub serve`` exactly as users run it, on its own data folder."""
    ctx.progress(f"starting camunda-hub ({alg})")
    data_dir = ctx.data_dir(name)
    argv = pinned(
        ctx.server_core,
        [
            sys.executable,
            "-m",
            "camunda_hub",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--data-dir",
            str(data_dir),
            "--signing-alg",
            alg,
        ],
    )
    ctx.record(argv)
    managed = ctx.procs.start(name, argv, env=_code_env(source, env))
    match = managed.wait_for(r"camunda-hub listening on (http://\S+)", START_TIMEOUT)
    managed.wait_for(r"Application startup complete", START_TIMEOUT)
    return HubProcess(managed, match.group(1), data_dir)


def start_bench_app(
    ctx: BenchContext,
    name: str,
    *,
    alg: str,
    source: Path | None = None,
    env: dict[str, str] | None = None,
) -> HubProcess:
    """The product app plus a hello-world route (``bench/apps.py``), served the same way."""
    ctx.progress(f"starting the bench app ({alg})")
    data_dir = ctx.data_dir(name)
    argv = pinned(
        ctx.server_core,
        [sys.executable, "-m", "bench.apps", "--data-dir", str(data_dir), "--signing-alg", alg],
    )
    ctx.record(argv)
    process_env = _code_env(source, env)
    if source is not None:
        # bench.apps itself comes from this repository, the server code from ``source``.
        process_env["PYTHONPATH"] = f"{source}{os.pathsep}{REPO}"
    managed = ctx.procs.start(name, argv, env=process_env, cwd=REPO)
    match = managed.wait_for(r"bench app listening on (http://\S+)", START_TIMEOUT)
    return HubProcess(managed, match.group(1), data_dir)


def start_bare_fastapi(ctx: BenchContext, name: str) -> HubProcess:
    """A bare FastAPI hello-world on uvicorn's defaults (``bench/bare_fastapi.py``), pinned to
    the server core: the yardstick of the API overhead."""
    ctx.progress("starting a bare FastAPI hello-world")
    argv = pinned(ctx.server_core, [sys.executable, "-m", "bench.bare_fastapi"])
    ctx.record(argv)
    managed = ctx.procs.start(name, argv, env={**os.environ, "PYTHONUNBUFFERED": "1"}, cwd=REPO)
    match = managed.wait_for(r"bare FastAPI listening on (http://\S+)", START_TIMEOUT)
    return HubProcess(managed, match.group(1), ctx.data_dir(name))


def start_token_floor(ctx: BenchContext, name: str, alg: str) -> HubProcess:
    """A raw ASGI app that reads the body and signs once, on ``serve``'s HTTP set-up
    (``bench/token_floor.py``), pinned to the server core: the floor of a token endpoint."""
    ctx.progress(f"starting the token floor ({alg})")
    argv = pinned(ctx.server_core, [sys.executable, "-m", "bench.token_floor", alg])
    ctx.record(argv)
    managed = ctx.procs.start(name, argv, env={**os.environ, "PYTHONUNBUFFERED": "1"}, cwd=REPO)
    match = managed.wait_for(r"token floor listening on (http://\S+)", START_TIMEOUT)
    return HubProcess(managed, match.group(1), ctx.data_dir(name))


def create_client(ctx: BenchContext, hub: HubProcess, name: str = "bench") -> ClientCredentials:
    ctx.progress("creating an API client")
    argv = [sys.executable, "-m", "camunda_hub", "clients", "create", "--name", name, "--json"]
    for permission in ALL_PERMISSIONS:
        argv += ["--permission", permission]
    argv += ["--data-dir", str(hub.data_dir)]
    ctx.record(argv)
    result = run_bounded(argv, timeout=60, env=server_env())
    if result.returncode != 0:
        raise ProcessFailed(f"clients create failed: {result.stderr[-500:]}")
    data = json.loads(result.stdout)
    creds = ClientCredentials(data["client_id"], data["client_secret"])
    _wait_until_known(hub, creds)
    return creds


def _wait_until_known(hub: HubProcess, creds: ClientCredentials, timeout: float = 15.0) -> None:
    """A client made by the CLI reaches the server through the change feed."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if request_token(hub, creds).status_code == 200:
            return
        time.sleep(0.1)
    raise ProcessFailed(f"{hub.managed.name} did not learn about the new client in {timeout}s")


def request_token(hub: HubProcess, creds: ClientCredentials) -> httpx.Response:
    return httpx.post(
        hub.token_url,
        content=creds.form(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        timeout=30,
    )


def token(hub: HubProcess, creds: ClientCredentials) -> str:
    response = request_token(hub, creds)
    response.raise_for_status()
    return str(response.json()["access_token"])
