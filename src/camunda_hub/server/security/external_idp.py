"""Trusting an external identity provider (Keycloak, Entra ID, Okta, another camunda-hub).

Its signing keys come from its discovery document's ``jwks_uri``, fetched with httpx, kept in
memory and fetched again when a token names a key we do not know (the IdP rotated), at most
once every few seconds so forged ``kid`` values cannot make us hammer the IdP. The fetch is
async and happens in a middleware before the (synchronous) bearer check, which then only
looks keys up.

Hub API permissions come from a configurable claim, Camunda's ``permissions.{audience}`` by
default; tokens act in the configured organization (by default the deployment's first)."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from typing import Any

import jwt
from sqlalchemy import select
from starlette.types import ASGIApp, Receive, Scope, Send

from camunda_hub.server.security.bearer import BearerError
from camunda_hub.server.security.principal import Principal
from camunda_hub.server.settings import Settings
from camunda_hub.server.store.db import Database
from camunda_hub.server.store.schema.identity import Organization

log = logging.getLogger("camunda_hub.external_idp")

HUB_PERMISSIONS = frozenset({"create", "read", "update", "delete"})
# Asymmetric algorithms only: an IdP's public keys must never be usable as HMAC secrets.
ALLOWED_ALGS = frozenset(
    {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"}
)
MIN_REFRESH_SECONDS = 5.0
FETCH_TIMEOUT_SECONDS = 5.0


class ExternalIdpError(Exception):
    pass


def claim_path(template: str, audience: str) -> list[str]:
    # Split before substituting: audiences contain dots (``api.cloud.camunda.io``).
    return [part.replace("{audience}", audience) for part in template.split(".")]


def permissions_from(claims: dict[str, Any], path: list[str]) -> frozenset[str]:
    value: Any = claims
    for part in path:
        if not isinstance(value, dict):
            return frozenset()
        value = value.get(part)
    items = value.split() if isinstance(value, str) else value
    if not isinstance(items, list):
        return frozenset()
    names = {item.removesuffix(":*") for item in items if isinstance(item, str)}
    return frozenset(names & HUB_PERMISSIONS)


class ExternalIssuer:
    def __init__(self, settings: Settings, db: Callable[[], Database]) -> None:
        if not settings.external_issuer:
            raise ValueError("no external issuer configured")
        self.issuer = settings.external_issuer.rstrip("/")
        self.audience = settings.external_audience or settings.default_audience
        self._path = claim_path(settings.external_permissions_claim, self.audience)
        self._leeway = settings.clock_skew
        self._organization = settings.external_organization
        self._db = db
        self._keys: dict[str, jwt.PyJWK] = {}
        self._last_fetch = 0.0
        self._lock = asyncio.Lock()

    # -- called by the bearer check (synchronous, in-memory only) ------------------------
    def handles(self, token: str) -> bool:
        try:
            claims = jwt.decode(token, options={"verify_signature": False})
        except jwt.PyJWTError:
            return False
        return isinstance(claims, dict) and str(claims.get("iss", "")).rstrip("/") == self.issuer

    def verify(self, token: str) -> tuple[Principal, float]:
        # Loaded on first use, not with the server: httpx is ~2 % of its start.
        import httpx

        header = jwt.get_unverified_header(token)
        kid = header.get("kid")
        key = self._keys.get(kid) if isinstance(kid, str) else None
        if key is None:
            raise BearerError(
                "invalid_token", "the token is signed with a key its issuer does not publish"
            )
        alg = header.get("alg")
        if alg not in ALLOWED_ALGS or (key.algorithm_name and alg != key.algorithm_name):
            raise BearerError("invalid_token", "the token's algorithm does not match its key")
        if self._organization is None:
            raise BearerError(
                "invalid_token", "no organization is configured for the external issuer"
            )
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                key.key,
                algorithms=[str(alg)],
                audience=self.audience,
                issuer=self.issuer,
                leeway=self._leeway,
                options={"require": ["exp", "iss", "aud", "sub"]},
            )
        except jwt.ExpiredSignatureError:
            raise BearerError("invalid_token", "the token has expired") from None
        except jwt.InvalidAudienceError:
            raise BearerError(
                "invalid_token", "the token is not meant for this API (aud)"
            ) from None
        except jwt.PyJWTError:
            raise BearerError("invalid_token", "the token is invalid") from None
        subject = str(claims.get("client_id") or claims.get("azp") or claims["sub"])
        principal = Principal(
            client_id=subject,
            organization_id=self._organization,
            permissions=permissions_from(claims, self._path),
            name=str(claims.get("name") or claims.get("preferred_username") or subject),
            email=str(claims.get("email") or f"{subject}@{httpx.URL(self.issuer).host}"),
        )
        return principal, float(claims["exp"])

    # -- async key management ------------------------------------------------------------
    def wants_keys_for(self, token: str) -> bool:
        if time.monotonic() - self._last_fetch < MIN_REFRESH_SECONDS:
            return False
        try:
            kid = jwt.get_unverified_header(token).get("kid")
        except jwt.PyJWTError:
            return False
        return (not isinstance(kid, str) or kid not in self._keys) and self.handles(token)

    async def refresh(self) -> None:
        import httpx

        async with self._lock:
            if time.monotonic() - self._last_fetch < MIN_REFRESH_SECONDS:
                return  # another request fetched them while we waited
            self._last_fetch = time.monotonic()
            if self._organization is None:
                try:
                    self._organization = await self._default_organization()
                except Exception as exc:  # the database is down: try again on a later token
                    log.warning("could not read the default organization: %s", type(exc).__name__)
            try:
                self._keys = await self._fetch_keys()
            except (httpx.HTTPError, ValueError, jwt.PyJWTError, ExternalIdpError) as exc:
                log.warning("could not fetch the keys of %s: %s", self.issuer, exc)

    async def _default_organization(self) -> str | None:
        db = self._db()
        async with db.session() as session:
            return await session.scalar(
                select(Organization.id).order_by(Organization.created).limit(1)
            )

    async def _fetch_keys(self) -> dict[str, jwt.PyJWK]:
        import httpx

        async with httpx.AsyncClient(timeout=FETCH_TIMEOUT_SECONDS) as client:
            discovery = await client.get(f"{self.issuer}/.well-known/openid-configuration")
            discovery.raise_for_status()
            document = discovery.json()
            if str(document.get("issuer", "")).rstrip("/") != self.issuer:
                raise ExternalIdpError("the discovery document names another issuer")
            jwks_uri = document.get("jwks_uri")
            if not isinstance(jwks_uri, str):
                raise ExternalIdpError("the discovery document has no jwks_uri")
            response = await client.get(jwks_uri)
            response.raise_for_status()
        keys: dict[str, jwt.PyJWK] = {}
        for entry in response.json().get("keys", []):
            if not isinstance(entry, dict) or entry.get("use", "sig") != "sig":
                continue
            try:
                key = jwt.PyJWK(entry)
            except jwt.PyJWTError:
                continue  # a key type we cannot use; the others still count
            if isinstance(entry.get("kid"), str):
                keys[entry["kid"]] = key
        log.info("loaded %d signing keys of %s", len(keys), self.issuer)
        return keys


class ExternalKeysMiddleware:
    """Before a bearer check on ``/api/v2``: fetch the IdP's keys when its token names an
    unknown one (first use, or the IdP rotated)."""

    def __init__(self, app: ASGIApp, issuer: ExternalIssuer) -> None:
        self.app = app
        self.issuer = issuer

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith("/api/v2"):
            for name, value in scope["headers"]:
                if name == b"authorization" and value[:7].lower() == b"bearer ":
                    token = value[7:].decode("latin-1").strip()
                    if self.issuer.wants_keys_for(token):
                        await self.issuer.refresh()
                    break
        await self.app(scope, receive, send)
