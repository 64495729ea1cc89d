"""A real camunda-hub server process for tests: ``camunda-hub serve`` on 127.0.0.1 with an
ephemeral port and its own data folder, plus helpers that use the admin CLI against it."""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import httpx

LISTEN_RE = re.compile(r"camunda-hub listening on (http://\S+)")
AUDIENCE = "api.cloud.camunda.io"
T = TypeVar("T")
ALL_PERMISSIONS = ("create", "read", "update", "delete")
# The last line `camunda-hub serve` prints at start-up, with and without first-start credentials.
BANNER_END = ("export CAMUNDA_HUB_REST_URL=", "  new API client: ")
# The actor the admin CLI records in the audit trail; the in-process helpers record the same.
ADMIN_ACTOR = "cli"


@dataclass(frozen=True)
class Credentials:
    client_id: str
    client_secret: str


class HubServer:
    def __init__(
        self,
        data_dir: Path,
        *,
        args: list[str] | None = None,
        env: dict[str, str] | None = None,
    ) -> None:
        self.data_dir = data_dir
        self.args = list(args or [])
        self.env = {
            **os.environ,
            "CAMUNDA_HUB_SYNC_INTERVAL": "0.2",
            "PYTHONUNBUFFERED": "1",
            **(env or {}),
        }
        self.url = ""
        self.process: subprocess.Popen[str] | None = None
        self._lines: list[str] = []
        self._lock = threading.Lock()

    # -- process -------------------------------------------------------------------------
    def start(self, timeout: float = 60.0) -> HubServer:
        command = [
            sys.executable,
            "-m",
            "camunda_hub",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            "0",
        ]
        command += ["--data-dir", str(self.data_dir), *self.args]
        self.process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=self.env,
        )
        threading.Thread(target=self._drain, daemon=True).start()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            match = LISTEN_RE.search(self.output)
            if match and self._ready(match.group(1), deadline):
                self.url = match.group(1)
                return self
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited during start:\n{self.output}")
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"server did not start in {timeout}s:\n{self.output}")

    def _ready(self, url: str, deadline: float) -> bool:
        """Ready once ``GET /health/ready`` answers 200 (the socket is bound before the app
        starts, so the request waits in the backlog until it can be served) and the banner
        has reached ``output`` (``bootstrap_exports`` reads it right after ``start``)."""
        assert self.process is not None
        try:
            response = httpx.get(f"{url}/health/ready", timeout=max(deadline - time.monotonic(), 1))
        except httpx.TransportError:
            return False
        if response.status_code != 200:
            return False
        while time.monotonic() < deadline and self.process.poll() is None:
            if any(marker in self.output for marker in BANNER_END):
                break
            time.sleep(0.02)
        return True

    def _drain(self) -> None:
        assert self.process is not None and self.process.stdout is not None
        for line in self.process.stdout:
            with self._lock:
                self._lines.append(line)

    @property
    def output(self) -> str:
        with self._lock:
            return "".join(self._lines)

    def stop(self, timeout: float = 20.0) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def __enter__(self) -> HubServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- first-start credentials ---------------------------------------------------------
    def bootstrap_exports(self) -> dict[str, str]:
        return dict(re.findall(r"^export (\w+)=(\S+)$", self.output, re.M))

    # -- admin CLI -----------------------------------------------------------------------
    def cli(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [sys.executable, "-m", "camunda_hub", *args, "--data-dir", str(self.data_dir)],
            capture_output=True,
            text=True,
            env=self.env,
            timeout=120,
        )
        if check and result.returncode != 0:
            raise RuntimeError(f"camunda-hub {' '.join(args)} failed: {result.stderr}")
        return result

    def create_org(self, name: str, *, via_cli: bool = False) -> str:
        """A new organization's id: through the service layer in this process (no CLI start-up,
        seconds on a busy machine), or with ``via_cli`` through ``camunda-hub orgs create``
        where the CLI is what is being tested."""
        if via_cli:
            return self.cli("orgs", "create", name).stdout.strip()

        async def work(session: Any, store: Any) -> str:
            from camunda_hub.server.services import organizations

            return (await organizations.create(session, name, actor=ADMIN_ACTOR)).id

        return self._in_store(work)

    def create_client(
        self,
        *permissions: str,
        org: str | None = None,
        name: str = "test",
        wait: bool = True,
        via_cli: bool = False,
    ) -> Credentials:
        """A new API client (every permission when none are given), made like
        ``camunda-hub clients create`` does it: in this process through the service layer, or
        with ``via_cli`` by running that command."""
        chosen = list(permissions or ALL_PERMISSIONS)
        if via_cli:
            args = ["clients", "create", "--name", name, "--json"]
            for permission in chosen:
                args += ["--permission", permission]
            if org:
                args += ["--org", org]
            data = json.loads(self.cli(*args).stdout)
            creds = Credentials(data["client_id"], data["client_secret"])
        else:

            async def work(session: Any, store: Any) -> Credentials:
                from camunda_hub.server.services import api_clients, organizations

                organization = await organizations.resolve(session, org, actor=ADMIN_ACTOR)
                issued = await api_clients.create(
                    session,
                    organization_id=organization.id,
                    name=name,
                    permissions=chosen,
                    pepper=store.secret.client_secret_pepper,
                    actor=ADMIN_ACTOR,
                )
                return Credentials(issued.client.client_id, issued.client_secret)

            creds = self._in_store(work)
        if wait:
            self.wait_for_client(creds)
        return creds

    def create_client_in_process(
        self, *permissions: str, name: str = "test", wait: bool = True
    ) -> Credentials:
        """The same as ``create_client`` (kept for the tests that name it)."""
        return self.create_client(*permissions, name=name, wait=wait)

    def _in_store(self, work: Callable[[Any, Any], Awaitable[T]]) -> T:
        """Run ``work(session, store)`` in one transaction on this server's database, opened
        with the settings the server's CLI would use: its data folder and the database URL and
        deployment secret of ``self.env`` (not of this process's environment). In a thread of
        its own, so it also works from async tests with a running event loop."""
        from camunda_hub.server.settings import Settings
        from camunda_hub.server.store.open import open_store

        given = {
            "database_url": self.env.get("CAMUNDA_HUB_DATABASE_URL"),
            "secret_key": self.env.get("CAMUNDA_HUB_SECRET_KEY"),
            "secret_key_file": self.env.get("CAMUNDA_HUB_SECRET_KEY_FILE"),
        }
        settings = Settings(
            data_dir=self.data_dir, **{key: value for key, value in given.items() if value}
        )

        async def run() -> T:
            store = await open_store(settings)
            try:
                async with store.db.transaction() as session:
                    return await work(session, store)
            finally:
                await store.close()

        with ThreadPoolExecutor(max_workers=1) as pool:
            return pool.submit(asyncio.run, run()).result(timeout=120)

    # -- HTTP helpers --------------------------------------------------------------------
    @property
    def token_url(self) -> str:
        return f"{self.url}/oauth/token"

    def request_token(self, creds: Credentials, **extra: str) -> httpx.Response:
        data = {
            "grant_type": "client_credentials",
            "audience": AUDIENCE,
            "client_id": creds.client_id,
            "client_secret": creds.client_secret,
            **extra,
        }
        return httpx.post(self.token_url, data=data, timeout=30)

    def token(self, creds: Credentials, **extra: str) -> str:
        response = self.request_token(creds, **extra)
        response.raise_for_status()
        return str(response.json()["access_token"])

    def wait_for_client(self, creds: Credentials, timeout: float = 10.0) -> None:
        """A client made by the CLI reaches the server through the change feed: wait for it."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.request_token(creds).status_code == 200:
                return
            time.sleep(0.05)
        raise RuntimeError("the server did not learn about the new client in time")

    def info(self, token: str) -> httpx.Response:
        """``GET /api/v2/info`` with ``token`` as a plain bearer token."""
        return httpx.get(
            f"{self.url}/api/v2/info", headers={"Authorization": f"Bearer {token}"}, timeout=30
        )

    def wait_until_refused(self, token: str, timeout: float = 10.0) -> httpx.Response:
        deadline = time.monotonic() + timeout
        while True:
            response = self.info(token)
            if response.status_code == 401 or time.monotonic() > deadline:
                return response
            time.sleep(0.05)

    def tokens_issued(self, creds: Credentials) -> int:
        """The server's own count of tokens it issued to ``creds`` since it started
        (``camunda_hub_tokens_issued_total`` on ``/metrics``). Per client only behind a metrics
        token; without one, the server's total (tests call it around their own requests)."""
        metrics_token = self.env.get("CAMUNDA_HUB_METRICS_TOKEN")
        headers = {"Authorization": f"Bearer {metrics_token}"} if metrics_token else {}
        response = httpx.get(f"{self.url}/metrics", headers=headers, timeout=30)
        text = response.raise_for_status().text
        label = f'{{client_id="{re.escape(creds.client_id)}"}}' if metrics_token else ""
        match = re.search(rf"^camunda_hub_tokens_issued_total{label} (\d+)$", text, re.M)
        return int(match.group(1)) if match else 0

    def client_env(self, creds: Credentials) -> dict[str, str]:
        """The documented environment variables for ``creds`` against this server."""
        return {
            "CAMUNDA_HUB_CLIENT_ID": creds.client_id,
            "CAMUNDA_HUB_CLIENT_SECRET": creds.client_secret,
            "CAMUNDA_OAUTH_URL": self.token_url,
            "CAMUNDA_HUB_OAUTH_AUDIENCE": AUDIENCE,
            "CAMUNDA_HUB_REST_URL": self.url,
        }

    def cli_env(self, creds: Credentials) -> dict[str, str | None]:
        """``client_env`` for a ``CliRunner`` run: every other ``CAMUNDA_*`` variable of the
        test process unset, so that only these count."""
        outer: dict[str, str | None] = {k: None for k in os.environ if k.startswith("CAMUNDA_")}
        return {**outer, **self.client_env(creds)}

    def sdk_options(self, creds: Credentials) -> dict[str, str]:
        """The keyword arguments of ``HubClient`` / ``AsyncHubClient`` for ``creds`` here."""
        return {
            "client_id": creds.client_id,
            "client_secret": creds.client_secret,
            "oauth_url": self.token_url,
            "rest_url": self.url,
        }

    def api(self, creds: Credentials) -> httpx.Client:
        """An httpx client for ``/api/v2`` that sends a bearer token of ``creds`` (renewed
        before it expires, so session-long fixtures keep working)."""
        return httpx.Client(base_url=f"{self.url}/api/v2", auth=_TokenAuth(self, creds), timeout=30)


class _TokenAuth(httpx.Auth):
    def __init__(self, server: HubServer, creds: Credentials) -> None:
        self.server = server
        self.creds = creds
        self.token = ""
        self.renew_at = 0.0

    def auth_flow(self, request: httpx.Request):  # type: ignore[no-untyped-def]
        if time.monotonic() >= self.renew_at:
            self.token = self.server.token(self.creds)
            self.renew_at = time.monotonic() + 120
        request.headers["Authorization"] = f"Bearer {self.token}"
        yield request
