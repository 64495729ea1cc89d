"""Attach the operational surface to the app: health and metrics routes, request ids, timing,
size limits and the 503 mapping for an unreachable database."""

from __future__ import annotations

from fastapi import FastAPI
from starlette.routing import Route

from camunda_hub.server.ops import health, unavailable
from camunda_hub.server.ops.external_idp import ExternalIssuer, ExternalKeysMiddleware
from camunda_hub.server.ops.limits import RequestLimitsMiddleware
from camunda_hub.server.ops.logging import RequestIdMiddleware
from camunda_hub.server.ops.metrics_endpoint import (
    RequestTimingMiddleware,
    ResponseCounter,
    metrics,
)
from camunda_hub.server.runtime import Runtime


def install(app: FastAPI, runtime: Runtime) -> None:
    app.router.routes.extend(
        [
            Route("/health/live", health.live, methods=["GET"]),
            Route("/health/ready", health.ready, methods=["GET"]),
            Route("/metrics", metrics, methods=["GET"]),
        ]
    )
    unavailable.install(app)
    responses = ResponseCounter()
    app.state.response_counter = responses
    # Added innermost first: the size limits run inside timing, timing inside the request id.
    settings = runtime.settings
    if settings.external_issuer:
        # Outside the bearer check (added earlier, so innermost): keys are fetched before it.
        external = ExternalIssuer(settings, lambda: runtime.db)
        runtime.verifier.external = external
        app.add_middleware(ExternalKeysMiddleware, issuer=external)
    app.add_middleware(RequestLimitsMiddleware, max_body_bytes=settings.max_body_bytes)
    app.add_middleware(
        RequestTimingMiddleware,
        metrics=runtime.metrics,
        responses=responses,
        routes=app.router.routes,
    )
    app.add_middleware(RequestIdMiddleware)
