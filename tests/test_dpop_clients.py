"""DPoP from the SDK (``HubClient(dpop=True)``, ``CAMUNDA_HUB_DPOP``) against a real server that
requires server nonces: the SDK learns the nonce, retries, and calls the API with proofs."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Iterator
from pathlib import Path

import jwt
import pytest

from camunda_hub import AsyncHubClient, HubClient
from camunda_hub.client.config import HubConfig
from camunda_hub.client.errors import ConfigurationError
from tests.support.server import Credentials, HubServer


@pytest.fixture(scope="module")
def nonce_hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HubServer]:
    server = HubServer(tmp_path_factory.mktemp("dpop-hub"), env={"CAMUNDA_HUB_DPOP_NONCE": "true"})
    server.start()
    yield server
    server.stop()


def _env(hub: HubServer, creds: Credentials) -> dict[str, str]:
    return {**hub.client_env(creds), "CAMUNDA_HUB_DPOP": "true"}


def test_the_sdk_gets_dpop_tokens_and_sends_proofs(nonce_hub: HubServer) -> None:
    creds = nonce_hub.create_client_in_process("read")
    config = HubConfig.resolve(env=_env(nonce_hub, creds))
    assert config.dpop
    with HubClient(config=config) as client:
        token = client.token()
        assert token.token_type == "DPoP"
        claims = jwt.decode(token.access_token.reveal(), options={"verify_signature": False})
        assert "jkt" in claims["cnf"]
        assert client.info() is not None
        assert client.info() is not None  # a fresh proof each time (a replay would be refused)

    async def run() -> None:
        async with AsyncHubClient(config=HubConfig.resolve(env=_env(nonce_hub, creds))) as client:
            assert (await client.info()) is not None

    asyncio.run(run())
    # The same settings without DPoP still get a Bearer token (a separate cache entry).
    plain = HubConfig.resolve(env=nonce_hub.client_env(creds))
    with HubClient(config=plain) as client:
        assert client.token().token_type == "Bearer"
        assert client.info() is not None


def test_dpop_settings_and_the_missing_extra(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
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
