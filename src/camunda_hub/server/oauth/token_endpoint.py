"""``POST /oauth/token``: the client-credentials grant (RFC 6749 §4.4).

A plain Starlette endpoint (no FastAPI dependency machinery): it is the hottest path of the
issuer, and everything it needs is in memory."""

from __future__ import annotations

import logging

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from camunda_hub.server.clients import permissions as perms
from camunda_hub.server.clients.secrets import matches
from camunda_hub.server.oauth import errors
from camunda_hub.server.oauth.errors import NO_STORE, OAuthError
from camunda_hub.server.oauth.minting import mint
from camunda_hub.server.oauth.token_request import TokenRequest, authenticate_parts, read_form
from camunda_hub.server.runtime import Runtime
from camunda_hub.server.store.schema.base import utcnow

log = logging.getLogger("camunda_hub.oauth")

GRANT = "client_credentials"


async def token_endpoint(request: Request) -> Response:
    runtime: Runtime = request.app.state.runtime
    client_id = None
    try:
        params = await read_form(request, runtime.settings.token_body_bytes)
        token_request = authenticate_parts(request, params)
        client_id = token_request.client_id
        return _issue(runtime, token_request)
    except OAuthError as exc:
        runtime.metrics.token_failure(client_id, exc.error)
        log.info("token request refused: %s (client_id=%r)", exc.error, client_id)
        return exc.response()


def _issue(runtime: Runtime, req: TokenRequest) -> Response:
    params = req.params
    client = runtime.clients.get(req.client_id)
    secret = req.client_secret or ""
    pepper = runtime.pepper
    authenticated = client is not None and (
        matches(pepper, secret, client.secret_hash)
        or (
            client.previous_secret_expires is not None
            and client.previous_secret_expires > utcnow()
            and matches(pepper, secret, client.previous_secret_hash)
        )
    )
    if client is None or not authenticated:
        if client is None:
            # Same work as a known client, so timing does not tell which ids exist.
            matches(pepper, secret, "0" * 64)
        challenge = {"WWW-Authenticate": 'Basic realm="oauth"'} if req.used_basic else None
        raise errors.InvalidClient("client authentication failed", headers=challenge)

    grant_type = params.get("grant_type")
    if not grant_type:
        raise errors.InvalidRequest("the grant_type parameter is missing")
    if grant_type != GRANT:
        raise errors.UnsupportedGrantType(f"only the {GRANT} grant is supported")

    audience = _audience(runtime, params)
    granted = _granted_permissions(client.permissions, params.get("scope"))
    token = mint(
        keyring=runtime.keyring,
        issuer=runtime.issuer,
        client=client,
        audience=audience,
        permissions=granted,
        lifetime=runtime.settings.token_lifetime,
    )
    runtime.usage.token_issued(client.client_id)
    runtime.metrics.token_issued(client.client_id)
    return JSONResponse(
        {
            "access_token": token.access_token,
            "expires_in": token.expires_in,
            "refresh_expires_in": 0,
            "token_type": "Bearer",
            "not-before-policy": 0,
            "scope": token.scope,
        },
        headers=NO_STORE,
    )


def _audience(runtime: Runtime, params: dict[str, str]) -> str:
    audience = params.get("audience")
    resource = params.get("resource")
    if audience is not None and resource is not None and audience != resource:
        raise errors.InvalidRequest("audience and resource name different targets")
    target = audience if audience is not None else resource
    if target is None or target == "":
        if target == "":
            raise errors.InvalidRequest("the audience parameter is empty")
        return runtime.settings.default_audience
    if target not in runtime.settings.audiences:
        raise errors.InvalidTarget(f"the audience {target!r} is not served by this issuer")
    return target


def _granted_permissions(held: tuple[str, ...], scope: str | None) -> list[str]:
    if scope is None or not scope.strip():
        return list(held)
    try:
        requested = perms.normalize(scope.split())
    except perms.InvalidPermission as exc:
        raise errors.InvalidScope(str(exc)) from None
    missing = [name for name in requested if name not in held]
    if missing:
        raise errors.InvalidScope(f"the client is not granted {', '.join(missing)}")
    return requested


async def method_not_allowed(request: Request) -> Response:
    return JSONResponse(
        {"error": "invalid_request", "error_description": "the token endpoint only accepts POST"},
        status_code=405,
        headers={"Allow": "POST", **NO_STORE},
    )
