"""Minting JWT access tokens (RFC 9068) for an authenticated client."""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from typing import Any

import jwt

from camunda_hub.server.clients.permissions import as_scope_values
from camunda_hub.server.clients.registry import ClientEntry
from camunda_hub.server.keys.keyring import Keyring

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
    token = jwt.encode(
        claims, key.private_key, algorithm=key.alg, headers={"typ": "at+jwt", "kid": key.kid}
    )
    return MintedToken(token, lifetime, claims["scope"])
