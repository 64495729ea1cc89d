"""RFC 7662 introspection and RFC 7009 revocation, in-process; revocation reaching a second
process (a second app on the same database) through the change feed."""

from __future__ import annotations

import time
from pathlib import Path
from types import SimpleNamespace

import httpx
import jwt
import pytest

from camunda_hub.server.app import create_app
from camunda_hub.server.oauth import minting
from camunda_hub.server.services import organizations
from camunda_hub.server.services.api_clients import IssuedCredentials
from camunda_hub.server.settings import Settings
from tests.support.client_keys import KeyPair, assertion_form
from tests.support.in_process import InProcessHub, in_process_hub


async def _client(
    hub: InProcessHub, *permissions: str, org: str | None = None
) -> IssuedCredentials:
    organization_id = None
    if org is not None:
        async with hub.app.state.runtime.db.transaction() as session:
            organization_id = (await organizations.create(session, org, actor="test")).id
    return await hub.create_client(*permissions, name="rs", organization_id=organization_id)


def _auth(creds: IssuedCredentials) -> dict[str, str]:
    return {"client_id": creds.client.client_id, "client_secret": creds.client_secret}


async def test_introspection_reports_live_tokens_only_to_introspectors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with in_process_hub(tmp_path) as hub:
        resource_server = await _client(hub, "introspect")
        token = await hub.token(hub.creds)

        async def introspect(
            value: str, creds: IssuedCredentials = resource_server
        ) -> httpx.Response:
            return await hub.client.post("/oauth/introspect", data={"token": value, **_auth(creds)})

        response = await introspect(token)
        assert response.status_code == 200
        assert response.headers["cache-control"] == "no-store"
        body = response.json()
        claims = jwt.decode(token, options={"verify_signature": False})
        assert body["active"] is True
        assert body["client_id"] == body["sub"] == hub.creds.client.client_id
        assert body["scope"] == claims["scope"]
        assert (body["exp"], body["iat"], body["aud"], body["iss"]) == (
            claims["exp"], claims["iat"], claims["aud"], claims["iss"],
        )  # fmt: skip
        assert body["token_type"] == "Bearer"
        # Inactive: malformed, foreign (another organization's), expired.
        for bad in ("not-a-token", token[:-4] + "AAAA"):
            assert (await introspect(bad)).json() == {"active": False}
        other_org = await _client(hub, "read", org="elsewhere")
        assert (await introspect(await hub.token(other_org))).json() == {"active": False}
        real_time = time.time
        monkeypatch.setattr(minting, "time", SimpleNamespace(time=lambda: real_time() - 3600))
        expired = await hub.token(hub.creds)
        monkeypatch.undo()
        assert (await introspect(expired)).json() == {"active": False}
        # The caller: without the permission 403, unauthenticated or wrong secret 401.
        forbidden = await introspect(token, hub.creds)
        assert forbidden.status_code == 403
        assert forbidden.json()["error"] == "unauthorized_client"
        anonymous = await hub.client.post("/oauth/introspect", data={"token": token})
        assert anonymous.status_code == 401
        assert anonymous.json()["error"] == "invalid_client"
        wrong = await hub.client.post(
            "/oauth/introspect",
            data={
                "token": token,
                "client_id": resource_server.client.client_id,
                "client_secret": "x",
            },
        )
        assert wrong.status_code == 401
        # The introspect permission grants nothing on the Hub API.
        rs_token = await hub.token(resource_server)
        denied = await hub.client.get(
            "/api/v2/workspaces/00000000-0000-0000-0000-000000000000",
            headers={"Authorization": f"Bearer {rs_token}"},
        )
        assert denied.status_code == 403
        # A key client (private_key_jwt) can introspect too.
        metadata = (await hub.client.get("/.well-known/openid-configuration")).json()
        assert metadata["introspection_endpoint"].endswith("/oauth/introspect")
        assert metadata["revocation_endpoint"].endswith("/oauth/revoke")


async def test_a_key_client_introspects_with_an_assertion(tmp_path: Path) -> None:
    from camunda_hub.server.services import client_keys

    pair = KeyPair.ec()
    async with in_process_hub(tmp_path) as hub:
        runtime = hub.app.state.runtime
        async with runtime.db.transaction() as session:
            client = await client_keys.create_with_keys(
                session,
                organization_id=hub.creds.client.organization_id,
                name="rs-key",
                permissions=["introspect"],
                key_text=pair.public_pem(),
                actor="test",
            )
            client_id = client.client_id
        await runtime.sync_now()
        token = await hub.token(hub.creds)
        form = assertion_form(pair.assertion(client_id, runtime.issuer), client_id, token=token)
        del form["grant_type"]
        response = await hub.client.post("/oauth/introspect", data=form)
        assert response.status_code == 200, response.text
        assert response.json()["active"] is True
        replayed = await hub.client.post("/oauth/introspect", data=form)
        assert replayed.status_code == 401


async def test_revocation_is_immediate_here_and_reaches_other_processes(tmp_path: Path) -> None:
    async with in_process_hub(tmp_path) as hub:
        resource_server = await _client(hub, "introspect")
        other = await _client(hub, "read")
        # A second process on the same database (its own caches and change-feed position).
        second = create_app(Settings(data_dir=tmp_path, sync_interval=60))
        second_runtime = second.state.runtime
        await second_runtime.start()
        try:
            transport = httpx.ASGITransport(app=second)
            async with httpx.AsyncClient(transport=transport, base_url="http://hub") as there:
                token = await hub.token(hub.creds)
                bearer = {"Authorization": f"Bearer {token}"}
                assert (await hub.client.get("/api/v2/info", headers=bearer)).status_code == 200
                assert (await there.get("/api/v2/info", headers=bearer)).status_code == 200
                # Someone else's token, or no token we know: 200, nothing happens.
                for creds, value in ((other, token), (hub.creds, "unknown.token.value")):
                    response = await hub.client.post(
                        "/oauth/revoke", data={"token": value, **_auth(creds)}
                    )
                    assert response.status_code == 200
                assert (await hub.client.get("/api/v2/info", headers=bearer)).status_code == 200
                # Its own client revokes it: refused here at once (also from the cache) …
                response = await hub.client.post(
                    "/oauth/revoke", data={"token": token, **_auth(hub.creds)}
                )
                assert response.status_code == 200
                refused = await hub.client.get("/api/v2/info", headers=bearer)
                assert refused.status_code == 401
                assert "revoked" in refused.headers["www-authenticate"]
                introspected = await hub.client.post(
                    "/oauth/introspect", data={"token": token, **_auth(resource_server)}
                )
                assert introspected.json() == {"active": False}
                # … and on the other process once it reads the change feed.
                await second_runtime.sync_now()
                assert (await there.get("/api/v2/info", headers=bearer)).status_code == 401
                # Revoking needs an authenticated client; revoking twice is fine.
                anonymous = await hub.client.post("/oauth/revoke", data={"token": token})
                assert anonymous.status_code == 401
                again = await hub.client.post(
                    "/oauth/revoke", data={"token": token, **_auth(hub.creds)}
                )
                assert again.status_code == 200
                # Other tokens of the same client keep working.
                fresh = {"Authorization": f"Bearer {await hub.token(hub.creds)}"}
                assert (await there.get("/api/v2/info", headers=fresh)).status_code == 200
        finally:
            await second_runtime.stop()
        # A restarted process loads the revocation from the database.
        third = create_app(Settings(data_dir=tmp_path, sync_interval=60))
        await third.state.runtime.start()
        try:
            assert token_jti(token) in third.state.runtime.revoked_tokens
        finally:
            await third.state.runtime.stop()


def token_jti(token: str) -> str:
    return str(jwt.decode(token, options={"verify_signature": False})["jti"])
