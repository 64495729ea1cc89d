"""``POST /oauth/token``: the client-credentials grant (RFC 6749 §4.4).

A raw ASGI app (no Starlette request/response objects, no FastAPI dependency machinery): it is
the hottest path of the issuer, and everything it needs is in memory — no database access per
request on SQLite, a share of one throttle statement on PostgreSQL (throttle/state_db.py)."""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Callable

from starlette.types import Receive, Scope, Send

from camunda_hub.server.api_clients import permissions as perms
from camunda_hub.server.api_clients.lookup import ClientLookup
from camunda_hub.server.api_clients.registry import ClientEntry, ClientRegistry
from camunda_hub.server.api_clients.secrets import matches
from camunda_hub.server.api_clients.usage import UsageRecorder
from camunda_hub.server.keys.keyring import Keyring
from camunda_hub.server.metrics import Metrics
from camunda_hub.server.oauth import client_authentication, errors
from camunda_hub.server.oauth.admission import Refused, Ticket, TokenAdmission
from camunda_hub.server.oauth.dpop_binding import DpopRefused, TokenBinding
from camunda_hub.server.oauth.errors import Headers, OAuthError, send_json
from camunda_hub.server.oauth.minting import mint
from camunda_hub.server.oauth.token_json import parse_body
from camunda_hub.server.oauth.token_request import (
    TokenForm,
    TokenHeaders,
    TokenRequest,
    basic_client_id,
    check_transport,
    read_body,
)
from camunda_hub.server.settings import Settings
from camunda_hub.server.store.schema.base import utcnow
from camunda_hub.server.throttle.ratelimit import TokenThrottle

log = logging.getLogger("camunda_hub.oauth")

GRANT = "client_credentials"
# Routed for every method, so that non-POST gets an OAuth-shaped 405 (not a problem+json one).
METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
# Stands in for the stored hash of an unknown client, so that refusing an unknown id costs the
# same HMAC as refusing a wrong secret (no timing oracle for which ids exist).
_NO_HASH = "0" * 64
_SERVER_ERROR = json.dumps(
    {"error": "server_error", "error_description": "an unexpected error occurred"}
).encode()
_NOT_POST = json.dumps(
    {"error": "invalid_request", "error_description": "the token endpoint only accepts POST"}
).encode()


class TokenEndpoint:
    def __init__(
        self,
        *,
        settings: Settings,
        issuer: str,
        clients: ClientRegistry,
        keyring: Keyring,
        throttle: TokenThrottle,
        metrics: Metrics,
        usage: UsageRecorder,
        pepper: Callable[[], bytes],
        assertions: client_authentication.ClientAssertions,
        dpop: TokenBinding,
        lookup: ClientLookup,
    ) -> None:
        """``pepper`` gives the client-secret pepper, known once the store is open."""
        self.settings = settings
        self.issuer = issuer
        self.clients = clients
        self.keyring = keyring
        self.metrics = metrics
        self.usage = usage
        self.pepper = pepper
        self.admission = TokenAdmission(throttle, clients, lookup)
        self.assertions = assertions
        self.dpop = dpop

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.handle(scope, receive, send)

    async def handle(
        self, scope: Scope, receive: Receive, send: Send, headers: Headers = ()
    ) -> int:
        """Answers the request, with ``headers`` added to the response; returns the status."""
        if scope["method"] != "POST":
            await send_json(send, 405, _NOT_POST, [(b"allow", b"POST"), *headers])
            return 405
        known_client: str | None = None
        try:
            token_request, ticket = await self._admitted(scope, receive)
            client = await self._authenticated_client(token_request, ticket)
            known_client = client.client_id
            body = self._issue(client, token_request, self.dpop.jkt(scope, client))
        except Refused as exc:
            # Not logged: under a flood of requests this would be a log line per request.
            self.metrics.token_failure(exc.known_client, exc.reason)
            await send_json(send, exc.status, exc.body(), [*self._error_headers(exc), *headers])
            return exc.status
        except OAuthError as exc:
            self.metrics.token_failure(known_client, exc.error)
            # Only an authenticated id is logged: an unknown "id" may be a secret pasted into
            # the wrong field, and it is attacker-chosen text anyway.
            log.info("token request refused: %s (client_id=%s)", exc.error, known_client or "-")
            await send_json(send, exc.status, exc.body(), [*self._error_headers(exc), *headers])
            return exc.status
        except Exception:
            # The endpoint runs ahead of Starlette's error middleware (oauth/fast_path.py), so
            # it answers its own 500. The log redacts secrets (ops/logging.py).
            log.exception("unexpected error in the token endpoint")
            await send_json(send, 500, _SERVER_ERROR, headers)
            return 500
        await send_json(send, 200, body, headers)
        return 200

    async def _admitted(self, scope: Scope, receive: Receive) -> tuple[TokenRequest, Ticket]:
        """The parsed request, once the throttle let it through. A malformed request is
        throttled too (by its address, and by the client it names if it names one) before its
        error is answered."""
        headers = TokenHeaders.of(scope["headers"])
        max_bytes = self.settings.token_body_bytes
        form: TokenForm | None = None
        problem: OAuthError | None = None
        try:
            check_transport(scope.get("query_string", b""), headers, max_bytes)
            form = parse_body(headers.content_type, await read_body(receive, max_bytes))
        except OAuthError as exc:
            problem = exc
        named = basic_client_id(headers.authorization) or (form.client_id if form else None)
        client = scope.get("client")
        ticket = await self.admission.admit(named, client[0] if client else None)
        if problem is not None or form is None:
            raise problem or errors.InvalidRequest("the request could not be read")
        _check_grant_type(form.params)
        return client_authentication.request_parts(headers.authorization, form), ticket

    async def _authenticated_client(self, req: TokenRequest, ticket: Ticket) -> ClientEntry:
        if client_authentication.uses_assertion(req):
            return await self.assertions.authenticate(req, ticket, self.admission)
        client = self.clients.get(req.client_id)
        secret = req.client_secret or ""
        pepper = self.pepper()
        if client is None:
            matches(pepper, secret, _NO_HASH)
        elif matches(pepper, secret, client.secret_hash) or (
            client.previous_secret_expires is not None
            and client.previous_secret_expires > utcnow()
            and matches(pepper, secret, client.previous_secret_hash)
        ):
            await self.admission.authenticated(ticket)
            return client
        await self.admission.refused_secret(ticket)
        # One message for unknown id, wrong secret and missing secret (RFC 6749 §5.2).
        raise errors.InvalidClient("client authentication failed")

    def _issue(self, client: ClientEntry, req: TokenRequest, jkt: str | None = None) -> bytes:
        audience = _audience(self.settings, req)
        granted = _granted_permissions(client.permissions, req.params.get("scope"))
        token = mint(
            keyring=self.keyring,
            issuer=self.issuer,
            client=client,
            audience=audience,
            permissions=granted,
            lifetime=self.settings.token_lifetime,
            confirmation_jkt=jkt,
        )
        self.usage.token_issued(client.client_id)
        self.metrics.token_issued(client.client_id)
        # Formatted rather than serialised: a JWT (base64url and dots), an int and permission
        # names (letters, ``:*``) need no JSON escaping.
        return (
            f'{{"access_token":"{token.access_token}","expires_in":{token.expires_in},'
            f'"refresh_expires_in":0,"token_type":"{"Bearer" if jkt is None else "DPoP"}","not-before-policy":0,'
            f'"scope":"{token.scope}"}}'
        ).encode()

    def _error_headers(self, exc: OAuthError) -> list[tuple[bytes, bytes]]:
        if isinstance(exc, errors.InvalidClient):
            # RFC 9110 §15.5.2: a 401 names the scheme to use; RFC 6749 §5.2 requires it when
            # Basic was tried. Same header either way, so nothing tells the cases apart.
            return [(b"www-authenticate", _basic_challenge(self.settings.realm))]
        if isinstance(exc, Refused):
            return [(b"retry-after", str(exc.retry_after).encode())]
        if isinstance(exc, DpopRefused):
            return exc.headers
        return []


@functools.cache
def _basic_challenge(realm: str) -> bytes:
    # Printable ASCII without quote or backslash: the realm is operator text in a quoted-string.
    safe = "".join(ch if " " <= ch <= "~" and ch not in '"\\' else "?" for ch in realm)
    return f'Basic realm="{safe}", charset="UTF-8"'.encode()


def _check_grant_type(params: dict[str, str]) -> None:
    grant_type = params.get("grant_type")
    if grant_type is None:
        raise errors.InvalidRequest("the grant_type parameter is missing")
    if grant_type != GRANT:
        raise errors.UnsupportedGrantType(f"only the {GRANT} grant is supported")


def _audience(settings: Settings, req: TokenRequest) -> str:
    """Camunda's ``audience``, or RFC 8707's ``resource`` naming the same thing."""
    audience = req.params.get("audience")
    resource = req.resources[0] if req.resources else None
    if audience is not None and resource is not None and audience != resource:
        raise errors.InvalidRequest("audience and resource name different targets")
    target = audience if audience is not None else resource
    if target is None:
        return settings.default_audience
    if target not in settings.audiences:
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
