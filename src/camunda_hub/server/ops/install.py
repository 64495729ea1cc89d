"""Attach the operational surface to the app: health and metrics routes, request ids, timing,
size limits and the 503 mapping for an unreachable database."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI
from starlette.routing import Route

from camunda_hub.server.metrics import Metrics
from camunda_hub.server.ops import health, unavailable
from camunda_hub.server.ops.metrics_endpoint import ResponseCounter, metrics_endpoint
from camunda_hub.server.ops.request_layer import RequestLayer
from camunda_hub.server.security.external_idp import ExternalIssuer, ExternalKeysMiddleware
from camunda_hub.server.settings import Settings


def install(
    app: FastAPI,
    *,
    settings: Settings,
    metrics: Metrics,
    external_issuer: ExternalIssuer | None,
    delivery_metrics: Callable[[], str],
) -> ResponseCounter:
    """Returns the response counter, for the token fast path to count its own responses in.
    ``delivery_metrics`` gives the webhook deliveries' lines of ``/metrics``."""
    responses = ResponseCounter()
    endpoint = metrics_endpoint(metrics, responses, settings.metrics_token, delivery_metrics)
    app.router.routes.extend(
        [
            Route("/health/live", health.live, methods=["GET"]),
            Route("/health/ready", health.ready, methods=["GET"]),
            Route("/metrics", endpoint, methods=["GET"]),
        ]
    )
    unavailable.install(app)
    # Added innermost first.
    if external_issuer is not None:
        # Outside the bearer check (added earlier, so innermost): keys are fetched before it.
        app.add_middleware(ExternalKeysMiddleware, issuer=external_issuer)
    app.add_middleware(
        RequestLayer,
        metrics=metrics,
        responses=responses,
        routes=app.router.routes,
        max_body_bytes=settings.max_body_bytes,
    )
    return responses
