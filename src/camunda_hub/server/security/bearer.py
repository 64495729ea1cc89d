"""Bearer-token verification for ``/api/v2`` (RFC 6750, RFC 9068 §4).

A token's signature and claims are checked once; the result is cached until the token expires,
so every later call costs a dictionary lookup plus the revocation check, which stays live: the
client must still exist and the token must be from its current generation."""

from __future__ import annotations

import time
from collections.abc import Container
from dataclasses import dataclass
from typing import Any, Protocol

import jwt

from camunda_hub.server.api_clients.registry import ClientRegistry
from camunda_hub.server.keys.keyring import Keyring
from camunda_hub.server.metrics import Metrics
from camunda_hub.server.security.principal import Principal
from camunda_hub.server.settings import Settings
from camunda_hub.server.token_claims import GENERATION_CLAIM, ORG_CLAIM

ACCEPTED_TYP = frozenset({"at+jwt", "application/at+jwt"})
# Far above any token we mint (~700 bytes); refusing longer ones bounds the parsing work an
# unauthenticated caller can ask for.
MAX_TOKEN_CHARS = 8192
# RFC 6750 §2.1 b64token: the only characters a bearer credential may contain.
_B64TOKEN = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/=")
CLIENT_EMAIL_DOMAIN = "clients.camunda-hub.local"


class BearerError(Exception):
    """A refused bearer token. ``error`` is the RFC 6750 code, or None when none was sent."""

    def __init__(self, error: str | None, description: str, status: int = 401) -> None:
        super().__init__(description)
        self.error = error
        self.description = description
        self.status = status


class UnknownKey(BearerError):
    """The token names a key this process does not know (yet: another process may have just
    rotated it, see ``BearerAuthentication``)."""

    def __init__(self) -> None:
        super().__init__("invalid_token", "the token is signed with an unknown key")


class UnknownClient(BearerError):
    """A token we signed names a client this process does not know: deleted, or created a
    moment ago through another process (see ``BearerAuthentication``)."""

    def __init__(self, client_id: str) -> None:
        super().__init__("invalid_token", "the client of this token no longer exists")
        self.client_id = client_id


@dataclass(frozen=True, slots=True)
class _Verified:
    principal: Principal
    exp: float
    generation: int
    # Tokens of a trusted external issuer: no client of ours to check for revocation.
    external: bool = False
    jti: str = ""
    # RFC 9449 cnf.jkt: the thumbprint of the key a DPoP-bound token is bound to.
    jkt: str | None = None


class ExternalTokens(Protocol):
    """A trusted external issuer (``security/external_idp.py``): claims its tokens by ``iss``."""

    def handles(self, token: str) -> bool: ...
    def verify(self, token: str) -> tuple[Principal, float]: ...


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
        external: ExternalTokens | None = None,
        revoked: Container[str] | None = None,
    ) -> None:
        self._issuer = issuer
        self._audiences = list(settings.audiences)
        self._leeway = settings.clock_skew
        self._keyring = keyring
        self._clients = clients
        self._metrics = metrics
        self._cache_size = settings.verified_token_cache_size
        self._cache: dict[str, _Verified] = {}
        self.external = external
        # jti values of tokens revoked by their clients (security/revoked_tokens.py).
        self.revoked: Container[str] = revoked if revoked is not None else frozenset()

    def verify_header(self, authorization: str | None) -> Principal:
        """Check an ``Authorization`` header value.

        No header or another scheme → 401 without an error code (RFC 6750 §3.1: the caller did
        not try bearer auth). A malformed bearer credential → 401 ``invalid_token`` rather than
        400 ``invalid_request``: it is a bad token, and clients react to 401 by fetching a new
        one, which is the useful reaction."""
        if not authorization:
            raise BearerError(None, "a bearer token is required")
        scheme, _, token = authorization.strip().partition(" ")
        if scheme.lower() != "bearer":
            raise BearerError(None, "a bearer token is required")
        token = token.strip()
        if not token:
            raise BearerError("invalid_token", "the bearer token is empty")
        if len(token) > MAX_TOKEN_CHARS:
            raise BearerError("invalid_token", "the bearer token is too long")
        return self.verify(token)

    def verify(
        self, token: str, proof_jkt: str | None = None, any_binding: bool = False
    ) -> Principal:
        """``proof_jkt``: the key thumbprint of the DPoP proof sent with the token (None for the
        Bearer scheme). ``any_binding``: skip that check (introspection, revocation)."""
        verified = self._cache.get(token)
        if verified is not None:
            self._metrics.verify_cache_hits += 1
            if verified.exp + self._leeway <= time.time():
                self._cache.pop(token, None)
                raise BearerError("invalid_token", "the token has expired")
        else:
            self._metrics.verify_cache_misses += 1
            if not _B64TOKEN.issuperset(token):
                raise BearerError("invalid_token", "the bearer token has characters a token cannot")
            verified = self._verify_signed(token)
            self._remember(token, verified)
        self._check_client(verified)
        if verified.jkt != proof_jkt and not any_binding:
            _refuse_binding(verified.jkt, proof_jkt)
        return verified.principal

    def _check_client(self, verified: _Verified) -> None:
        if verified.external:
            return
        if verified.jti in self.revoked:
            raise BearerError("invalid_token", "the token was revoked")
        client = self._clients.get(verified.principal.client_id)
        if client is None:
            raise UnknownClient(verified.principal.client_id)
        if verified.generation < client.min_token_generation:
            raise BearerError(
                "invalid_token", "the token was issued before the client's credentials changed"
            )

    def _remember(self, token: str, verified: _Verified) -> None:
        """Bounded: when full, the oldest entry goes (dicts keep insertion order, and tokens of
        one lifetime expire in roughly that order). O(1), so a burst of fresh tokens never
        makes a request scan the cache; expired entries also leave on their next lookup."""
        if self._cache_size <= 0:
            return
        while len(self._cache) >= self._cache_size:
            del self._cache[next(iter(self._cache))]
        self._cache[token] = verified

    @property
    def cached_tokens(self) -> int:
        return len(self._cache)

    def _verify_signed(self, token: str) -> _Verified:
        if self.external is not None and self.external.handles(token):
            principal, exp = self.external.verify(token)
            return _Verified(principal, exp, 0, external=True)
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError:
            raise BearerError("invalid_token", "the token is not a well-formed JWT") from None
        if str(header.get("typ", "")).lower() not in ACCEPTED_TYP:
            raise BearerError("invalid_token", "the token is not a JWT access token (typ at+jwt)")
        kid = header.get("kid")
        key = self._keyring.verification_key(kid) if isinstance(kid, str) else None
        if key is None:
            raise UnknownKey()
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
                # RFC 9068 §2.2: the claims every access token carries.
                options={"require": ["exp", "iat", "iss", "aud", "sub", "client_id", "jti"]},
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
        jti = claims["jti"] if isinstance(claims["jti"], str) else ""
        cnf = claims.get("cnf")
        jkt = cnf.get("jkt") if isinstance(cnf, dict) else None
        if cnf is not None and not isinstance(jkt, str):
            raise BearerError(
                "invalid_token", "the token is bound to something this API cannot check"
            )
        return _Verified(principal, float(claims["exp"]), generation, jti=jti, jkt=jkt)


def _refuse_binding(token_jkt: str | None, proof_jkt: str | None) -> None:
    if token_jkt is None:
        raise BearerError("invalid_token", "the token is not DPoP-bound: send it as Bearer")
    if proof_jkt is None:
        # RFC 9449 §7.2: a bound token presented as Bearer is a stolen token until proven not.
        raise BearerError("invalid_token", "the token is DPoP-bound: send it with a DPoP proof")
    raise BearerError(
        "invalid_dpop_proof", "the DPoP proof's key is not the one the token is bound to"
    )


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
