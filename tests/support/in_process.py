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
from camunda_hub.server.services import api_clients
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

    async def create_client(
        self, *permissions: str, name: str = "test", organization_id: str | None = None
    ) -> IssuedCredentials:
        """A new API client (in the bootstrap client's organization unless told), known to the
        runtime at once."""
        runtime = self.app.state.runtime
        async with runtime.db.transaction() as session:
            issued: IssuedCredentials = await api_clients.create(
                session,
                organization_id=organization_id or self.creds.client.organization_id,
                name=name,
                permissions=list(permissions),
                pepper=runtime.pepper,
                actor="test",
            )
        await runtime.sync_now()
        return issued

    async def token(self, creds: IssuedCredentials | None = None) -> str:
        """An access token of ``creds`` (of the bootstrap client without), by its secret."""
        creds = creds or self.creds
        form = {
            "grant_type": "client_credentials",
            "client_id": creds.client.client_id,
            "client_secret": creds.client_secret,
        }
        response = await self.client.post("/oauth/token", data=form)
        assert response.status_code == 200, response.text
        return str(response.json()["access_token"])


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
