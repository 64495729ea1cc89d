"""Client authentication by a signed JWT (``private_key_jwt``: RFC 7523 §2.2 and §3, OpenID
Connect Core §9), beside the secret methods of oauth/token_request.py.

The token endpoint hands a request over here when it carries ``client_assertion``. Every
refusal is the same ``invalid_client`` (RFC 6749 §5.2): which check failed — unknown client,
wrong key, audience, expiry, replay — is nothing a caller needs, and would help a forger."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import jwt

from camunda_hub.server.api_clients.public_keys import RegisteredKey
from camunda_hub.server.api_clients.registry import ClientEntry, ClientRegistry
from camunda_hub.server.api_clients.remote_jwks import RemoteJwks
from camunda_hub.server.oauth import errors
from camunda_hub.server.oauth.admission import Ticket, TokenAdmission
from camunda_hub.server.oauth.assertion_replay import UsedAssertions
from camunda_hub.server.oauth.token_request import TokenForm, TokenRequest, authenticate_parts
from camunda_hub.server.settings import Settings
from camunda_hub.server.store.db import Database

ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
METHOD = "private_key_jwt"
# An assertion is made for one request; one valid for long is a bearer credential (and keeps
# its jti in the replay table for as long).
MAX_LIFETIME_SECONDS = 300
_MAX_ASSERTION_BYTES = 8 * 1024
_MAX_JTI_CHARS = 255
_REFUSED = "client authentication failed"


def uses_assertion(req: TokenRequest) -> bool:
    return req.client_secret is None and "client_assertion" in req.params


def request_parts(authorization: str | None, form: TokenForm) -> TokenRequest:
    """Who the request claims to be: by assertion here, by secret in token_request.py."""
    params = form.params
    if "client_assertion" not in params and "client_assertion_type" not in params:
        return authenticate_parts(authorization, form)
    if params.get("client_assertion_type") != ASSERTION_TYPE:
        raise errors.InvalidClient(f"the client_assertion_type must be {ASSERTION_TYPE}")
    assertion = params.get("client_assertion")
    if assertion is None:
        raise errors.InvalidRequest("the client_assertion parameter is missing")
    if authorization is not None or "client_secret" in params:
        raise errors.InvalidRequest("use one client authentication method, not two")
    # RFC 7523 §3: client_id is optional; the assertion's sub names the client.
    client_id = params.get("client_id") or _claimed_subject(assertion)
    if client_id is None:
        raise errors.InvalidClient(_REFUSED)
    return TokenRequest(params, form.resources, client_id, None)


class ClientAssertions:
    def __init__(
        self,
        *,
        settings: Settings,
        issuer: str,
        clients: ClientRegistry,
        db: Callable[[], Database],
    ) -> None:
        """``db`` gives the database, open once the runtime started."""
        self.clients = clients
        self.settings = settings
        self.used = UsedAssertions(db)
        self.remote_keys = RemoteJwks(settings)
        # RFC 7523 §3 item 3 names the token endpoint; OpenID Connect and FAPI also accept the
        # issuer. Both identify this server.
        self.audiences = [f"{issuer}/oauth/token", issuer]

    async def authenticate(
        self, req: TokenRequest, ticket: Ticket, admission: TokenAdmission
    ) -> ClientEntry:
        client = self.clients.get(req.client_id)
        if client is not None and await self.verified(client, req.params["client_assertion"]):
            await admission.authenticated(ticket)
            return client
        await admission.refused_secret(ticket)
        raise errors.InvalidClient(_REFUSED)

    async def verified(self, client: ClientEntry, assertion: str) -> bool:
        """Whether ``assertion`` authenticates ``client`` (and is now used up)."""
        claims = await self._claims(client, assertion)
        if claims is None:
            return False
        skew = self.settings.clock_skew
        expires = claims["exp"]
        if expires > time.time() + MAX_LIFETIME_SECONDS + skew:
            return False
        jti = claims["jti"]
        if not isinstance(jti, str) or not jti or len(jti) > _MAX_JTI_CHARS:
            return False
        keep_until = datetime.fromtimestamp(math.ceil(expires) + skew, UTC)
        return await self.used.first_use(client.client_id, jti, keep_until)

    async def _claims(self, client: ClientEntry, assertion: str) -> dict[str, Any] | None:
        if (not client.keys and client.jwks_url is None) or len(assertion) > _MAX_ASSERTION_BYTES:
            return None
        try:
            header = jwt.get_unverified_header(assertion)
        except jwt.PyJWTError:
            return None
        alg = header.get("alg")
        kid = header.get("kid")
        if kid is not None and not isinstance(kid, str):
            return None
        keys: tuple[RegisteredKey, ...] = client.keys
        if client.jwks_url is not None:
            keys = keys + await self.remote_keys.keys(client.client_id, client.jwks_url, kid)
        # The algorithm is the key's, never the header's choice: "none" or HS256 match no key.
        candidates = [key for key in keys if key.alg == alg and (kid is None or key.kid == kid)]
        for key in candidates:
            try:
                claims: dict[str, Any] = jwt.decode(
                    assertion,
                    key.key,
                    algorithms=[key.alg],
                    audience=self.audiences,
                    issuer=client.client_id,
                    leeway=self.settings.clock_skew,
                    options={"require": ["exp", "iss", "sub", "aud", "jti"]},
                )
            except jwt.PyJWTError:
                continue
            if claims.get("sub") != client.client_id:
                return None
            if not isinstance(claims.get("exp"), int | float):
                return None
            return claims
        return None


def _claimed_subject(assertion: str) -> str | None:
    try:
        claims = jwt.decode(assertion, options={"verify_signature": False})
    except jwt.PyJWTError:
        return None
    subject = claims.get("sub")
    return subject if isinstance(subject, str) and 0 < len(subject) <= 255 else None
