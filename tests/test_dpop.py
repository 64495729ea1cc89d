"""DPoP (RFC 9449), in-process: sender-constrained tokens from the token endpoint, proofs on
API calls, every way a proof can be wrong, the Bearer downgrade, and the nonce flow."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import jwt

from camunda_hub.server.app import HubApp
from camunda_hub.server.keys.material import thumbprint
from tests.support.client_keys import KeyPair, dpop_proof
from tests.support.in_process import InProcessHub, in_process_hub

TOKEN_URL = "http://hub/oauth/token"
INFO_URL = "http://hub/api/v2/info"


async def _dpop_token(hub: InProcessHub, pair: KeyPair) -> httpx.Response:
    return await hub.client.post(
        "/oauth/token",
        data=hub.token_form(),
        headers={"DPoP": dpop_proof(pair, "POST", TOKEN_URL)},
    )


async def _call(hub: InProcessHub, token: str, proof: str | None) -> httpx.Response:
    headers = {"Authorization": f"DPoP {token}"}
    if proof is not None:
        headers["DPoP"] = proof
    return await hub.client.get("/api/v2/info", headers=headers)


def _challenge_error(response: httpx.Response) -> str:
    challenge = response.headers["www-authenticate"]
    assert challenge.startswith("DPoP "), challenge
    assert 'algs="ES256 ES384 EdDSA RS256 PS256"' in challenge
    return challenge.split('error="', 1)[1].split('"', 1)[0]


async def test_a_dpop_bound_token_works_only_with_proofs_of_its_key(tmp_path: Path) -> None:
    pair, other = KeyPair.ec(), KeyPair.ec()
    async with in_process_hub(tmp_path) as hub:
        response = await _dpop_token(hub, pair)
        assert response.status_code == 200, response.text
        assert response.json()["token_type"] == "DPoP"
        token = response.json()["access_token"]
        claims = jwt.decode(token, options={"verify_signature": False})
        assert claims["cnf"] == {"jkt": thumbprint(pair.public_jwk())}

        proof = dpop_proof(pair, "GET", INFO_URL, access_token=token)
        assert (await _call(hub, token, proof)).status_code == 200
        # The query string is not part of htu (§4.3), default ports neither.
        good = dpop_proof(pair, "GET", "HTTP://HUB:80/api/v2/info", access_token=token)
        assert (await hub.client.get("/api/v2/info?x=1", headers={
            "Authorization": f"DPoP {token}", "DPoP": good,
        })).status_code == 200  # fmt: skip

        now = int(time.time())
        refusals = {
            "replayed jti": proof,
            "wrong htm": dpop_proof(pair, "POST", INFO_URL, access_token=token),
            "wrong htu": dpop_proof(pair, "GET", "http://hub/api/v2/other", access_token=token),
            "other host": dpop_proof(pair, "GET", "http://evil/api/v2/info", access_token=token),
            "stale iat": dpop_proof(pair, "GET", INFO_URL, access_token=token, iat=now - 300),
            "future iat": dpop_proof(pair, "GET", INFO_URL, access_token=token, iat=now + 300),
            "wrong ath": dpop_proof(pair, "GET", INFO_URL, access_token=token + "x"),
            "no ath": dpop_proof(pair, "GET", INFO_URL),
            "wrong typ": dpop_proof(pair, "GET", INFO_URL, access_token=token, headers={"typ": "JWT"}),
            "private jwk": dpop_proof(
                pair, "GET", INFO_URL, access_token=token,
                headers={"jwk": {**pair.public_jwk(), "d": "AAAA"}},
            ),
            "other key's jwk": dpop_proof(
                pair, "GET", INFO_URL, access_token=token, headers={"jwk": other.public_jwk()}
            ),
        }  # fmt: skip
        for case, bad in refusals.items():
            refused = await _call(hub, token, bad)
            assert refused.status_code == 401, case
            assert _challenge_error(refused) == "invalid_dpop_proof", case
            assert refused.headers["content-type"].startswith("application/problem+json")
        # A valid proof by another key: the thumbprint is not the token's cnf.jkt.
        mismatch = await _call(hub, token, dpop_proof(other, "GET", INFO_URL, access_token=token))
        assert mismatch.status_code == 401
        assert _challenge_error(mismatch) == "invalid_dpop_proof"
        # No proof at all.
        missing = await _call(hub, token, None)
        assert missing.status_code == 401
        assert _challenge_error(missing) == "invalid_dpop_proof"
        # The Bearer downgrade: a bound token without its proof.
        downgrade = await hub.client.get(
            "/api/v2/info", headers={"Authorization": f"Bearer {token}"}
        )
        assert downgrade.status_code == 401
        assert "DPoP-bound" in downgrade.json()["detail"]
        # A plain Bearer token sent with the DPoP scheme.
        bearer = (await hub.client.post("/oauth/token", data=hub.token_form())).json()
        assert bearer["token_type"] == "Bearer"
        plain = bearer["access_token"]
        unbound = await _call(hub, plain, dpop_proof(pair, "GET", INFO_URL, access_token=plain))
        assert unbound.status_code == 401
        assert _challenge_error(unbound) == "invalid_token"
        metadata = (await hub.client.get("/.well-known/openid-configuration")).json()
        assert metadata["dpop_signing_alg_values_supported"] == [
            "ES256", "ES384", "EdDSA", "RS256", "PS256",
        ]  # fmt: skip


async def test_the_token_endpoint_refuses_bad_proofs(tmp_path: Path) -> None:
    pair = KeyPair.ec()
    async with in_process_hub(tmp_path) as hub:
        now = int(time.time())
        for case, proof in {
            "wrong htu": dpop_proof(pair, "POST", "http://hub/oauth/other"),
            "wrong htm": dpop_proof(pair, "GET", TOKEN_URL),
            "stale": dpop_proof(pair, "POST", TOKEN_URL, iat=now - 600),
            "garbage": "a.b.c",
            "no jti": dpop_proof(pair, "POST", TOKEN_URL, jti=None),
        }.items():
            response = await hub.client.post(
                "/oauth/token", data=hub.token_form(), headers={"DPoP": proof}
            )
            assert response.status_code == 400, case
            assert response.json()["error"] == "invalid_dpop_proof", case
        # HMAC "proofs" and alg none never verify.
        hs = jwt.encode(
            {"jti": "x", "htm": "POST", "htu": TOKEN_URL, "iat": now},
            "secret-secret-secret-secret-secret",
            algorithm="HS256",
            headers={"typ": "dpop+jwt", "jwk": pair.public_jwk()},
        )
        response = await hub.client.post(
            "/oauth/token", data=hub.token_form(), headers={"DPoP": hs}
        )
        assert response.json()["error"] == "invalid_dpop_proof"
        # Two DPoP headers.
        response = await hub.client.post(
            "/oauth/token",
            data=hub.token_form(),
            headers=[("DPoP", dpop_proof(pair, "POST", TOKEN_URL))] * 2,
        )
        assert response.json()["error"] == "invalid_dpop_proof"


def _with_nonces(app: HubApp) -> None:
    app.state.runtime.settings.dpop_nonce = True


async def test_the_nonce_flow(tmp_path: Path) -> None:
    pair = KeyPair.ed25519()
    async with in_process_hub(tmp_path, prepare=_with_nonces) as hub:
        first = await _dpop_token(hub, pair)
        assert first.status_code == 400
        assert first.json()["error"] == "use_dpop_nonce"
        nonce = first.headers["dpop-nonce"]
        response = await hub.client.post(
            "/oauth/token",
            data=hub.token_form(),
            headers={"DPoP": dpop_proof(pair, "POST", TOKEN_URL, nonce=nonce)},
        )
        assert response.status_code == 200, response.text
        token = response.json()["access_token"]
        without = await _call(hub, token, dpop_proof(pair, "GET", INFO_URL, access_token=token))
        assert without.status_code == 401
        assert _challenge_error(without) == "use_dpop_nonce"
        nonce = without.headers["dpop-nonce"]
        wrong = dpop_proof(pair, "GET", INFO_URL, access_token=token, nonce="made-up")
        assert _challenge_error(await _call(hub, token, wrong)) == "use_dpop_nonce"
        proof = dpop_proof(pair, "GET", INFO_URL, access_token=token, nonce=nonce)
        assert (await _call(hub, token, proof)).status_code == 200


async def test_a_dpop_required_client_needs_a_proof(tmp_path: Path) -> None:
    from camunda_hub.server.services import client_keys

    pair = KeyPair.ec()
    async with in_process_hub(tmp_path) as hub:
        runtime = hub.app.state.runtime
        client_id = hub.creds.client.client_id
        async with runtime.db.transaction() as session:
            await client_keys.set_dpop_required(session, client_id, True, actor="test")
        await runtime.sync_now()
        refused = await hub.client.post("/oauth/token", data=hub.token_form())
        assert refused.status_code == 400
        assert refused.json()["error"] == "invalid_dpop_proof"
        assert (await _dpop_token(hub, pair)).json()["token_type"] == "DPoP"
        async with runtime.db.transaction() as session:
            await client_keys.set_dpop_required(session, client_id, False, actor="test")
        await runtime.sync_now()
        plain = await hub.client.post("/oauth/token", data=hub.token_form())
        assert plain.json()["token_type"] == "Bearer"
