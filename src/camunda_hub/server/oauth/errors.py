"""OAuth 2.0 error responses (RFC 6749 §5.2, RFC 8707 §2) as exceptions, and the raw ASGI
responses of the token endpoint (every one of them is ``no-store``)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from starlette.types import Send

Headers = Sequence[tuple[bytes, bytes]]

# RFC 6749 §5.1: responses carrying tokens (and so every response of the endpoint) are not cached.
NO_STORE: Headers = [(b"cache-control", b"no-store"), (b"pragma", b"no-cache")]


class OAuthError(Exception):
    error = "invalid_request"
    status = 400

    def __init__(self, description: str) -> None:
        super().__init__(description)
        self.description = description

    def body(self) -> bytes:
        return json.dumps({"error": self.error, "error_description": self.description}).encode()


class InvalidRequest(OAuthError):
    error = "invalid_request"


class InvalidClient(OAuthError):
    error = "invalid_client"
    status = 401


class UnsupportedGrantType(OAuthError):
    error = "unsupported_grant_type"


class InvalidScope(OAuthError):
    error = "invalid_scope"


class InvalidTarget(OAuthError):
    error = "invalid_target"


class TemporarilyUnavailable(OAuthError):
    error = "temporarily_unavailable"
    status = 429


async def send_json(send: Send, status: int, body: bytes, headers: Headers = ()) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                *NO_STORE,
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
