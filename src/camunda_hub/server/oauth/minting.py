"""Minting JWT access tokens (RFC 9068) for an authenticated client."""

from __future__ import annotations

import base64
import functools
import json
import time
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from jwt.algorithms import Algorithm, get_default_algorithms

from camunda_hub.server.api_clients.permissions import as_scope_values
from camunda_hub.server.api_clients.registry import ClientEntry
from camunda_hub.server.keys.keyring import ActiveSigningKey, Keyring
from camunda_hub.server.random_ids import RandomBlocks
from camunda_hub.server.token_claims import GENERATION_CLAIM, ORG_CLAIM


class NoSigningKey(RuntimeError):
    pass


@dataclass(frozen=True, repr=False)
class MintedToken:
    access_token: str
    expires_in: int
    scope: str


def mint(
    *,
    keyring: Keyring,
    issuer: str,
    client: ClientEntry,
    audience: str,
    permissions: list[str],
    lifetime: int,
    confirmation_jkt: str | None = None,
) -> MintedToken:
    key = keyring.signing
    if key is None:
        raise NoSigningKey("no signing key is loaded")
    now = int(time.time())
    scope, fixed = _fixed_claims(
        issuer,
        client.client_id,
        client.organization_id,
        client.generation,
        audience,
        tuple(permissions),
    )
    # The claims that change per token, appended to the cached JSON of those that do not: ints
    # and a base64url jti need no JSON escaping.
    claims = f'{fixed},"exp":{now + lifetime},"iat":{now},"nbf":{now},"jti":"{_jtis.urlsafe()}"}}'
    if confirmation_jkt is not None:
        # RFC 9449 §6.1; a thumbprint is base64url, no escaping needed.
        claims = f'{claims[:-1]},"cnf":{{"jkt":"{confirmation_jkt}"}}}}'
    return MintedToken(_compact_jws(key, claims.encode()), lifetime, scope)


# 128-bit token ids (RFC 7519 §4.1.7: unique, collision-free in practice).
_jtis = RandomBlocks(16)


@functools.lru_cache(maxsize=4096)
def _fixed_claims(
    issuer: str,
    client_id: str,
    organization_id: str,
    generation: int,
    audience: str,
    permissions: tuple[str, ...],
) -> tuple[str, str]:
    """The scope and the JSON object of the claims that stay the same for every token a client
    gets for an audience (without its closing brace). Keyed by everything they are made of, so
    a permission change or a rotation (new generation) makes a new entry, never a stale one."""
    scope_values = as_scope_values(permissions)
    scope = " ".join(scope_values)
    fixed: dict[str, Any] = {
        "iss": issuer,
        "sub": client_id,
        "aud": audience,
        "client_id": client_id,
        "scope": scope,
        "permissions": {audience: scope_values},
        ORG_CLAIM: organization_id,
        GENERATION_CLAIM: generation,
    }
    return scope, json.dumps(fixed, separators=(",", ":"))[:-1]


@functools.cache
def _signer(alg: str) -> Algorithm:
    return get_default_algorithms()[alg]


_ES256 = ec.ECDSA(hashes.SHA256())


def _sign(key: ActiveSigningKey, data: bytes) -> bytes:
    private = key.private_key
    if key.alg == "ES256" and isinstance(private, ec.EllipticCurvePrivateKey):
        # RFC 7518 §3.4: r || s, each 32 bytes big-endian. PyJWT's conversion of the DER form
        # was a tenth of the signing time; ints convert themselves faster.
        r, s = decode_dss_signature(private.sign(data, _ES256))
        return r.to_bytes(32, "big") + s.to_bytes(32, "big")
    return _signer(key.alg).sign(data, private)


@functools.cache
def _header_segment(kid: str, alg: str) -> bytes:
    header = {"alg": alg, "kid": kid, "typ": "at+jwt"}
    return _b64(json.dumps(header, separators=(",", ":")).encode())


def _b64(data: bytes) -> bytes:
    return base64.urlsafe_b64encode(data).rstrip(b"=")


def _compact_jws(key: ActiveSigningKey, claims: bytes) -> str:
    """RFC 7515 compact serialisation, as ``jwt.encode`` makes it, minus its per-call header
    handling: the header of a key never changes, and this is the token endpoint's hot path.
    PyJWT's algorithm objects sign, except for ES256 (see ``_sign``)."""
    signing_input = _header_segment(key.kid, key.alg) + b"." + _b64(claims)
    signature = _sign(key, signing_input)
    return (signing_input + b"." + _b64(signature)).decode()
