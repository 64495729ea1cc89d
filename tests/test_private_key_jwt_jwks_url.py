"""private_key_jwt with keys the client publishes at a JWK Set URL: fetched through the outbound
policy, cached, refetched (bounded per client) when an assertion names an unknown ``kid``; a
refused or unreachable URL is the same ``invalid_client`` as any other failed check.

A real JWK Set server on 127.0.0.1 (a thread); the hub in-process."""

from __future__ import annotations

import asyncio
import json
import socket
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

from camunda_hub.cli.main import app as cli
from camunda_hub.server.api_clients.remote_jwks import RemoteJwks
from camunda_hub.server.services import client_keys
from camunda_hub.server.services.errors import Conflict, InvalidInput
from tests.support.client_keys import KeyPair, assertion_form
from tests.support.in_process import InProcessHub, in_process_hub
from tests.support.jwks_server import jwks_server

LOCAL = ["127.0.0.1/32"]
REFUSED = {"error": "invalid_client", "error_description": "client authentication failed"}


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _remote(hub: InProcessHub) -> RemoteJwks:
    remote: RemoteJwks = hub.app.token_fast_path.endpoint.assertions.remote_keys
    return remote


async def _url_client(hub: InProcessHub, url: str) -> str:
    runtime = hub.app.state.runtime
    async with runtime.db.transaction() as session:
        client = await client_keys.create_with_keys(
            session,
            organization_id=hub.creds.client.organization_id,
            name="published keys",
            permissions=["read"],
            jwks_url=url,
            actor="test",
        )
        client_id = client.client_id
    await runtime.sync_now()
    return client_id


async def _token(hub: InProcessHub, pair: KeyPair, client_id: str, kid: str) -> httpx.Response:
    token_url = f"{hub.app.state.runtime.issuer}/oauth/token"
    assertion = pair.assertion(client_id, token_url, headers={"kid": kid})
    return await hub.client.post("/oauth/token", data=assertion_form(assertion, client_id))


def _refused(response: httpx.Response) -> None:
    assert response.status_code == 401, response.text
    assert response.json() == REFUSED


async def test_published_keys_are_cached_and_rotation_is_picked_up(tmp_path: Path) -> None:
    old, new = KeyPair.ec(), KeyPair.rsa()
    with jwks_server() as jwks:
        jwks.publish((old, "old"))
        async with in_process_hub(tmp_path, outbound_allow=LOCAL) as hub:
            clock = Clock()
            _remote(hub).clock = clock
            client_id = await _url_client(hub, jwks.url)

            for _ in range(3):
                response = await _token(hub, old, client_id, "old")
                assert response.status_code == 200, response.text
            assert jwks.hits == 1  # fetched once, then served from the copy

            # Rotation at the URL: the new kid is unknown to the copy, which is refetched...
            jwks.publish((new, "new"))
            clock.now += 31
            response = await _token(hub, new, client_id, "new")
            assert response.status_code == 200, response.text
            assert jwks.hits == 2
            info = await hub.client.get(
                "/api/v2/info",
                headers={"Authorization": f"Bearer {response.json()['access_token']}"},
            )
            assert info.status_code == 200, info.text
            # ...and the key no longer published stops working with it.
            _refused(await _token(hub, old, client_id, "old"))

            # Made-up kids cost at most one fetch per interval, however many arrive.
            clock.now += 31
            for index in range(5):
                _refused(await _token(hub, new, client_id, f"junk-{index}"))
            assert jwks.hits == 3
            # A kid the copy has is not a reason to fetch, even once the interval passed.
            clock.now += 31
            assert (await _token(hub, new, client_id, "new")).status_code == 200
            assert jwks.hits == 3

            # A stale copy is refreshed at the next assertion (MAX_AGE), kid known or not.
            clock.now += _remote(hub).max_age
            assert (await _token(hub, new, client_id, "new")).status_code == 200
            assert jwks.hits == 4

            # A failed refresh keeps the last good copy.
            jwks.status = 500
            clock.now += _remote(hub).max_age
            assert (await _token(hub, new, client_id, "new")).status_code == 200
            assert jwks.hits == 5


async def test_a_disallowed_address_is_never_called(tmp_path: Path) -> None:
    pair = KeyPair.ec()
    with jwks_server() as jwks:
        jwks.publish((pair, "k1"))
        # No CAMUNDA_HUB_OUTBOUND_ALLOW: loopback is refused by the address policy.
        async with in_process_hub(tmp_path) as hub:
            client_id = await _url_client(hub, jwks.url)
            _refused(await _token(hub, pair, client_id, "k1"))
        assert jwks.hits == 0


async def test_unreachable_or_broken_urls_are_invalid_client_without_a_reason(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    pair = KeyPair.ec()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    with jwks_server() as broken:
        broken.document = {"not": "a key set"}
        async with in_process_hub(tmp_path, outbound_allow=LOCAL) as hub:
            for url in (f"http://127.0.0.1:{closed_port}/jwks.json", broken.url):
                client_id = await _url_client(hub, url)
                with caplog.at_level("WARNING", logger="camunda_hub.clients"):
                    response = await _token(hub, pair, client_id, "k1")
                _refused(response)
                assert "WWW-Authenticate" in response.headers
                # Why is for the operator's log, not for the caller.
                assert any(client_id in record.getMessage() for record in caplog.records)
        assert broken.hits == 1


async def test_jwks_url_is_validated_and_cannot_be_the_last_credential_removed(
    tmp_path: Path,
) -> None:
    async with in_process_hub(tmp_path) as hub:
        runtime = hub.app.state.runtime
        org = hub.creds.client.organization_id
        for bad in ("ftp://keys.example/jwks", "https://user:pw@keys.example/jwks", "jwks.json"):
            with pytest.raises(InvalidInput):
                async with runtime.db.transaction() as session:
                    await client_keys.create_with_keys(
                        session,
                        organization_id=org,
                        name="x",
                        permissions=["read"],
                        jwks_url=bad,
                        actor="test",
                    )
        with pytest.raises(InvalidInput):
            async with runtime.db.transaction() as session:
                await client_keys.create_with_keys(
                    session, organization_id=org, name="x", permissions=["read"], actor="test"
                )
        client_id = await _url_client(hub, "https://keys.example/jwks.json")
        with pytest.raises(Conflict):
            async with runtime.db.transaction() as session:
                await client_keys.set_jwks_url(session, client_id, None, actor="test")
        # With a registered key beside it, the URL can go (and come back).
        async with runtime.db.transaction() as session:
            await client_keys.add(session, client_id, KeyPair.ec().public_jwk_text(), actor="t")
            await client_keys.set_jwks_url(session, client_id, None, actor="test")
        await runtime.sync_now()
        entry = runtime.clients.get(client_id)
        assert entry is not None and entry.jwks_url is None and len(entry.keys) == 1


async def test_cli_creates_a_client_with_a_jwks_url_and_changes_it(tmp_path: Path) -> None:
    pair = KeyPair.ec()
    data = tmp_path / "hub"
    runner = CliRunner()
    env = {"CAMUNDA_HUB_DATABASE_URL": None, "CAMUNDA_HUB_SECRET_KEY": None}

    def run(*args: str) -> Any:
        return runner.invoke(cli, [*args, "--data-dir", str(data)], env=env)

    with jwks_server() as jwks:
        jwks.publish((pair, "k1"))
        async with in_process_hub(data, outbound_allow=LOCAL) as hub:
            created = await asyncio.to_thread(
                run, "clients", "create", "--name", "ci", "-p", "read", "--jwks-url", jwks.url,
                "--json",
            )  # fmt: skip
            assert created.exit_code == 0, created.output
            client_id = json.loads(created.output)["client_id"]
            assert json.loads(created.output) == {"client_id": client_id}
            await hub.app.state.runtime.sync_now()
            assert (await _token(hub, pair, client_id, "k1")).status_code == 200
            # A key-only client refuses secrets (it has none).
            secret_try = await hub.client.post(
                "/oauth/token",
                data={"grant_type": "client_credentials"},
                auth=(client_id, ""),
            )
            assert secret_try.status_code == 401

            usage = await asyncio.to_thread(run, "clients", "keys", "jwks-url", client_id)
            assert usage.exit_code != 0 and "--clear" in usage.output
            cleared = await asyncio.to_thread(
                run, "clients", "keys", "jwks-url", client_id, "--clear"
            )
            assert cleared.exit_code != 0  # its only way to authenticate
            moved = await asyncio.to_thread(
                run, "clients", "keys", "jwks-url", client_id, "ftp://elsewhere/jwks"
            )
            assert moved.exit_code != 0 and "https" in moved.output
