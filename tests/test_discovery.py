"""JWKS, OpenID discovery and RFC 8414 metadata with a configured issuer; an outside verifier can
check our tokens with nothing but the published documents."""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterator

import httpx
import jwt
import pytest

from tests.support.server import HubServer

ISSUER = "https://hub.example.com"
AUDIENCES = ("web-modeler-public-api", "api.cloud.camunda.io")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HubServer]:
    env = {
        # The flag below wins over this (flag > env > default).
        "CAMUNDA_HUB_ISSUER": "https://env-loses.example.com",
        "CAMUNDA_HUB_AUDIENCES": ",".join(AUDIENCES),
        "CAMUNDA_HUB_TOKEN_LIFETIME": "120",
    }
    args = ["--issuer", ISSUER + "/"]
    with HubServer(tmp_path_factory.mktemp("discovery"), args=args, env=env) as hub:
        yield hub


@pytest.mark.parametrize(
    "path", ["/.well-known/openid-configuration", "/.well-known/oauth-authorization-server"]
)
def test_metadata(server: HubServer, path: str) -> None:
    response = httpx.get(server.url + path)
    assert response.status_code == 200
    assert "max-age" in response.headers["cache-control"]
    metadata = response.json()
    assert metadata["issuer"] == ISSUER
    assert metadata["token_endpoint"] == f"{ISSUER}/oauth/token"
    assert metadata["jwks_uri"] == f"{ISSUER}/.well-known/jwks.json"
    assert metadata["grant_types_supported"] == ["client_credentials"]
    assert set(metadata["token_endpoint_auth_methods_supported"]) == {
        "client_secret_post",
        "client_secret_basic",
        "private_key_jwt",
    }
    # RFC 8414 §2: listed with private_key_jwt; asymmetric only (no HMAC, never "none").
    signing_algs = metadata["token_endpoint_auth_signing_alg_values_supported"]
    assert {"RS256", "ES256", "EdDSA"} <= set(signing_algs)
    assert not any(alg.startswith("HS") or alg == "none" for alg in signing_algs)
    assert metadata["scopes_supported"] == ["create:*", "read:*", "update:*", "delete:*"]
    assert "response_types_supported" in metadata
    assert metadata["access_token_signing_alg_values_supported"] == ["ES256"]


def test_both_metadata_documents_agree(server: HubServer) -> None:
    oidc = httpx.get(server.url + "/.well-known/openid-configuration").json()
    rfc8414 = httpx.get(server.url + "/.well-known/oauth-authorization-server").json()
    assert oidc == rfc8414


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def test_jwks_publishes_public_keys_with_thumbprint_kids(server: HubServer) -> None:
    response = httpx.get(server.url + "/.well-known/jwks.json")
    assert response.status_code == 200
    keys = response.json()["keys"]
    assert len(keys) == 1
    key = keys[0]
    assert key["kty"] == "EC" and key["crv"] == "P-256" and key["alg"] == "ES256"
    assert key["use"] == "sig"
    assert not {"d", "p", "q", "dp", "dq", "qi", "k"} & set(key), "no private members"
    members = json.dumps(
        {name: key[name] for name in ("crv", "kty", "x", "y")}, separators=(",", ":")
    )
    assert key["kid"] == _b64(hashlib.sha256(members.encode()).digest())  # RFC 7638


def test_an_outside_verifier_accepts_our_tokens(server: HubServer) -> None:
    creds = server.create_client_in_process("read")
    response = server.request_token(creds, audience="")
    assert response.status_code == 200
    assert response.json()["expires_in"] == 120
    token = response.json()["access_token"]
    metadata = httpx.get(server.url + "/.well-known/openid-configuration").json()
    # The published URLs use the public issuer; this test reaches the server on its listen URL.
    jwks = httpx.get(metadata["jwks_uri"].replace(ISSUER, server.url)).json()
    kid = jwt.get_unverified_header(token)["kid"]
    public = jwt.PyJWK(next(k for k in jwks["keys"] if k["kid"] == kid))
    claims = jwt.decode(
        token,
        public,
        algorithms=metadata["access_token_signing_alg_values_supported"],
        audience=AUDIENCES[0],  # no audience asked → the first configured one
        issuer=metadata["issuer"],
    )
    assert claims["permissions"] == {AUDIENCES[0]: ["read:*"]}
    other = server.token(creds, audience=AUDIENCES[1])
    assert jwt.decode(other, options={"verify_signature": False})["aud"] == AUDIENCES[1]
    for bearer in (token, other):
        info = httpx.get(f"{server.url}/api/v2/info", headers={"Authorization": f"Bearer {bearer}"})
        assert info.status_code == 200
