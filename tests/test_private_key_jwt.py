"""private_key_jwt (RFC 7523 §2.2, §3): clients registered with public keys get tokens with a
signed assertion; every way an assertion can be wrong is the same ``invalid_client``.

In-process (no server subprocess): each test starts one hub and covers a group of cases."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from pathlib import Path

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from camunda_hub.server.app import HubApp
from camunda_hub.server.services import client_keys
from camunda_hub.server.services.errors import Conflict, InvalidInput
from tests.support.client_keys import KeyPair, assertion_form
from tests.support.in_process import InProcessHub, in_process_hub


async def _key_client(hub: InProcessHub, key_text: str, *permissions: str) -> str:
    runtime = hub.app.state.runtime
    async with runtime.db.transaction() as session:
        client = await client_keys.create_with_keys(
            session,
            organization_id=hub.creds.client.organization_id,
            name="keyed",
            permissions=list(permissions or ("read",)),
            key_text=key_text,
            actor="test",
        )
        client_id = client.client_id
    await runtime.sync_now()
    return client_id


def _token_url(hub: InProcessHub) -> str:
    return f"{hub.app.state.runtime.issuer}/oauth/token"


def _refused(response: httpx.Response) -> None:
    assert response.status_code == 401, response.text
    assert response.json() == {
        "error": "invalid_client",
        "error_description": "client authentication failed",
    }


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


async def test_each_key_type_gets_a_token_that_works_on_the_api(tmp_path: Path) -> None:
    pairs = [KeyPair.ec(), KeyPair.ec(ec.SECP384R1()), KeyPair.rsa(), KeyPair.ed25519()]
    async with in_process_hub(tmp_path) as hub:
        for index, pair in enumerate(pairs):
            # PEM, JWK and JWKS texts alike.
            texts = [
                pair.public_pem(),
                pair.public_jwk_text(),
                json.dumps({"keys": [pair.public_jwk()]}),
            ]
            client_id = await _key_client(hub, texts[index % 3])
            assertion = pair.assertion(client_id, _token_url(hub))
            response = await hub.client.post(
                "/oauth/token", data=assertion_form(assertion, client_id)
            )
            assert response.status_code == 200, (pair.alg, response.text)
            body = response.json()
            assert body["token_type"] == "Bearer"
            assert body["scope"] == "read:*"
            claims = jwt.decode(body["access_token"], options={"verify_signature": False})
            assert claims["sub"] == client_id
            info = await hub.client.get(
                "/api/v2/info", headers={"Authorization": f"Bearer {body['access_token']}"}
            )
            assert info.status_code == 200, info.text
        # client_id may be left out (RFC 7523 §3: the assertion's sub names the client), and
        # the issuer is an accepted audience too.
        pair = pairs[0]
        client_id = await _key_client(hub, pair.public_jwk_text(kid="k1"))
        assertion = pair.assertion(client_id, hub.app.state.runtime.issuer, headers={"kid": "k1"})
        response = await hub.client.post("/oauth/token", data=assertion_form(assertion))
        assert response.status_code == 200, response.text
        metadata = (await hub.client.get("/.well-known/openid-configuration")).json()
        assert "private_key_jwt" in metadata["token_endpoint_auth_methods_supported"]
        assert "ES256" in metadata["token_endpoint_auth_signing_alg_values_supported"]


def _no_lockout(app: HubApp) -> None:
    # Refused assertions count towards the lockout like wrong secrets; this test makes more
    # than the ten that would lock the client.
    app.state.runtime.settings.lockout_after_failures = 0


async def test_every_bad_assertion_is_the_same_invalid_client(tmp_path: Path) -> None:
    pair, other = KeyPair.ec(), KeyPair.ec()
    async with in_process_hub(tmp_path, prepare=_no_lockout) as hub:
        client_id = await _key_client(hub, pair.public_pem())
        other_id = await _key_client(hub, other.public_pem())
        url = _token_url(hub)

        async def post(assertion: str, client: str | None = client_id) -> httpx.Response:
            return await hub.client.post("/oauth/token", data=assertion_form(assertion, client))

        # Replayed: the first use works, the second is refused.
        once = pair.assertion(client_id, url)
        assert (await post(once)).status_code == 200
        _refused(await post(once))
        # Wrong audience.
        _refused(await post(pair.assertion(client_id, "https://elsewhere.example/token")))
        # Expired (beyond the clock skew), and valid for longer than 5 minutes.
        now = int(time.time())
        _refused(await post(pair.assertion(client_id, url, iat=now - 900, exp=now - 600)))
        _refused(await post(pair.assertion(client_id, url, lifetime=600)))
        # No exp at all, no jti at all.
        _refused(await post(pair.assertion(client_id, url, exp=None)))
        _refused(await post(pair.assertion(client_id, url, jti=None)))
        # Issued or valid only in the future (beyond the skew).
        _refused(await post(pair.assertion(client_id, url, iat=now + 600, exp=now + 650)))
        _refused(await post(pair.assertion(client_id, url, nbf=now + 200)))
        # iss or sub naming someone else.
        _refused(await post(pair.assertion(client_id, url, sub=other_id)))
        _refused(await post(pair.assertion(client_id, url, iss=other_id)))
        # The key of another client, for this client.
        _refused(await post(other.assertion(client_id, url)))
        # alg "none".
        header = _b64(json.dumps({"alg": "none", "typ": "JWT"}).encode())
        claims = {"iss": client_id, "sub": client_id, "aud": url, "exp": now + 60, "jti": "n1"}
        payload = _b64(json.dumps(claims).encode())
        _refused(await post(f"{header}.{payload}."))
        # HS256 "signed" with the public key as the HMAC secret (algorithm confusion).
        header = _b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
        claims["jti"] = "h1"
        payload = _b64(json.dumps(claims).encode())
        mac = hmac.new(pair.public_pem().encode(), f"{header}.{payload}".encode(), hashlib.sha256)
        _refused(await post(f"{header}.{payload}.{_b64(mac.digest())}"))
        # Garbage, an unknown client, and the assertion of one client sent as the other's.
        _refused(await post("not-a-jwt"))
        _refused(await post(pair.assertion("unknown-client", url), "unknown-client"))
        _refused(await post(pair.assertion(client_id, url), other_id))
        # The wrong assertion type.
        form = assertion_form(pair.assertion(client_id, url), client_id)
        form["client_assertion_type"] = "urn:example:other"
        response = await hub.client.post("/oauth/token", data=form)
        assert response.status_code == 401
        assert response.json()["error"] == "invalid_client"
        # A key and a secret in one request: one method at a time.
        form = assertion_form(pair.assertion(client_id, url), client_id, client_secret="x")
        response = await hub.client.post("/oauth/token", data=form)
        assert response.status_code == 400
        assert response.json()["error"] == "invalid_request"
        # A key-only client has no secret that could work.
        response = await hub.client.post(
            "/oauth/token",
            data={"grant_type": "client_credentials", "client_id": client_id, "client_secret": ""},
        )
        _refused(response)
        response = await hub.client.post(
            "/oauth/token",
            data={"grant_type": "client_credentials", "client_id": client_id, "client_secret": "x"},
        )
        _refused(response)
        # Secret clients are untouched.
        assert (await hub.client.post("/oauth/token", data=hub.token_form())).status_code == 200


async def test_keys_rotate_and_bad_keys_are_refused_at_registration(tmp_path: Path) -> None:
    old, new = KeyPair.ec(), KeyPair.ed25519()
    async with in_process_hub(tmp_path) as hub:
        runtime = hub.app.state.runtime
        client_id = await _key_client(hub, old.public_pem())
        url = _token_url(hub)
        async with runtime.db.transaction() as session:
            added = await client_keys.add(session, client_id, new.public_pem(), actor="test")
            new_kid = added[0].kid
            with pytest.raises(Conflict):
                await client_keys.add(session, client_id, new.public_jwk_text(), actor="test")
        await runtime.sync_now()
        for pair in (old, new):  # both active during the rotation
            response = await hub.client.post(
                "/oauth/token", data=assertion_form(pair.assertion(client_id, url), client_id)
            )
            assert response.status_code == 200, response.text
        async with runtime.db.transaction() as session:
            keys = await client_keys.list_keys(session, client_id)
            assert [key.kid for key in keys][1] == new_kid
            await client_keys.remove(session, client_id, keys[0].kid, actor="test")
            with pytest.raises(Conflict):  # the last way in
                await client_keys.remove(session, client_id, new_kid, actor="test")
        await runtime.sync_now()
        _refused(
            await hub.client.post(
                "/oauth/token", data=assertion_form(old.assertion(client_id, url), client_id)
            )
        )
        for text, reason in [
            (KeyPair.rsa(1024).public_pem(), "2048"),
            (KeyPair.ec(ec.SECP521R1()).public_pem(), "P-256"),
            (old.private_pem(), "private"),
            (json.dumps({**old.public_jwk(), "d": "AAAA"}), "private"),
            (json.dumps({"kty": "oct", "k": "c2VjcmV0"}), "private"),
            (old.public_jwk_text(alg="ES384"), "ES256"),
            (old.public_jwk_text(use="enc"), "sig"),
            ("hello", "neither PEM nor JSON"),
            (json.dumps({"keys": []}), "no keys"),
        ]:
            with pytest.raises(InvalidInput, match=reason):
                client_keys.parsed(text)
