"""Token introspection (RFC 7662) and revocation (RFC 7009): ``POST /oauth/introspect`` for
resource servers other than ours, ``POST /oauth/revoke`` for a client done with its token.

Both authenticate the caller like the token endpoint does (client_secret_basic/post or
private_key_jwt), behind the same throttle: rate limits per address and per named client (each
endpoint its own counts, the token endpoint's limits) and the per-client lockout after failed
authentications, shared with the token endpoint so secrets cannot be guessed here instead. Introspection needs the ``introspect`` permission, which grants nothing on the
Hub API; it reports only tokens of the caller's own organization. Revocation works on the
caller's own tokens; for any other token, known or not, it answers 200 and does nothing, as
RFC 7009 §2.2 says (so it tells nobody which tokens exist)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import jwt
from sqlalchemy.exc import IntegrityError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from camunda_hub.server.api_clients.registry import ClientEntry, ClientRegistry
from camunda_hub.server.api_clients.secrets import matches
from camunda_hub.server.oauth import errors
from camunda_hub.server.oauth.admission import Refused, Ticket, TokenAdmission
from camunda_hub.server.oauth.client_authentication import (
    ClientAssertions,
    request_parts,
    uses_assertion,
)
from camunda_hub.server.oauth.minting import ORG_CLAIM
from camunda_hub.server.oauth.token_request import (
    TokenForm,
    TokenHeaders,
    basic_client_id,
    check_transport,
    parse_form,
    read_body,
)
from camunda_hub.server.security.bearer import MAX_TOKEN_CHARS, BearerError, BearerVerifier
from camunda_hub.server.security.revoked_tokens import RevokedTokens, record
from camunda_hub.server.settings import Settings
from camunda_hub.server.store.db import Database
from camunda_hub.server.store.schema.base import utcnow
from camunda_hub.server.throttle.ratelimit import TokenThrottle

INTROSPECT = "introspect"
_NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}
_INACTIVE = {"active": False}
# The claims an introspection answer repeats from the token (RFC 7662 §2.2).
_REPORTED = ("scope", "client_id", "exp", "iat", "sub", "aud", "iss", "cnf")


class TokenServices:
    def __init__(
        self,
        *,
        settings: Settings,
        issuer: str,
        clients: ClientRegistry,
        throttle: TokenThrottle,
        verifier: BearerVerifier,
        revoked_tokens: RevokedTokens,
        assertions: ClientAssertions,
        db: Callable[[], Database],
        pepper: Callable[[], bytes],
    ) -> None:
        """``db`` and ``pepper`` give the database and the client-secret pepper, known once
        the runtime started."""
        self.settings = settings
        self.issuer = issuer
        self.clients = clients
        self.verifier = verifier
        self.revoked_tokens = revoked_tokens
        self.assertions = assertions
        self.db = db
        self.pepper = pepper
        self.introspect_admission = TokenAdmission(throttle, clients, bucket="introspect-")
        self.revoke_admission = TokenAdmission(throttle, clients, bucket="revoke-")

    def routes(self) -> list[Route]:
        return [
            Route("/oauth/introspect", self.introspect, methods=["POST"]),
            Route("/oauth/revoke", self.revoke, methods=["POST"]),
        ]

    async def introspect(self, request: Request) -> Response:
        try:
            form, caller = await self._authenticated(request, self.introspect_admission)
        except errors.OAuthError as exc:
            return _error(exc, self.settings.realm)
        if INTROSPECT not in caller.permissions:
            return _error(
                errors.OAuthError("the client lacks the introspect permission"),
                self.settings.realm,
                error="unauthorized_client",
                status=403,
            )
        claims = self._valid_claims(form.params.get("token"))
        if claims is None or claims.get(ORG_CLAIM) != caller.organization_id:
            return JSONResponse(_INACTIVE, headers=_NO_STORE)
        answer: dict[str, Any] = {"active": True}
        answer.update({name: claims[name] for name in _REPORTED if name in claims})
        answer["token_type"] = "DPoP" if isinstance(claims.get("cnf"), dict) else "Bearer"
        return JSONResponse(answer, headers=_NO_STORE)

    async def revoke(self, request: Request) -> Response:
        try:
            form, caller = await self._authenticated(request, self.revoke_admission)
        except errors.OAuthError as exc:
            return _error(exc, self.settings.realm)
        claims = self._valid_claims(form.params.get("token"))
        if claims is not None and claims.get("client_id") == caller.client_id:
            jti, expires = claims["jti"], float(claims["exp"])
            try:
                async with self.db().transaction() as session:
                    await record(session, jti, caller.client_id, expires)
            except IntegrityError:
                pass  # revoked by a concurrent request a moment ago: done either way
            # At once here; the other processes within their sync interval.
            self.revoked_tokens.add(jti, expires)
        return Response(status_code=200, headers=_NO_STORE)

    async def _authenticated(
        self, request: Request, admission: TokenAdmission
    ) -> tuple[TokenForm, ClientEntry]:
        """The form and the authenticated caller, once the throttle let the request through. A
        malformed request is throttled too (by its address, and by the client it names)."""
        max_bytes = self.settings.token_body_bytes
        headers = TokenHeaders.of(request.scope["headers"])
        form: TokenForm | None = None
        problem: errors.OAuthError | None = None
        try:
            check_transport(request.scope.get("query_string", b""), headers, max_bytes)
            form = parse_form(await read_body(request.receive, max_bytes))
        except errors.OAuthError as exc:
            problem = exc
        named = basic_client_id(headers.authorization) or (form.client_id if form else None)
        peer = request.scope.get("client")
        ticket = await admission.admit(named, peer[0] if peer else None)
        if problem is not None or form is None:
            raise problem or errors.InvalidRequest("the request could not be read")
        if not form.params.get("token"):
            raise errors.InvalidRequest("the token parameter is missing")
        return form, await self._caller(request, form, ticket, admission)

    async def _caller(
        self, request: Request, form: TokenForm, ticket: Ticket, admission: TokenAdmission
    ) -> ClientEntry:
        # The token itself is not a credential here: only client_id/secret/assertion count.
        req = request_parts(request.headers.get("authorization"), form)
        client = self.clients.get(req.client_id)
        if client is not None:
            if uses_assertion(req):
                if await self.assertions.verified(client, req.params["client_assertion"]):
                    await admission.authenticated(ticket)
                    return client
            elif _secret_matches(self.pepper(), client, req.client_secret or ""):
                await admission.authenticated(ticket)
                return client
        await admission.refused_secret(ticket)
        raise errors.InvalidClient("client authentication failed")

    def _valid_claims(self, token: str | None) -> dict[str, Any] | None:
        """The claims of a token this issuer minted and still honours, else None."""
        if not token or len(token) > MAX_TOKEN_CHARS:
            return None
        try:
            self.verifier.verify(token, any_binding=True)
            claims: dict[str, Any] = jwt.decode(token, options={"verify_signature": False})
        except (BearerError, jwt.PyJWTError):
            return None
        # A trusted external issuer's token verifies too, but is not ours to describe.
        if claims.get("iss") != self.issuer or not isinstance(claims.get("jti"), str):
            return None
        if float(claims.get("exp", 0)) <= time.time():
            return None
        return claims


def _secret_matches(pepper: bytes, client: ClientEntry, secret: str) -> bool:
    if matches(pepper, secret, client.secret_hash):
        return True
    return (
        client.previous_secret_expires is not None
        and client.previous_secret_expires > utcnow()
        and matches(pepper, secret, client.previous_secret_hash)
    )


def _error(
    exc: errors.OAuthError, realm: str, *, error: str | None = None, status: int | None = None
) -> Response:
    headers = dict(_NO_STORE)
    if isinstance(exc, errors.InvalidClient):
        headers["WWW-Authenticate"] = f'Basic realm="{realm}"'
    if isinstance(exc, Refused):
        headers["Retry-After"] = str(exc.retry_after)
    return JSONResponse(
        {"error": error or exc.error, "error_description": exc.description},
        status_code=status or exc.status,
        headers=headers,
    )
