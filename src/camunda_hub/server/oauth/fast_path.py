"""The token endpoint as the outermost middleware: ``/oauth/token`` goes straight to its endpoint,
past every other middleware, the exception layers and the route table. Those layers have nothing
to do for it — the endpoint answers every error itself (RFC 6749 §5.2) and bounds its own body —
except two, done here the same way: the request id (logs and ``X-Request-Id``) and the request
timing metrics. A crash still reaches Starlette's outer ServerErrorMiddleware (500).

Measured with bench/: each middleware layer costs a few µs per request, and on the issuer's
hottest path they added up to a tenth of the time per token."""

from __future__ import annotations

import time

from starlette.types import ASGIApp, Receive, Scope, Send

from camunda_hub.server.metrics import Metrics
from camunda_hub.server.oauth.token_endpoint import TokenEndpoint
from camunda_hub.server.ops.logging import REQUEST_ID_HEADER, request_id, request_id_for
from camunda_hub.server.ops.metrics_endpoint import ResponseCounter, method_label

FAST_PATH = "/oauth/token"
_REQUEST_ID = REQUEST_ID_HEADER.encode()


class TokenEndpointFastPath:
    def __init__(
        self, app: ASGIApp, endpoint: TokenEndpoint, metrics: Metrics, responses: ResponseCounter
    ) -> None:
        self.app = app
        self.endpoint = endpoint
        self.metrics = metrics
        self.responses = responses

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != FAST_PATH:
            await self.app(scope, receive, send)
            return
        rid = request_id_for(scope)
        status = 500
        started = time.perf_counter()
        token = request_id.set(rid)
        try:
            status = await self.endpoint.handle(scope, receive, send, [(_REQUEST_ID, rid.encode())])
        finally:
            request_id.reset(token)
            method = method_label(scope["method"])
            self.metrics.observe(FAST_PATH, method, time.perf_counter() - started)
            self.responses.add(FAST_PATH, method, status)
