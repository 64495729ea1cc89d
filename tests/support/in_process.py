"""The ASGI app in-process (no server process, no port): for tests that change the app or its
modules before requests reach it. The runtime runs with a long sync interval, so no background
refresh interleaves with the requests."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from camunda_hub.server.app import HubApp, create_app
from camunda_hub.server.services.api_clients import IssuedCredentials
from camunda_hub.server.settings import Settings


@dataclass
class InProcessHub:
    app: HubApp
    client: httpx.AsyncClient
    creds: IssuedCredentials  # the bootstrap client: every permission

    def token_form(self, **extra: str) -> dict[str, str]:
        return {
            "grant_type": "client_credentials",
            "client_id": self.creds.client.client_id,
            "client_secret": self.creds.client_secret,
            **extra,
        }


@asynccontextmanager
async def in_process_hub(
    data_dir: Path, prepare: Callable[[HubApp], object] | None = None, **settings: Any
) -> AsyncIterator[InProcessHub]:
    app = create_app(Settings(data_dir=data_dir, sync_interval=60, **settings))
    if prepare is not None:
        prepare(app)
    runtime = app.state.runtime
    await runtime.start()
    try:
        creds = runtime.bootstrap_credentials
        assert creds is not None
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://hub") as client:
            yield InProcessHub(app, client, creds)
    finally:
        await runtime.stop()
