"""Attach the operational surface to the app: health and metrics routes, request ids, timing,
size limits and the 503 mapping for an unreachable database."""

from __future__ import annotations

from fastapi import FastAPI
from starlette.routing import Route

from camunda_hub.server.ops import health, unavailable
from camunda_hub.server.ops.limits import RequestLimitsMiddleware
from camunda_hub.server.ops.logging import RequestIdMiddleware
from camunda_hub.server.ops.metrics_endpoint import (
    RequestTimingMiddleware,
    ResponseCounter,
    metrics_endpoint,
)
from camunda_hub.server.runtime import Runtime
from camunda_hub.server.security.external_idp import ExternalKeysMiddleware


def install(app: FastAPI, runtime: Runtime) -> ResponseCounter:
    """Returns the response counter, for the token fast path to count its own responses in."""
    responses = ResponseCounter()

    def delivery_metrics() -> str:
        return runtime.events.dispatcher.metrics_text() if runtime.events is not None else ""

    metrics = metrics_endpoint(
        runtime.metrics, responses, runtime.settings.metrics_token, delivery_metrics
    )
    app.router.routes.extend(
        [
            Route("/health/live", health.live, methods=["GET"]),
            Route("/health/ready", health.ready, methods=["GET"]),
            Route("/metrics", metrics, methods=["GET"]),
        ]
    )
    unavailable.install(app)
    # Added innermost first: the size limits run inside timing, timing inside the request id.
    settings = runtime.settings
    if runtime.external_issuer is not None:
        # Outside the bearer check (added earlier, so innermost): keys are fetched before it.
        app.add_middleware(ExternalKeysMiddleware, issuer=runtime.external_issuer)
    app.add_middleware(RequestLimitsMiddleware, max_body_bytes=settings.max_body_bytes)
    app.add_middleware(
        RequestTimingMiddleware,
        metrics=runtime.metrics,
        responses=responses,
        routes=app.router.routes,
    )
    app.add_middleware(RequestIdMiddleware)
    return responses
