"""The token endpoint ahead of the whole ASGI stack: ``POST /oauth/token`` goes straight to its
endpoint, past every middleware (FastAPI's and ours), the exception layers and the route table
(``app.HubApp`` hands it over first). Those layers have nothing to do for it — the endpoint
answers every error itself (RFC 6749 §5.2, a 500 included) and bounds its own body — except two,
done here the same way: the request id (logs and ``X-Request-Id``) and the timing metrics.

Measured with bench/: each layer costs a few µs per request, and on the issuer's hottest path
they added up to about a tenth of the time per token."""

from __future__ import annotations

import time

from starlette.types import Receive, Scope, Send

from camunda_hub.server.metrics import Metrics
from camunda_hub.server.oauth.token_endpoint import TokenEndpoint
from camunda_hub.server.ops.logging import REQUEST_ID_HEADER, request_id, request_id_for
from camunda_hub.server.ops.metrics_endpoint import ResponseCounter, method_label

FAST_PATH = "/oauth/token"
_REQUEST_ID = REQUEST_ID_HEADER.encode()


class TokenFastPath:
    def __init__(
        self, endpoint: TokenEndpoint, metrics: Metrics, responses: ResponseCounter
    ) -> None:
        self.endpoint = endpoint
        self.metrics = metrics
        self.responses = responses

    @staticmethod
    def serves(scope: Scope) -> bool:
        return scope["type"] == "http" and scope["path"] == FAST_PATH

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
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
