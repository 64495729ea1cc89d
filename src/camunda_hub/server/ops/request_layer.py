"""The per-request bookkeeping every request but the token endpoint's (oauth/fast_path.py does
its own) goes through, as one pure-ASGI layer: the request id (``ops/logging.py``), the size
limits (``ops/limits.py``) and the timing metrics by route template (``ops/metrics_endpoint.py``).

One layer rather than three: each layer is a coroutine call and a wrapped ``send`` per response
message, a few µs per request on the hot path of every Hub API call."""

from __future__ import annotations

import time
from collections.abc import Sequence

from starlette.routing import BaseRoute
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from camunda_hub.server.metrics import Metrics
from camunda_hub.server.ops import limits
from camunda_hub.server.ops.logging import REQUEST_ID_HEADER, request_id, request_id_for
from camunda_hub.server.ops.metrics_endpoint import ResponseCounter, RouteTemplates, method_label

_REQUEST_ID = REQUEST_ID_HEADER.encode()


class RequestLayer:
    """Outermost of ours: the request id is set for everything inside, and in ``X-Request-Id``
    of every answer, a size refusal's too; the time and status counted are the whole request's."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        metrics: Metrics,
        responses: ResponseCounter,
        routes: Sequence[BaseRoute] = (),
        max_body_bytes: int,
    ) -> None:
        self.app = app
        self.metrics = metrics
        self.responses = responses
        self.templates = RouteTemplates(routes)
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        rid = request_id_for(scope)
        scope.setdefault("state", {})["request_id"] = rid
        header = (_REQUEST_ID, rid.encode())
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                message["headers"] = [*message.get("headers", []), header]
            await send(message)

        token = request_id.set(rid)
        try:
            refusal = limits.refusal(scope, self.max_body_bytes)
            if refusal is not None:
                await limits.refuse(scope, *refusal)(scope, receive, send_with_id)
                return
            await self.app(scope, limits.bounded(scope, receive, self.max_body_bytes), send_with_id)
        finally:
            request_id.reset(token)
            path = self.templates.of(scope)
            method = method_label(scope["method"])
            self.metrics.observe(path, method, time.perf_counter() - started)
            self.responses.add(path, method, status)
