"""Token introspection (RFC 7662) and revocation (RFC 7009): ``POST /oauth/introspect`` for
resource servers other than ours, ``POST /oauth/revoke`` for a client done with its token.

Both authenticate the caller like the token endpoint does (client_secret_basic/post or
private_key_jwt). Introspection needs the ``introspect`` permission, which grants nothing on the
Hub API; it reports only tokens of the caller's own organization. Revocation works on the
caller's own tokens; for any other token, known or not, it answers 200 and does nothing, as
RFC 7009 §2.2 says (so it tells nobody which tokens exist)."""

from __future__ import annotations

import time
from typing import Any

import jwt
from sqlalchemy.exc import IntegrityError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from camunda_hub.server.clients.registry import ClientEntry
from camunda_hub.server.clients.secrets import matches
from camunda_hub.server.oauth import errors
from camunda_hub.server.oauth.client_authentication import (
    ClientAssertions,
    request_parts,
    uses_assertion,
)
from camunda_hub.server.oauth.minting import ORG_CLAIM
from camunda_hub.server.oauth.token_request import (
    TokenForm,
    TokenHeaders,
    check_transport,
    parse_form,
    read_body,
)
from camunda_hub.server.runtime import Runtime
from camunda_hub.server.security.bearer import MAX_TOKEN_CHARS, BearerError
from camunda_hub.server.security.revoked_tokens import record
from camunda_hub.server.store.schema.base import utcnow

INTROSPECT = "introspect"
_NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}
_INACTIVE = {"active": False}
# The claims an introspection answer repeats from the token (RFC 7662 §2.2).
_REPORTED = ("scope", "client_id", "exp", "iat", "sub", "aud", "iss", "cnf")


class TokenServices:
    def __init__(self, runtime: Runtime, assertions: ClientAssertions) -> None:
        self.runtime = runtime
        self.assertions = assertions

    def routes(self) -> list[Route]:
        return [
            Route("/oauth/introspect", self.introspect, methods=["POST"]),
            Route("/oauth/revoke", self.revoke, methods=["POST"]),
        ]

    async def introspect(self, request: Request) -> Response:
        try:
            form = await self._form(request)
            caller = await self._caller(request, form)
        except errors.OAuthError as exc:
            return _error(exc, self.runtime.settings.realm)
        if INTROSPECT not in caller.permissions:
            return _error(
                errors.OAuthError("the client lacks the introspect permission"),
                self.runtime.settings.realm,
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
            form = await self._form(request)
            caller = await self._caller(request, form)
        except errors.OAuthError as exc:
            return _error(exc, self.runtime.settings.realm)
        claims = self._valid_claims(form.params.get("token"))
        if claims is not None and claims.get("client_id") == caller.client_id:
            jti, expires = claims["jti"], float(claims["exp"])
            runtime = self.runtime
            try:
                async with runtime.db.transaction() as session:
                    await record(session, jti, caller.client_id, expires)
            except IntegrityError:
                pass  # revoked by a concurrent request a moment ago: done either way
            # At once here; the other processes within their sync interval.
            runtime.revoked_tokens.add(jti, expires)
        return Response(status_code=200, headers=_NO_STORE)

    async def _form(self, request: Request) -> TokenForm:
        max_bytes = self.runtime.settings.token_body_bytes
        headers = TokenHeaders.of(request.scope["headers"])
        check_transport(request.scope.get("query_string", b""), headers, max_bytes)
        form = parse_form(await read_body(request.receive, max_bytes))
        if not form.params.get("token"):
            raise errors.InvalidRequest("the token parameter is missing")
        return form

    async def _caller(self, request: Request, form: TokenForm) -> ClientEntry:
        # The token itself is not a credential here: only client_id/secret/assertion count.
        req = request_parts(request.headers.get("authorization"), form)
        runtime = self.runtime
        client = runtime.clients.get(req.client_id)
        if client is not None:
            if uses_assertion(req):
                if await self.assertions.verified(client, req.params["client_assertion"]):
                    return client
            elif _secret_matches(runtime, client, req.client_secret or ""):
                return client
        raise errors.InvalidClient("client authentication failed")

    def _valid_claims(self, token: str | None) -> dict[str, Any] | None:
        """The claims of a token this issuer minted and still honours, else None."""
        if not token or len(token) > MAX_TOKEN_CHARS:
            return None
        try:
            self.runtime.verifier.verify(token, any_binding=True)
            claims: dict[str, Any] = jwt.decode(token, options={"verify_signature": False})
        except (BearerError, jwt.PyJWTError):
            return None
        # A trusted external issuer's token verifies too, but is not ours to describe.
        if claims.get("iss") != self.runtime.issuer or not isinstance(claims.get("jti"), str):
            return None
        if float(claims.get("exp", 0)) <= time.time():
            return None
        return claims


def _secret_matches(runtime: Runtime, client: ClientEntry, secret: str) -> bool:
    pepper = runtime.pepper
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
    return JSONResponse(
        {"error": error or exc.error, "error_description": exc.description},
        status_code=status or exc.status,
        headers=headers,
    )
