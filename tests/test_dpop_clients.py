"""DPoP from the SDK (``HubClient(dpop=True)``, ``CAMUNDA_HUB_DPOP``): the async client in-process
against a hub that requires server nonces (the SDK learns the nonce, retries, and calls the API
with proofs), the sync client against the session's real server."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import httpx
import jwt
import pytest

from camunda_hub import AsyncHubClient, HubClient
from camunda_hub.client import client_base
from camunda_hub.client.config import HubConfig
from camunda_hub.client.errors import ConfigurationError
from camunda_hub.server.app import HubApp
from tests.support.in_process import in_process_hub
from tests.support.server import Credentials, HubServer


def _with_nonces(app: HubApp) -> None:
    app.state.runtime.settings.dpop_nonce = True


async def test_the_async_sdk_follows_the_nonce_flow(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with in_process_hub(tmp_path, prepare=_with_nonces) as hub:
        original = client_base.client_options

        def in_process(config: HubConfig) -> dict[str, Any]:
            return {**original(config), "transport": httpx.ASGITransport(app=hub.app)}

        monkeypatch.setattr(client_base, "client_options", in_process)
        config = HubConfig.resolve(
            client_id=hub.creds.client.client_id,
            client_secret=hub.creds.client_secret,
            oauth_url="http://hub/oauth/token",
            rest_url="http://hub",
            dpop=True,
            env={},
        )
        async with AsyncHubClient(config=config) as client:
            token = await client.token()
            assert token.token_type == "DPoP"
            claims = jwt.decode(token.access_token.reveal(), options={"verify_signature": False})
            assert "jkt" in claims["cnf"]
            assert (await client.info()) is not None
            assert (await client.info()) is not None  # a fresh proof each time
            # The API asks for a nonce too (use_dpop_nonce, 401): answered by one retry.
            token.dpop_key._nonces.clear()
            hub.app.state.runtime.metrics.bearer_failures.clear()
            assert (await client.info()) is not None
            failures = hub.app.state.runtime.metrics.bearer_failures
            assert failures.get("use_dpop_nonce") == 1, dict(failures)


def test_the_sync_sdk_sends_proofs(hub: HubServer, admin_creds: Credentials) -> None:
    env = {**hub.client_env(admin_creds), "CAMUNDA_HUB_DPOP": "true"}
    with HubClient(config=HubConfig.resolve(env=env)) as client:
        assert client.token().token_type == "DPoP"
        assert client.info() is not None
        assert client.info() is not None
    # The same settings without DPoP still get a Bearer token (a separate cache entry).
    with HubClient(config=HubConfig.resolve(env=hub.client_env(admin_creds))) as client:
        assert client.token().token_type == "Bearer"
        assert client.info() is not None


def test_dpop_settings_and_the_missing_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    env = {"CAMUNDA_HUB_CLIENT_ID": "c", "CAMUNDA_HUB_CLIENT_SECRET": "s"}
    assert not HubConfig.resolve(env=env).dpop
    assert HubConfig.resolve(env=env, dpop=True).dpop
    # A DPoP token is bound to a key that exists in this process only: never cached on disk.
    cached = {**env, "CAMUNDA_HUB_TOKEN_CACHE_DIR": "/tmp/somewhere"}
    assert HubConfig.resolve(env=cached).token_cache_dir is not None
    assert HubConfig.resolve(env=cached, dpop=True).token_cache_dir is None
    with pytest.raises(ConfigurationError, match="CAMUNDA_HUB_DPOP"):
        HubConfig.resolve(env={**env, "CAMUNDA_HUB_DPOP": "maybe"})
    from camunda_hub.client.dpop import DpopKey

    monkeypatch.setitem(sys.modules, "jwt", None)
    with pytest.raises(ConfigurationError, match=r"camunda-hub\[keys\]"):
        DpopKey()
