"""Bearer protection of /api/v2 against a JWT attack corpus, over real HTTP.

To prove each claim check on its own, most forged tokens carry a *valid* signature: the test
plays the operator, reads the deployment secret from the data folder and decrypts the signing
key from the database, then signs tokens that are wrong in exactly one way."""

from __future__ import annotations

import base64
import json
import re
import socket
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from camunda_hub.server.keys import material
from camunda_hub.server.keys.deployment_secret import DeploymentSecret
from tests.support import responses
from tests.support.server import AUDIENCE, Credentials, HubServer

REALM = "camunda-hub"
CHALLENGE = re.compile(
    r'^Bearer realm="camunda-hub", error="(?P<error>[a-z_]+)", '
    r'error_description="(?P<description>[ -!#-\[\]-~]+)"(, scope="(?P<scope>[^"]+)")?$'
)


class Signer:
    """Signs arbitrary tokens with the server's current signing key (white-box)."""

    def __init__(self, data_dir: Path) -> None:
        secret = DeploymentSecret((data_dir / "secret.key").read_text().strip().encode())
        with sqlite3.connect(data_dir / "camunda-hub.sqlite3") as db:
            kid, alg, blob = db.execute(
                "SELECT kid, alg, private_key_encrypted FROM signing_keys WHERE retired IS NULL"
            ).fetchone()
        self.kid: str = kid
        self.alg: str = alg
        self.key = material.decrypt_private(blob, secret.key_encryption_key, kid)

    def sign(self, claims: dict[str, Any], **header: Any) -> str:
        headers = {"typ": "at+jwt", "kid": self.kid, **header}
        return jwt.encode(claims, self.key, algorithm=self.alg, headers=headers)

    def public_pem(self) -> bytes:
        return self.key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HubServer]:
    with HubServer(tmp_path_factory.mktemp("attacks"), args=["--clock-skew", "5"]) as hub:
        yield hub


@pytest.fixture(scope="module")
def signer(server: HubServer) -> Signer:
    return Signer(server.data_dir)


@pytest.fixture(scope="module")
def creds(server: HubServer) -> Credentials:
    return server.create_client_in_process("read", "create", name="attacked")


@pytest.fixture(scope="module")
def genuine(server: HubServer, creds: Credentials) -> str:
    return server.token(creds)


def claims_of(token: str) -> dict[str, Any]:
    return jwt.decode(token, options={"verify_signature": False})


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def call(server: HubServer, authorization: str | None, **kwargs: Any) -> httpx.Response:
    headers = {"Authorization": authorization} if authorization is not None else {}
    return httpx.get(f"{server.url}/api/v2/info", headers=headers, timeout=30, **kwargs)


def assert_problem(response: httpx.Response, status: int) -> dict[str, Any]:
    """A problem of the Hub API's bearer check: exactly problem+json, about an /api/v2 path."""
    body = responses.assert_problem(response, status)
    assert response.headers["content-type"] == "application/problem+json"
    assert body["instance"] == "/api/v2/info" or body["instance"].startswith("/api/v2")
    assert body["title"] and body["detail"] and body["type"] == "about:blank"
    return body


def assert_invalid_token(response: httpx.Response, description: str) -> None:
    body = assert_problem(response, 401)
    match = CHALLENGE.match(response.headers["www-authenticate"])
    assert match, response.headers["www-authenticate"]
    assert match["error"] == "invalid_token"
    assert description in match["description"], match["description"]
    assert body["detail"] == match["description"]


# -- no token / wrong scheme: a challenge without an error code (RFC 6750 §3.1) ------------------
@pytest.mark.parametrize("authorization", [None, "", "Basic dXNlcjpwYXNz", "Token abc", "Bearer"])
def test_no_bearer_token_gets_a_bare_challenge(
    server: HubServer, authorization: str | None
) -> None:
    response = call(server, authorization)
    if authorization == "Bearer":
        # The scheme without a credential is an (empty) bearer token: invalid_token.
        assert_invalid_token(response, "empty")
        return
    assert_problem(response, 401)
    assert response.headers["www-authenticate"] == f'Bearer realm="{REALM}"'


def test_unauthenticated_requests_are_refused_before_routing_and_body_parsing(
    server: HubServer,
) -> None:
    for method, path, content in [
        ("POST", "/api/v2/workspaces", b"{not json"),
        ("GET", "/api/v2/no-such-route", None),
        ("DELETE", "/api/v2/info", None),
        ("GET", "/api/v2", None),
    ]:
        response = httpx.request(
            method,
            f"{server.url}{path}",
            content=content,
            headers={"Content-Type": "application/json"},
        )
        assert response.status_code == 401, (method, path, response.text)
        assert response.headers["www-authenticate"] == f'Bearer realm="{REALM}"'


def test_two_authorization_headers_are_a_bad_request(server: HubServer, genuine: str) -> None:
    response = httpx.get(
        f"{server.url}/api/v2/info",
        headers=[("Authorization", f"Bearer {genuine}"), ("Authorization", f"Bearer {genuine}")],
    )
    assert_problem(response, 400)
    assert 'error="invalid_request"' in response.headers["www-authenticate"]


def test_genuine_token_works_and_scheme_is_case_insensitive(
    server: HubServer, genuine: str
) -> None:
    for scheme in ("Bearer", "bearer", "BEARER"):
        response = call(server, f"{scheme} {genuine}")
        assert response.status_code == 200, response.text


# -- forged and damaged tokens -------------------------------------------------------------------
def test_alg_none(server: HubServer, signer: Signer, genuine: str) -> None:
    claims = claims_of(genuine)
    for alg in ("none", "None", "NONE"):
        header = b64(json.dumps({"alg": alg, "typ": "at+jwt", "kid": signer.kid}).encode())
        payload = b64(json.dumps(claims).encode())
        for token in (f"{header}.{payload}.", f"{header}.{payload}"):
            assert_invalid_token(call(server, f"Bearer {token}"), "")


@pytest.mark.parametrize("alg", ["HS256", "HS384", "HS512"])
def test_hmac_signed_with_the_public_key(
    server: HubServer, signer: Signer, genuine: str, alg: str
) -> None:
    """Algorithm confusion: an HMAC "signed" with the published key bytes must not verify."""
    claims = claims_of(genuine)
    jwks = httpx.get(f"{server.url}/.well-known/jwks.json").json()
    public_jwk = next(k for k in jwks["keys"] if k["kid"] == signer.kid)
    secrets_to_try = [
        signer.public_pem(),
        json.dumps(public_jwk).encode(),
        json.dumps(public_jwk, separators=(",", ":"), sort_keys=True).encode(),
    ]
    for secret in secrets_to_try:
        header = {"alg": alg, "typ": "at+jwt", "kid": signer.kid}
        signing_input = (
            b64(json.dumps(header).encode()) + "." + b64(json.dumps(claims).encode())
        ).encode()
        import hashlib
        import hmac

        digest = {"HS256": hashlib.sha256, "HS384": hashlib.sha384, "HS512": hashlib.sha512}[alg]
        signature = b64(hmac.new(secret, signing_input, digest).digest())
        token = signing_input.decode() + "." + signature
        assert_invalid_token(call(server, f"Bearer {token}"), "algorithm")


def test_pyjwt_itself_refuses_hmac_and_none_for_an_asymmetric_key(signer: Signer) -> None:
    """Defence in depth behind the header check: decode() only runs the key's algorithm."""
    public = signer.key.public_key()
    claims = {"sub": "x"}
    header = b64(json.dumps({"alg": "HS256", "typ": "at+jwt"}).encode())
    payload = b64(json.dumps(claims).encode())
    import hashlib
    import hmac

    signing_input = f"{header}.{payload}".encode()
    forged = f"{header}.{payload}." + b64(
        hmac.new(signer.public_pem(), signing_input, hashlib.sha256).digest()
    )
    with pytest.raises(jwt.InvalidAlgorithmError):
        jwt.decode(forged, public, algorithms=[signer.alg], options={"verify_aud": False})
    unsigned = b64(json.dumps({"alg": "none"}).encode()) + f".{payload}."
    with pytest.raises(jwt.InvalidAlgorithmError):
        jwt.decode(unsigned, public, algorithms=[signer.alg], options={"verify_aud": False})


def test_wrong_algorithm_in_header_for_a_known_kid(
    server: HubServer, signer: Signer, genuine: str
) -> None:
    other = ec.generate_private_key(ec.SECP384R1())
    token = jwt.encode(
        claims_of(genuine), other, algorithm="ES384", headers={"typ": "at+jwt", "kid": signer.kid}
    )
    assert_invalid_token(call(server, f"Bearer {token}"), "algorithm")


@pytest.mark.parametrize("typ", [None, "JWT", "jwt", "at+JWS", "application/jwt"])
def test_wrong_typ(server: HubServer, signer: Signer, genuine: str, typ: str | None) -> None:
    token = signer.sign(claims_of(genuine), typ=typ)
    if typ is None:
        header = json.loads(base64.urlsafe_b64decode(token.split(".")[0] + "=="))
        assert "typ" not in header
    assert_invalid_token(call(server, f"Bearer {token}"), "typ")


def test_application_at_jwt_typ_is_accepted(
    server: HubServer, signer: Signer, genuine: str
) -> None:
    token = signer.sign(claims_of(genuine), typ="application/at+jwt")
    assert call(server, f"Bearer {token}").status_code == 200


def test_validly_signed_control_token_is_accepted(
    server: HubServer, signer: Signer, genuine: str
) -> None:
    """The forging helper works: without a defect its tokens pass (so failures below are
    caused by the one defect each carries)."""
    claims = claims_of(genuine)
    claims["jti"] = "control"
    assert call(server, f"Bearer {signer.sign(claims)}").status_code == 200


@pytest.mark.parametrize(
    ("change", "description"),
    [
        ({"iss": "https://evil.example"}, "issuer"),
        ({"iss": None}, "'iss'"),
        ({"aud": "web-modeler-public-api"}, "aud"),
        ({"aud": ["other", "more"]}, "aud"),
        ({"aud": None}, "'aud'"),
        ({"exp": -3600}, "expired"),
        ({"exp": None}, "'exp'"),
        ({"nbf": 3600}, "not valid yet"),
        ({"iat": 3600}, "not valid yet"),
        ({"sub": "someone-else"}, "subject"),
        ({"jti": None}, "'jti'"),
        ({"client_id": None}, "'client_id'"),
        ({"gen": None}, "generation"),
        ({"https://camunda.com/orgId": None}, "organization"),
    ],
)
def test_validly_signed_but_wrong_claims(
    server: HubServer,
    signer: Signer,
    genuine: str,
    change: dict[str, Any],
    description: str,
) -> None:
    claims = claims_of(genuine)
    now = int(time.time())
    for name, value in change.items():
        if value is None:
            del claims[name]
        elif name in ("exp", "nbf", "iat"):
            claims[name] = now + value
        else:
            claims[name] = value
    assert_invalid_token(call(server, f"Bearer {signer.sign(claims)}"), description)


def test_expired_within_the_leeway_is_still_accepted(
    server: HubServer, signer: Signer, genuine: str
) -> None:
    claims = claims_of(genuine)
    claims.update(exp=int(time.time()) - 2, jti="leeway")  # the server runs --clock-skew 5
    assert call(server, f"Bearer {signer.sign(claims)}").status_code == 200


def test_unknown_kid(server: HubServer, signer: Signer, genuine: str) -> None:
    stranger = ec.generate_private_key(ec.SECP256R1())
    for kid in ("not-a-key", signer.kid + "x", ""):
        token = jwt.encode(
            claims_of(genuine), stranger, algorithm="ES256", headers={"typ": "at+jwt", "kid": kid}
        )
        assert_invalid_token(call(server, f"Bearer {token}"), "unknown key")
    no_kid = jwt.encode(claims_of(genuine), stranger, algorithm="ES256", headers={"typ": "at+jwt"})
    assert_invalid_token(call(server, f"Bearer {no_kid}"), "unknown key")


def test_known_kid_but_another_key(server: HubServer, signer: Signer, genuine: str) -> None:
    stranger = ec.generate_private_key(ec.SECP256R1())
    token = jwt.encode(
        claims_of(genuine),
        stranger,
        algorithm="ES256",
        headers={"typ": "at+jwt", "kid": signer.kid},
    )
    assert_invalid_token(call(server, f"Bearer {token}"), "signature")


def test_tampered_payload(server: HubServer, genuine: str) -> None:
    header, _payload, signature = genuine.split(".")
    claims = claims_of(genuine)
    claims["permissions"] = {AUDIENCE: ["create:*", "read:*", "update:*", "delete:*"]}
    claims["scope"] = "create:* read:* update:* delete:*"
    forged = f"{header}.{b64(json.dumps(claims).encode())}.{signature}"
    assert_invalid_token(call(server, f"Bearer {forged}"), "signature")


def test_tampered_header_and_signature(server: HubServer, genuine: str) -> None:
    header, payload, signature = genuine.split(".")
    flipped = signature[:-2] + ("AA" if not signature.endswith("AA") else "BB")
    assert_invalid_token(call(server, f"Bearer {header}.{payload}.{flipped}"), "signature")
    assert_invalid_token(call(server, f"Bearer {header}.{payload}."), "")
    bad_header = b64(b'{"alg":"ES256","typ":"at+jwt","kid":')
    assert_invalid_token(call(server, f"Bearer {bad_header}.{payload}.{signature}"), "")


@pytest.mark.parametrize(
    "token",
    ["abc", "a.b", "a.b.c.d", "....", "eyJ.eyJ.x", "not a token", "é" * 10, "x" * 9000],
)
def test_garbage_tokens(server: HubServer, token: str) -> None:
    response = httpx.get(
        f"{server.url}/api/v2/info",
        headers=[(b"Authorization", b"Bearer " + token.encode())],
        timeout=30,
    )
    assert_invalid_token(response, "")


# -- revocation: the client's state is checked on every call -------------------------------------
def test_token_of_a_deleted_client(server: HubServer) -> None:
    victim = server.create_client_in_process("read", name="to-delete")
    token = server.token(victim)
    assert call(server, f"Bearer {token}").status_code == 200
    server.cli("clients", "delete", victim.client_id)
    assert_invalid_token(server.wait_until_refused(token), "no longer exists")
    refused = server.request_token(victim)
    assert refused.status_code == 401 and refused.json()["error"] == "invalid_client"


def test_token_issued_before_a_secret_rotation(server: HubServer) -> None:
    victim = server.create_client_in_process("read", name="to-rotate")
    token = server.token(victim)
    assert call(server, f"Bearer {token}").status_code == 200
    rotated = json.loads(server.cli("clients", "rotate-secret", victim.client_id, "--json").stdout)
    assert rotated["client_id"] == victim.client_id
    assert_invalid_token(server.wait_until_refused(token), "credentials changed")
    assert server.request_token(victim).status_code == 401
    fresh = server.token(Credentials(victim.client_id, rotated["client_secret"]))
    assert call(server, f"Bearer {fresh}").status_code == 200


def test_rotation_with_grace_keeps_old_secret_and_tokens(server: HubServer) -> None:
    victim = server.create_client_in_process("read", name="to-rotate-gently")
    token = server.token(victim)
    rotated = json.loads(
        server.cli("clients", "rotate-secret", victim.client_id, "--grace", "120", "--json").stdout
    )
    new = Credentials(victim.client_id, rotated["client_secret"])
    server.wait_for_client(new)
    # During the grace period both secrets authenticate, and earlier tokens keep working.
    assert server.request_token(victim).status_code == 200
    assert call(server, f"Bearer {token}").status_code == 200
    assert call(server, f"Bearer {server.token(new)}").status_code == 200


def test_token_after_a_permission_change(server: HubServer) -> None:
    victim = server.create_client_in_process("read", "create", name="to-narrow")
    token = server.token(victim)
    assert call(server, f"Bearer {token}").status_code == 200
    server.cli("clients", "set-permissions", victim.client_id, "--permission", "create")
    assert_invalid_token(server.wait_until_refused(token), "credentials changed")
    narrowed = server.token(victim)
    assert claims_of(narrowed)["scope"] == "create:*"


# -- permissions ---------------------------------------------------------------------------------
def test_missing_permission_is_403_insufficient_scope(server: HubServer) -> None:
    writer = server.create_client_in_process("create", name="no-read")
    response = call(server, f"Bearer {server.token(writer)}")
    body = assert_problem(response, 403)
    assert "'read'" in body["detail"]
    match = CHALLENGE.match(response.headers["www-authenticate"])
    assert match, response.headers["www-authenticate"]
    assert match["error"] == "insufficient_scope"
    assert match["scope"] == "read:*"


def test_narrowed_token_lacks_the_permission(server: HubServer, creds: Credentials) -> None:
    narrowed = server.token(creds, scope="create")
    response = call(server, f"Bearer {narrowed}")
    assert_problem(response, 403)
    assert 'error="insufficient_scope"' in response.headers["www-authenticate"]


# -- the verified-token cache ---------------------------------------------------------------------
def test_verified_token_cache_is_bounded() -> None:
    from camunda_hub.server.api_clients.registry import ClientEntry, ClientRegistry
    from camunda_hub.server.keys.keyring import ActiveSigningKey, Keyring, VerificationKey
    from camunda_hub.server.metrics import Metrics
    from camunda_hub.server.oauth.minting import mint
    from camunda_hub.server.security.bearer import BearerVerifier
    from camunda_hub.server.settings import Settings

    private = material.generate("ES256")
    jwk = material.public_jwk(private, "ES256")
    keyring = Keyring(
        signing=ActiveSigningKey(jwk["kid"], "ES256", private),
        verification={
            jwk["kid"]: VerificationKey(jwk["kid"], "ES256", private.public_key(), jwk, None)
        },
    )
    clients = ClientRegistry()
    client = ClientEntry("c1", "org", "cached", "h", None, None, ("read",), 1, 1)
    clients.put(client)
    metrics = Metrics()
    settings = Settings(verified_token_cache_size=3)
    verifier = BearerVerifier(settings, "http://issuer", keyring, clients, metrics)
    tokens = [
        mint(
            keyring=keyring,
            issuer="http://issuer",
            client=client,
            audience=AUDIENCE,
            permissions=["read"],
            lifetime=300,
        ).access_token
        for _ in range(5)
    ]
    for token in tokens:
        assert verifier.verify(token).client_id == "c1"
    assert verifier.cached_tokens == 3
    assert metrics.verify_cache_misses == 5
    verifier.verify(tokens[-1])
    assert metrics.verify_cache_hits == 1
    # The evicted oldest token is verified again (not refused) and the bound still holds.
    verifier.verify(tokens[0])
    assert metrics.verify_cache_misses == 6
    assert verifier.cached_tokens == 3


def test_challenge_values_stay_printable_quoted_strings() -> None:
    from camunda_hub.server.api.problems import bearer_challenge

    header = bearer_challenge('réalm "x"', "invalid_token", "line\r\nbreak \\ end", "read:*")
    assert header.isascii() and header.isprintable()
    assert header == (
        'Bearer realm="r?alm \\"x\\"", error="invalid_token", '
        'error_description="line??break \\\\ end", scope="read:*"'
    )


# -- robustness: whatever arrives in Authorization, never a 500 -----------------------------------
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)
_HEADER_FIELDS = st.fixed_dictionaries(
    {},
    optional={
        "alg": st.sampled_from(["ES256", "RS256", "EdDSA", "HS256", "none", ""]) | _JSON,
        "typ": st.sampled_from(["at+jwt", "JWT"]) | _JSON,
        "kid": _JSON,
        "crit": _JSON,
        "jku": st.just("http://127.0.0.1:1/jwks"),
    },
)


@st.composite
def authorization_values(draw: st.DrawFn) -> bytes:
    kind = draw(st.integers(0, 2))
    if kind == 0:
        raw = draw(st.binary(max_size=200))
        return raw.replace(b"\r", b"").replace(b"\n", b"")
    header = draw(_HEADER_FIELDS | _JSON)
    claims = draw(_JSON)
    segments = [b64(json.dumps(header).encode()), b64(json.dumps(claims).encode())]
    segments.append(b64(draw(st.binary(max_size=80))))
    token = ".".join(segments[: draw(st.integers(1, 3))])
    scheme = draw(st.sampled_from(["Bearer ", "bearer ", "Bearer  ", "Basic ", ""]))
    return (scheme + token).encode()


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(value=authorization_values())
def test_never_a_server_error_for_any_authorization(server: HubServer, value: bytes) -> None:
    parsed = httpx.URL(server.url)
    request = (
        b"GET /api/v2/info HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: "
        + value
        + b"\r\n\r\n"
    )
    with socket.create_connection((parsed.host, parsed.port), timeout=15) as sock:
        sock.sendall(request)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    status = int(answer.split(b"\r\n", 1)[0].split()[1])
    assert status in (400, 401), answer[:300]
    if status == 401:
        assert b'www-authenticate: bearer realm="camunda-hub"' in answer.lower()
