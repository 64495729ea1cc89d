"""The console's API-client pages for keys and DPoP, in-process: create a key-only client by
pasting a PEM, the introspect permission, add and remove keys, the DPoP-required switch."""

from __future__ import annotations

import contextlib
from pathlib import Path

import httpx

from camunda_hub.server.services import admins
from tests.support.client_keys import KeyPair, assertion_form
from tests.support.console_pages import csrf_token
from tests.support.in_process import InProcessHub, in_process_hub

PASSWORD = "correct horse battery staple"


async def _signed_in(hub: InProcessHub) -> httpx.AsyncClient:
    runtime = hub.app.state.runtime
    async with runtime.db.transaction() as session:
        await admins.create(
            session,
            organization_id=hub.creds.client.organization_id,
            email="keys@example.com",
            password_hash=admins.hash_password(PASSWORD),
            actor="test",
        )
    browser = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=hub.app), base_url="http://127.0.0.1:8088/console"
    )
    page = await browser.get("/sign-in")
    signed = await browser.post(
        "/sign-in",
        data={"csrf_token": csrf_token(page), "email": "keys@example.com", "password": PASSWORD},
    )
    assert signed.status_code == 303, signed.text
    return browser


async def test_key_management_and_dpop_in_the_console(tmp_path: Path) -> None:
    first, second = KeyPair.ec(), KeyPair.ed25519()
    async with in_process_hub(tmp_path) as hub:
        runtime = hub.app.state.runtime
        url = f"{runtime.issuer}/oauth/token"
        async with contextlib.aclosing(await _signed_in(hub)) as browser:
            form = await browser.get("/api-clients/new")
            assert 'value="introspect"' in form.text
            created = await browser.post(
                "/api-clients",
                data={
                    "csrf_token": csrf_token(form),
                    "name": "keyed in console",
                    "permission": ["read", "introspect"],
                    "public_key": first.public_pem(),
                    "dpop_required": "on",
                },
            )
            assert created.status_code == 303, created.text
            detail_path = created.headers["location"].split("/console", 1)[1]
            client_id = detail_path.split("/")[2].split("?")[0]
            detail = await browser.get(detail_path)
            assert "It has no secret" in detail.text
            assert "client-secret" not in detail.text
            assert "ES256" in detail.text
            client = runtime.clients.get(client_id)
            assert client.dpop_required and client.permissions == ("read", "introspect")
            # The pasted key authenticates (DPoP-required: the proof-less request is refused).
            token_form = assertion_form(first.assertion(client_id, url), client_id)
            refused = await hub.client.post("/oauth/token", data=token_form)
            assert refused.json()["error"] == "invalid_dpop_proof"
            # Switch DPoP off, add a second key (a JWK), remove the first.
            page = await browser.get(f"/api-clients/{client_id}")
            off = await browser.post(
                f"/api-clients/{client_id}/dpop", data={"csrf_token": csrf_token(page)}
            )
            assert off.status_code == 303
            assert not runtime.clients.get(client_id).dpop_required
            bad = await browser.post(
                f"/api-clients/{client_id}/keys",
                data={"csrf_token": csrf_token(page), "public_key": "not a key"},
            )
            assert bad.status_code == 400
            assert "neither PEM nor JSON" in bad.text
            added = await browser.post(
                f"/api-clients/{client_id}/keys",
                data={
                    "csrf_token": csrf_token(page),
                    "public_key": second.public_jwk_text(kid="second"),
                },
            )
            assert added.status_code == 303
            page = await browser.get(f"/api-clients/{client_id}")
            assert "second" in page.text
            first_kid = runtime.clients.get(client_id).keys[0].kid
            removed = await browser.post(
                f"/api-clients/{client_id}/keys/remove",
                data={"csrf_token": csrf_token(page), "kid": first_kid},
            )
            assert removed.status_code == 303
            last = await browser.post(
                f"/api-clients/{client_id}/keys/remove",
                data={"csrf_token": csrf_token(page), "kid": "second"},
            )
            assert last.status_code == 409
        for pair, status in ((first, 401), (second, 200)):
            token_form = assertion_form(pair.assertion(client_id, url), client_id)
            assert (await hub.client.post("/oauth/token", data=token_form)).status_code == status


async def test_jwks_url_in_the_console(tmp_path: Path) -> None:
    from camunda_hub.server.services import client_keys
    from tests.support.jwks_server import jwks_server

    registered, published = KeyPair.ec(), KeyPair.ec()
    with jwks_server() as jwks:
        jwks.publish((published, "pub-1"))
        async with in_process_hub(tmp_path, outbound_allow=["127.0.0.1/32"]) as hub:
            runtime = hub.app.state.runtime
            url = f"{runtime.issuer}/oauth/token"
            async with runtime.db.transaction() as session:
                client = await client_keys.create_with_keys(
                    session,
                    organization_id=hub.creds.client.organization_id,
                    name="publishes keys",
                    permissions=["read"],
                    key_text=registered.public_pem(),
                    actor="test",
                )
                client_id = client.client_id
            await runtime.sync_now()
            async with contextlib.aclosing(await _signed_in(hub)) as browser:
                page = await browser.get(f"/api-clients/{client_id}")
                assert 'id="jwks_url"' in page.text
                bad = await browser.post(
                    f"/api-clients/{client_id}/jwks-url",
                    data={"csrf_token": csrf_token(page), "jwks_url": "ftp://keys.example/jwks"},
                )
                assert bad.status_code == 400 and "https" in bad.text
                saved = await browser.post(
                    f"/api-clients/{client_id}/jwks-url",
                    data={"csrf_token": csrf_token(page), "jwks_url": jwks.url},
                )
                assert saved.status_code == 303, saved.text
                page = await browser.get(saved.headers["location"].split("/console", 1)[1])
                assert jwks.url in page.text and "JWK Set URL saved" in page.text
                assertion = published.assertion(client_id, url, headers={"kid": "pub-1"})
                token = await hub.client.post(
                    "/oauth/token", data=assertion_form(assertion, client_id)
                )
                assert token.status_code == 200, token.text
                cleared = await browser.post(
                    f"/api-clients/{client_id}/jwks-url",
                    data={"csrf_token": csrf_token(page), "jwks_url": ""},
                )
                assert cleared.status_code == 303
                assert runtime.clients.get(client_id).jwks_url is None
