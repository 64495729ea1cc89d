"""``/oauth/introspect`` and ``/oauth/revoke`` behind the token endpoint's throttle: per address
for any traffic, per client for the client a request names (each endpoint its own counts), and
the per-client lockout after failed authentications shared with the token endpoint."""

from __future__ import annotations

import time
from pathlib import Path

import httpx

from camunda_hub.server.app import HubApp
from camunda_hub.server.services.api_clients import IssuedCredentials
from tests.support.in_process import InProcessHub, in_process_hub


def _within_one_minute(app: HubApp) -> None:
    """The throttle counts per clock minute: its clock stands still inside one, so a slow
    machine cannot carry the requests into the next window (where the counts start again)."""
    inside = time.time() // 60 * 60 + 1
    app.state.runtime.token_throttle._clock = lambda: inside


async def _client(hub: InProcessHub, *permissions: str) -> IssuedCredentials:
    return await hub.create_client(*permissions, name="rs")


def _form(creds: IssuedCredentials | None, secret: str | None = None, **extra: str) -> dict:
    form = {"token": "not-a-token", **extra}
    if creds is not None:
        form["client_id"] = creds.client.client_id
        form["client_secret"] = secret if secret is not None else creds.client_secret
    return form


def _throttled(response: httpx.Response) -> None:
    assert response.status_code == 429, response.text
    assert response.json()["error"] == "temporarily_unavailable"
    assert int(response.headers["Retry-After"]) >= 1
    assert response.headers["Cache-Control"] == "no-store"


async def test_unauthenticated_traffic_is_limited_per_address(tmp_path: Path) -> None:
    async with in_process_hub(
        tmp_path,
        token_rate_per_address=3,
        token_rate_per_client=0,
        lockout_after_failures=0,
        prepare=_within_one_minute,
    ) as hub:
        for _ in range(3):
            assert (await hub.client.post("/oauth/introspect", data=_form(None))).status_code == 401
        _throttled(await hub.client.post("/oauth/introspect", data=_form(None)))
        # Malformed requests count too (they are throttled before their error is answered).
        _throttled(await hub.client.post("/oauth/introspect", content=b"\xff", headers={
            "Content-Type": "application/x-www-form-urlencoded"}))  # fmt: skip
        # Revocation and the token endpoint keep their own counts.
        for _ in range(3):
            assert (await hub.client.post("/oauth/revoke", data=_form(None))).status_code == 401
        _throttled(await hub.client.post("/oauth/revoke", data=_form(None)))
        token = await hub.client.post("/oauth/token", data=hub.token_form())
        assert token.status_code == 200, token.text


async def test_authenticated_traffic_is_limited_per_client(tmp_path: Path) -> None:
    async with in_process_hub(
        tmp_path,
        token_rate_per_address=0,
        token_rate_per_client=2,
        lockout_after_failures=0,
        prepare=_within_one_minute,
    ) as hub:
        busy, other = await _client(hub, "introspect"), await _client(hub, "introspect")
        for _ in range(2):
            response = await hub.client.post("/oauth/introspect", data=_form(busy))
            assert response.status_code == 200 and response.json() == {"active": False}
        _throttled(await hub.client.post("/oauth/introspect", data=_form(busy)))
        assert (await hub.client.post("/oauth/introspect", data=_form(other))).status_code == 200
        for _ in range(2):
            assert (await hub.client.post("/oauth/revoke", data=_form(busy))).status_code == 200
        _throttled(await hub.client.post("/oauth/revoke", data=_form(busy)))


async def test_wrong_secrets_here_lock_the_client_at_the_token_endpoint_too(
    tmp_path: Path,
) -> None:
    async with in_process_hub(
        tmp_path, token_rate_per_address=0, token_rate_per_client=0, lockout_after_failures=2,
        lockout_seconds=30,
    ) as hub:  # fmt: skip
        target = await _client(hub, "read")
        wrong = await hub.client.post("/oauth/introspect", data=_form(target, "guess-1"))
        assert wrong.status_code == 401
        wrong = await hub.client.post("/oauth/revoke", data=_form(target, "guess-2"))
        assert wrong.status_code == 401
        # Locked everywhere, even with the right secret.
        _throttled(await hub.client.post("/oauth/introspect", data=_form(target)))
        token_form = {
            "grant_type": "client_credentials",
            "client_id": target.client.client_id,
            "client_secret": target.client_secret,
        }
        locked = await hub.client.post("/oauth/token", data=token_form)
        assert locked.status_code == 429, locked.text
        assert "failed authentication" in locked.json()["error_description"]
