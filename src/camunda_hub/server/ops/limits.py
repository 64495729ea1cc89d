"""Request-size limits for every endpoint, enforced before any route code runs: body bytes
(declared or streamed), query-string length and number of query parameters.

The token endpoint has its own, much smaller body limit (``token_body_bytes``) and a parameter
limit of its own (``oauth/token_request.py``); these are the outer bounds for everything. Enforced
by the per-request layer (``ops/request_layer.py``)."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope

from camunda_hub.server.problem_details import problem

MAX_QUERY_BYTES = 8 * 1024
MAX_QUERY_PARAMETERS = 64


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body exceeds {limit} bytes")


def refusal(scope: Scope, max_body_bytes: int) -> tuple[int, str] | None:
    """The status and detail a request is refused with before it runs, or None."""
    query: bytes = scope.get("query_string", b"")
    if len(query) > MAX_QUERY_BYTES:
        return 414, f"the query string exceeds {MAX_QUERY_BYTES} bytes"
    if query and query.count(b"&") + 1 > MAX_QUERY_PARAMETERS:
        return 400, f"too many query parameters (at most {MAX_QUERY_PARAMETERS})"
    for name, value in scope["headers"]:
        if name == b"content-length":
            if not value.isdigit():
                return 400, "the Content-Length header is not a number"
            if int(value) > max_body_bytes:
                return 413, f"the request body exceeds {max_body_bytes} bytes"
    return None


def refuse(scope: Scope, status: int, detail: str) -> ASGIApp:
    return problem(status, detail, instance=scope.get("path", "/"))


def bounded(scope: Scope, receive: Receive, limit: int) -> Receive:
    """``receive``, raising ``BodyTooLarge`` once more than ``limit`` body bytes arrived (a
    streamed body declares no length); as it is for a request that cannot have a body."""
    if _without_body(scope):
        return receive
    received = 0

    async def bounded_receive() -> Message:
        nonlocal received
        message = await receive()
        if message["type"] == "http.request":
            received += len(message.get("body", b""))
            if received > limit:
                raise BodyTooLarge(limit)
        return message

    return bounded_receive


def _without_body(scope: Scope) -> bool:
    return scope["method"] in ("GET", "HEAD", "OPTIONS", "DELETE") and not any(
        name in (b"content-length", b"transfer-encoding") for name, _ in scope["headers"]
    )
