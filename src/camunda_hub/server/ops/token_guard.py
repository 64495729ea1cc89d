"""The token endpoint's guard: a middleware in front of ``/oauth/token`` (and its Keycloak-shaped
aliases) that asks the ``TokenThrottle`` before the endpoint runs and tells it afterwards whether
the secret was right.

Keeping it outside the endpoint leaves the endpoint's code about RFC 6749 alone; the price is
reading the small, size-bounded form once more to learn the client id."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable
from urllib.parse import parse_qsl, unquote_plus

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from camunda_hub.server.ops.ratelimit import Refusal, TokenThrottle

TOKEN_PATH_SUFFIX = "/protocol/openid-connect/token"


def is_token_path(path: str) -> bool:
    return path == "/oauth/token" or path.endswith(TOKEN_PATH_SUFFIX)


def _client_id(headers: dict[bytes, bytes], body: bytes) -> str | None:
    authorization = headers.get(b"authorization", b"")
    if authorization[:6].lower() == b"basic ":
        try:
            decoded = base64.b64decode(authorization[6:].strip(), validate=True).decode()
        except (binascii.Error, UnicodeDecodeError):
            return None
        client_id, sep, _ = decoded.partition(":")
        return unquote_plus(client_id) if sep and client_id else None
    try:
        for name, value in parse_qsl(body.decode("utf-8"), max_num_fields=64):
            if name == "client_id":
                return value or None
    except (UnicodeDecodeError, ValueError):
        return None
    return None


def too_many(refusal: Refusal) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
    descriptions = {
        "locked": "too many failed authentication attempts for this client; retry later",
        "rate_client": "too many token requests for this client; cache tokens until they expire",
        "rate_address": "too many token requests from this address; retry later",
    }
    body = json.dumps(
        {"error": "temporarily_unavailable", "error_description": descriptions[refusal.reason]}
    ).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"retry-after", str(refusal.retry_after).encode()),
        (b"cache-control", b"no-store"),
        (b"pragma", b"no-cache"),
    ]
    return 429, headers, body


class TokenThrottleMiddleware:
    def __init__(
        self,
        app: ASGIApp,
        throttle: TokenThrottle,
        max_body_bytes: int,
        is_known_client: Callable[[str], bool],
        on_refused: Callable[[str | None, str], None] | None = None,
    ) -> None:
        self.app = app
        self.throttle = throttle
        self.max_body_bytes = max_body_bytes
        self.is_known_client = is_known_client
        self.on_refused = on_refused

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] != "POST"
            or not is_token_path(scope["path"])
            or not self.throttle.enabled
        ):
            await self.app(scope, receive, send)
            return
        # Read the form once (bounded; a longer body is the endpoint's to refuse) and replay it.
        messages: list[Message] = []
        body = b""
        more = True
        while more and len(body) <= self.max_body_bytes:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                break
            body += message.get("body", b"")
            more = message.get("more_body", False)
        headers = dict(scope["headers"])
        client_id = _client_id(headers, body) if not more else None
        address = scope["client"][0] if scope.get("client") else None

        refusal, has_failures = await self.throttle.admit(client_id, address)
        if refusal is not None:
            if self.on_refused is not None:
                self.on_refused(client_id, refusal.reason)
            status, response_headers, payload = too_many(refusal)
            await send(
                {"type": "http.response.start", "status": status, "headers": response_headers}
            )
            await send({"type": "http.response.body", "body": payload})
            return

        async def replay() -> Message:
            if messages:
                return messages.pop(0)
            return await receive()

        status = 0

        async def note_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        await self.app(scope, replay, note_status)
        if client_id is None:
            return
        if status == 200 and has_failures:
            await self.throttle.succeeded(client_id)
        elif status == 401 and self.is_known_client(client_id):
            # Only a known client can be locked: unknown ids are left to the address limit, so
            # a client created a moment ago elsewhere is never locked out while it propagates.
            await self.throttle.failed(client_id)
