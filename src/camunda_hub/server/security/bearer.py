"""Bearer-token verification for ``/api/v2`` (RFC 6750, RFC 9068 §4).

A token's signature and claims are checked once; the result is cached until the token expires,
so every later call costs a dictionary lookup plus the revocation check, which stays live: the
client must still exist and the token must be from its current generation."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import jwt

from camunda_hub.server.clients.registry import ClientRegistry
from camunda_hub.server.keys.keyring import Keyring
from camunda_hub.server.metrics import Metrics
from camunda_hub.server.oauth.minting import GENERATION_CLAIM, ORG_CLAIM
from camunda_hub.server.security.principal import Principal
from camunda_hub.server.settings import Settings

ACCEPTED_TYP = frozenset({"at+jwt", "application/at+jwt"})
CLIENT_EMAIL_DOMAIN = "clients.camunda-hub.local"


class BearerError(Exception):
    """A refused bearer token. ``error`` is the RFC 6750 code, or None when none was sent."""

    def __init__(self, error: str | None, description: str, status: int = 401) -> None:
        super().__init__(description)
        self.error = error
        self.description = description
        self.status = status


@dataclass(frozen=True, slots=True)
class _Verified:
    principal: Principal
    exp: float
    generation: int


def client_email(client_id: str) -> str:
    return f"{client_id}@{CLIENT_EMAIL_DOMAIN}"


class BearerVerifier:
    def __init__(
        self,
        settings: Settings,
        issuer: str,
        keyring: Keyring,
        clients: ClientRegistry,
        metrics: Metrics,
    ) -> None:
        self._issuer = issuer
        self._audiences = list(settings.audiences)
        self._leeway = settings.clock_skew
        self._keyring = keyring
        self._clients = clients
        self._metrics = metrics
        self._cache_size = settings.verified_token_cache_size
        self._cache: dict[str, _Verified] = {}

    def verify_header(self, authorization: str | None) -> Principal:
        if not authorization:
            raise BearerError(None, "a bearer token is required")
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer":
            raise BearerError(None, "a bearer token is required")
        token = token.strip()
        if not token:
            raise BearerError("invalid_token", "the bearer token is empty")
        return self.verify(token)

    def verify(self, token: str) -> Principal:
        verified = self._cache.get(token)
        if verified is not None:
            self._metrics.verify_cache_hits += 1
            if verified.exp + self._leeway <= time.time():
                self._cache.pop(token, None)
                raise BearerError("invalid_token", "the token has expired")
        else:
            self._metrics.verify_cache_misses += 1
            verified = self._verify_signed(token)
            self._remember(token, verified)
        self._check_client(verified)
        return verified.principal

    def _check_client(self, verified: _Verified) -> None:
        client = self._clients.get(verified.principal.client_id)
        if client is None:
            raise BearerError("invalid_token", "the client of this token no longer exists")
        if verified.generation < client.min_token_generation:
            raise BearerError(
                "invalid_token", "the token was issued before the client's credentials changed"
            )

    def _remember(self, token: str, verified: _Verified) -> None:
        if self._cache_size <= 0:
            return
        if len(self._cache) >= self._cache_size:
            now = time.time()
            expired = [key for key, value in self._cache.items() if value.exp + self._leeway <= now]
            for key in expired:
                del self._cache[key]
            while len(self._cache) >= self._cache_size:
                # Oldest first: dicts keep insertion order.
                del self._cache[next(iter(self._cache))]
        self._cache[token] = verified

    def _verify_signed(self, token: str) -> _Verified:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError:
            raise BearerError("invalid_token", "the token is not a well-formed JWT") from None
        if str(header.get("typ", "")).lower() not in ACCEPTED_TYP:
            raise BearerError("invalid_token", "the token is not a JWT access token (typ at+jwt)")
        kid = header.get("kid")
        key = self._keyring.verification_key(kid) if isinstance(kid, str) else None
        if key is None:
            raise BearerError("invalid_token", "the token is signed with an unknown key")
        if header.get("alg") != key.alg:
            # The algorithm comes from our key, never from the token: no alg confusion.
            raise BearerError("invalid_token", "the token's algorithm does not match its key")
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                key.public_key,
                algorithms=[key.alg],
                audience=self._audiences,
                issuer=self._issuer,
                leeway=self._leeway,
                options={"require": ["exp", "iat", "iss", "aud", "sub", "client_id"]},
            )
        except jwt.ExpiredSignatureError:
            raise BearerError("invalid_token", "the token has expired") from None
        except jwt.ImmatureSignatureError:
            raise BearerError("invalid_token", "the token is not valid yet") from None
        except jwt.InvalidAudienceError:
            raise BearerError(
                "invalid_token", "the token is not meant for this API (aud)"
            ) from None
        except jwt.InvalidIssuerError:
            raise BearerError("invalid_token", "the token was issued by another issuer") from None
        except jwt.InvalidSignatureError:
            raise BearerError("invalid_token", "the token signature is invalid") from None
        except jwt.MissingRequiredClaimError as exc:
            raise BearerError("invalid_token", f"the token lacks the {exc.claim!r} claim") from None
        except jwt.PyJWTError:
            raise BearerError("invalid_token", "the token is invalid") from None
        return self._principal(claims)

    def _principal(self, claims: dict[str, Any]) -> _Verified:
        client_id = claims["client_id"]
        organization = claims.get(ORG_CLAIM)
        generation = claims.get(GENERATION_CLAIM)
        if not isinstance(client_id, str) or claims["sub"] != client_id:
            raise BearerError("invalid_token", "the token's subject is not its client")
        if not isinstance(organization, str) or not isinstance(generation, int):
            raise BearerError("invalid_token", "the token lacks its organization or generation")
        permissions = _permissions(claims)
        client = self._clients.get(client_id)
        name = client.name if client is not None else client_id
        principal = Principal(
            client_id=client_id,
            organization_id=organization,
            permissions=permissions,
            name=name,
            email=client_email(client_id),
        )
        return _Verified(principal, float(claims["exp"]), generation)


def _permissions(claims: dict[str, Any]) -> frozenset[str]:
    audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
    granted = claims.get("permissions")
    values: list[str] = []
    if isinstance(granted, dict):
        for audience in audiences:
            entry = granted.get(audience)
            if isinstance(entry, list):
                values += [v for v in entry if isinstance(v, str)]
    return frozenset(value.removesuffix(":*") for value in values)
