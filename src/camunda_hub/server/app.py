"""The ASGI application: settings → runtime → routes."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from camunda_hub import __version__
from camunda_hub.server import console
from camunda_hub.server.api import docs, problems, v1, v2
from camunda_hub.server.api.prefixed_route import PrefixedRoute
from camunda_hub.server.api_clients.lookup import ClientLookup
from camunda_hub.server.oauth import discovery
from camunda_hub.server.oauth.client_authentication import ClientAssertions
from camunda_hub.server.oauth.dpop_binding import TokenBinding, nonces_for
from camunda_hub.server.oauth.fast_path import TokenFastPath
from camunda_hub.server.oauth.token_endpoint import METHODS, TokenEndpoint
from camunda_hub.server.oauth.token_services import TokenServices
from camunda_hub.server.ops import http_methods, media_types
from camunda_hub.server.ops import install as ops
from camunda_hub.server.runtime import Runtime
from camunda_hub.server.security.dpop_auth import DpopAuthentication
from camunda_hub.server.security.dpop_proof import Nonces
from camunda_hub.server.security.middleware import BearerAuthentication
from camunda_hub.server.settings import Settings

TOKEN_PATHS = (
    "/oauth/token",
    # Keycloak-shaped aliases, so self-managed scripts written for Keycloak work unchanged.
    "/auth/realms/{realm}/protocol/openid-connect/token",
    "/realms/{realm}/protocol/openid-connect/token",
)


def _oauth_routes(endpoint: TokenEndpoint) -> list[Route]:
    routes = []
    for path in TOKEN_PATHS:
        # Every method reaches the endpoint, which answers non-POST with an OAuth-shaped 405.
        routes.append(Route(path, endpoint, methods=METHODS))
    routes += [
        Route("/.well-known/jwks.json", discovery.jwks, methods=["GET"]),
        Route("/.well-known/openid-configuration", discovery.openid_configuration, methods=["GET"]),
        Route(
            "/.well-known/oauth-authorization-server",
            discovery.authorization_server,
            methods=["GET"],
        ),
    ]
    return routes


class HubApp(FastAPI):
    """FastAPI, with ``POST /oauth/token`` answered ahead of every layer (oauth/fast_path.py)."""

    token_fast_path: TokenFastPath | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        fast = self.token_fast_path
        if fast is not None and fast.serves(scope):
            await fast(scope, receive, send)
            return
        await super().__call__(scope, receive, send)


def create_app(
    settings: Settings | None = None,
    *,
    on_started: Callable[[Runtime], None] | None = None,
) -> HubApp:
    settings = settings or Settings()
    runtime = Runtime(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await runtime.start()
        await console.prepare(runtime)
        # Everything built so far (app, routes, models, libraries) lives as long as the process:
        # keep it out of the cyclic garbage collector's full passes, which otherwise walk it
        # again and again while requests allocate.
        gc.freeze()
        if on_started is not None:
            on_started(runtime)
        try:
            yield
        finally:
            await runtime.stop()

    app = HubApp(
        title="Camunda Hub API (camunda-hub)",
        version=__version__,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        # FastAPI's own OpenTelemetry hooks look for configured providers on every request
        # (~5 µs); camunda-hub reports through /metrics and its logs instead.
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    app.state.runtime = runtime
    # Every route added from here on turns away other paths cheaply (api/prefixed_route.py).
    app.router.route_class = PrefixedRoute
    problems.install(app, settings.realm)
    # First in the route table: Starlette tries routes in order, and the Hub API is the hot path
    # (health, metrics and the console are not; the token endpoint skips routing entirely).
    v2.install(app)
    v1.install(app)  # Web Modeler API v1 on the same services (api/v1/)
    # Inside the bearer check (an unauthenticated request learns nothing about routes): method
    # and media-type rules of RFC 9110.
    http_methods.install(app)
    media_types.install(app)

    # The DPoP nonce key derives from the deployment secret, read when the runtime starts.
    def nonces() -> Nonces | None:
        return nonces_for(settings, runtime.pepper)

    # One look-up for the token endpoint and the bearer check: a client new to this process is
    # fetched once, whichever of the two sees it first.
    lookup = ClientLookup(runtime.clients, lambda: runtime.db)
    # Added first, so it sits innermost: bearer checks run inside the request id and timing.
    app.add_middleware(
        BearerAuthentication,
        verifier=runtime.verifier,
        metrics=runtime.metrics,
        realm=settings.realm,
        sync_interval=settings.sync_interval,
        refresh=runtime.sync_now,
        dpop=DpopAuthentication(runtime.verifier, runtime.issuer, nonces),
        lookup=lookup,
    )
    responses = ops.install(
        app,
        settings=settings,
        metrics=runtime.metrics,
        external_issuer=runtime.external_issuer,
        delivery_metrics=lambda: (
            runtime.events.dispatcher.metrics_text() if runtime.events is not None else ""
        ),
    )
    assertions = ClientAssertions(
        settings=settings, issuer=runtime.issuer, clients=runtime.clients, db=lambda: runtime.db
    )
    tokens = TokenEndpoint(
        settings=settings,
        issuer=runtime.issuer,
        clients=runtime.clients,
        keyring=runtime.keyring,
        throttle=runtime.token_throttle,
        metrics=runtime.metrics,
        usage=runtime.usage,
        pepper=lambda: runtime.pepper,
        assertions=assertions,
        dpop=TokenBinding(runtime.issuer, nonces),
        lookup=lookup,
    )
    app.router.routes.extend(_oauth_routes(tokens))
    services = TokenServices(
        settings=settings,
        issuer=runtime.issuer,
        clients=runtime.clients,
        throttle=runtime.token_throttle,
        verifier=runtime.verifier,
        revoked_tokens=runtime.revoked_tokens,
        assertions=assertions,
        db=lambda: runtime.db,
        pepper=lambda: runtime.pepper,
    )
    app.router.routes.extend(services.routes())
    app.token_fast_path = TokenFastPath(tokens, runtime.metrics, responses)
    docs.install(app)
    console.install(app, runtime)
    return app
