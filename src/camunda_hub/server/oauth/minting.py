"""Minting JWT access tokens (RFC 9068) for an authenticated client."""

from __future__ import annotations

import base64
import functools
import json
import secrets
import time
from dataclasses import dataclass
from typing import Any

from jwt.algorithms import Algorithm, get_default_algorithms

from camunda_hub.server.clients.permissions import as_scope_values
from camunda_hub.server.clients.registry import ClientEntry
from camunda_hub.server.keys.keyring import ActiveSigningKey, Keyring

ORG_CLAIM = "https://camunda.com/orgId"
# Private claim: the client generation the token was minted under (rotation/permission changes
# bump it, which is how tokens minted before stop verifying even within one second).
GENERATION_CLAIM = "gen"


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
) -> MintedToken:
    key = keyring.signing
    if key is None:
        raise NoSigningKey("no signing key is loaded")
    now = int(time.time())
    scope_values = as_scope_values(permissions)
    claims: dict[str, Any] = {
        "iss": issuer,
        "sub": client.client_id,
        "aud": audience,
        "exp": now + lifetime,
        "iat": now,
        "nbf": now,
        "jti": secrets.token_urlsafe(16),
        "client_id": client.client_id,
        "scope": " ".join(scope_values),
        "permissions": {audience: scope_values},
        ORG_CLAIM: client.organization_id,
        GENERATION_CLAIM: client.generation,
    }
    return MintedToken(_compact_jws(key, claims), lifetime, claims["scope"])


@functools.cache
def _signer(alg: str) -> Algorithm:
    return get_default_algorithms()[alg]


@functools.cache
def _header_segment(kid: str, alg: str) -> bytes:
    header = {"alg": alg, "kid": kid, "typ": "at+jwt"}
    return _b64(json.dumps(header, separators=(",", ":")).encode())


def _b64(data: bytes) -> bytes:
    return base64.urlsafe_b64encode(data).rstrip(b"=")


def _compact_jws(key: ActiveSigningKey, claims: dict[str, Any]) -> str:
    """RFC 7515 compact serialisation, as ``jwt.encode`` makes it, minus its per-call header
    handling: the header of a key never changes, and this is the token endpoint's hot path.
    PyJWT's algorithm object still does the signing (including ECDSA's raw r||s form)."""
    signing_input = (
        _header_segment(key.kid, key.alg)
        + b"."
        + _b64(json.dumps(claims, separators=(",", ":")).encode())
    )
    signature = _signer(key.alg).sign(signing_input, key.private_key)
    return (signing_input + b"." + _b64(signature)).decode()
