"""Request-size limits for every endpoint, enforced before any route code runs: body bytes
(declared or streamed), query-string length and number of query parameters.

The token endpoint has its own, much smaller body limit (``token_body_bytes``) and a parameter
limit of its own (``oauth/token_request.py``); these are the outer bounds for everything."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from camunda_hub.server.problem_details import problem

MAX_QUERY_BYTES = 8 * 1024
MAX_QUERY_PARAMETERS = 64


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body exceeds {limit} bytes")


class RequestLimitsMiddleware:
    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = self._refusal(scope)
        if refusal is not None:
            status, detail = refusal
            response = problem(status, detail, instance=scope.get("path", "/"))
            await response(scope, receive, send)
            return
        limit = self.max_body_bytes
        received = 0

        async def bounded_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        await self.app(scope, receive if _without_body(scope) else bounded_receive, send)

    def _refusal(self, scope: Scope) -> tuple[int, str] | None:
        query: bytes = scope.get("query_string", b"")
        if len(query) > MAX_QUERY_BYTES:
            return 414, f"the query string exceeds {MAX_QUERY_BYTES} bytes"
        if query and query.count(b"&") + 1 > MAX_QUERY_PARAMETERS:
            return 400, f"too many query parameters (at most {MAX_QUERY_PARAMETERS})"
        for name, value in scope["headers"]:
            if name == b"content-length":
                if not value.isdigit():
                    return 400, "the Content-Length header is not a number"
                if int(value) > self.max_body_bytes:
                    return 413, f"the request body exceeds {self.max_body_bytes} bytes"
        return None


def _without_body(scope: Scope) -> bool:
    return scope["method"] in ("GET", "HEAD", "OPTIONS", "DELETE") and not any(
        name in (b"content-length", b"transfer-encoding") for name, _ in scope["headers"]
    )
