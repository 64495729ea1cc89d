"""``POST /oauth/token``: the client-credentials grant (RFC 6749 §4.4).

A plain Starlette endpoint (no FastAPI dependency machinery): it is the hottest path of the
issuer, and everything it needs is in memory — no database access per request."""

from __future__ import annotations

import functools
import logging

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from camunda_hub.server.clients import permissions as perms
from camunda_hub.server.clients.registry import ClientEntry
from camunda_hub.server.clients.secrets import matches
from camunda_hub.server.oauth import errors
from camunda_hub.server.oauth.errors import NO_STORE, OAuthError
from camunda_hub.server.oauth.minting import mint
from camunda_hub.server.oauth.token_request import TokenRequest, authenticate_parts, read_form
from camunda_hub.server.runtime import Runtime
from camunda_hub.server.store.schema.base import utcnow

log = logging.getLogger("camunda_hub.oauth")

GRANT = "client_credentials"
# Routed for every method, so that non-POST gets an OAuth-shaped 405 (not a problem+json one).
METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
# Stands in for the stored hash of an unknown client, so that refusing an unknown id costs the
# same HMAC as refusing a wrong secret (no timing oracle for which ids exist).
_NO_HASH = "0" * 64


async def token_endpoint(request: Request) -> Response:
    runtime: Runtime = request.app.state.runtime
    if request.method != "POST":
        return _method_not_allowed()
    known_client: str | None = None
    try:
        form = await read_form(request, runtime.settings.token_body_bytes)
        _check_grant_type(form.params)
        token_request = authenticate_parts(request, form)
        client = _authenticated_client(runtime, token_request)
        known_client = client.client_id
        return _issue(runtime, client, token_request)
    except OAuthError as exc:
        runtime.metrics.token_failure(known_client, exc.error)
        # Only an authenticated id is logged: an unknown "id" may be a secret pasted into the
        # wrong field, and it is attacker-chosen text anyway.
        log.info("token request refused: %s (client_id=%s)", exc.error, known_client or "-")
        response = exc.response()
        if isinstance(exc, errors.InvalidClient):
            # RFC 9110 §15.5.2: a 401 names the scheme to use; RFC 6749 §5.2 requires it when
            # Basic was tried. Same header either way, so nothing tells the cases apart.
            response.headers["WWW-Authenticate"] = _basic_challenge(runtime.settings.realm)
        return response


@functools.cache
def _basic_challenge(realm: str) -> str:
    # Printable ASCII without quote or backslash: the realm is operator text in a quoted-string.
    safe = "".join(ch if " " <= ch <= "~" and ch not in '"\\' else "?" for ch in realm)
    return f'Basic realm="{safe}", charset="UTF-8"'


def _check_grant_type(params: dict[str, str]) -> None:
    grant_type = params.get("grant_type")
    if grant_type is None:
        raise errors.InvalidRequest("the grant_type parameter is missing")
    if grant_type != GRANT:
        raise errors.UnsupportedGrantType(f"only the {GRANT} grant is supported")


def _authenticated_client(runtime: Runtime, req: TokenRequest) -> ClientEntry:
    client = runtime.clients.get(req.client_id)
    secret = req.client_secret or ""
    pepper = runtime.pepper
    if client is None:
        matches(pepper, secret, _NO_HASH)
    elif matches(pepper, secret, client.secret_hash) or (
        client.previous_secret_expires is not None
        and client.previous_secret_expires > utcnow()
        and matches(pepper, secret, client.previous_secret_hash)
    ):
        return client
    # One message for unknown id, wrong secret and missing secret (RFC 6749 §5.2).
    raise errors.InvalidClient("client authentication failed")


def _issue(runtime: Runtime, client: ClientEntry, req: TokenRequest) -> Response:
    audience = _audience(runtime, req)
    granted = _granted_permissions(client.permissions, req.params.get("scope"))
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


def _audience(runtime: Runtime, req: TokenRequest) -> str:
    """Camunda's ``audience``, or RFC 8707's ``resource`` naming the same thing."""
    audience = req.params.get("audience")
    resource = req.resources[0] if req.resources else None
    if audience is not None and resource is not None and audience != resource:
        raise errors.InvalidRequest("audience and resource name different targets")
    target = audience if audience is not None else resource
    if target is None:
        return runtime.settings.default_audience
    if target not in runtime.settings.audiences:
        # Not echoed: a secret pasted into the wrong field must not come back in a response.
        raise errors.InvalidTarget("the requested audience (resource) is not served by this issuer")
    return target


def _granted_permissions(held: tuple[str, ...], scope: str | None) -> list[str]:
    """RFC 6749 §3.3: no scope → everything the client holds; a scope → exactly that, which
    must be a subset of what it holds."""
    if scope is None or not scope.strip():
        return list(held)
    try:
        requested = perms.normalize(scope.split())
    except perms.InvalidPermission:
        raise errors.InvalidScope(
            f"unknown scope value: choose from {', '.join(perms.as_scope_values(perms.PERMISSIONS))}"
        ) from None
    missing = [name for name in requested if name not in held]
    if missing:
        raise errors.InvalidScope(f"the client is not granted {', '.join(missing)}")
    return requested


def _method_not_allowed() -> Response:
    return JSONResponse(
        {"error": "invalid_request", "error_description": "the token endpoint only accepts POST"},
        status_code=405,
        headers={"Allow": "POST", **NO_STORE},
    )
