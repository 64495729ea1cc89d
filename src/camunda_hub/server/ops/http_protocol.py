"""Connection-level limits uvicorn does not have, as its httptools protocol with a few
additions (``serve`` passes it as ``http=``):

* at most ``max_header_bytes`` of request line and headers and ``max_headers`` header fields
  (431, then the connection closes) — uvicorn's httptools protocol accepts any number and size;
* the request line and headers must arrive within ``header_timeout`` seconds of the connection
  opening or of the request's first byte (408, then close) — a slowloris that trickles a header
  line every few seconds is dropped instead of holding a descriptor forever;
* at most ``max_connections`` connections per process: one more evicts the connection that has
  waited longest for headers (a slow or idle one); only when every connection is busy with a
  request is the new one closed. So a flood of slow connections cannot keep a normal client
  out, while descriptors stay bounded.

Idle keep-alive time is uvicorn's own ``timeout_keep_alive``. The access log goes out through
``ops/access_log.py``."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from typing import Any

import httptools
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from camunda_hub.server.ops.access_log import access_logger


@dataclass(frozen=True)
class HttpLimits:
    max_header_bytes: int = 16 * 1024
    max_headers: int = 100
    header_timeout: float = 10.0
    max_connections: int = 1000


# Set on uvicorn's Config by ``serve`` (the config is pickled into ``--workers`` processes).
CONFIG_ATTRIBUTE = "hub_http_limits"


def _response(status: int, reason: str, detail: str) -> bytes:
    body = json.dumps(
        {"type": "about:blank", "title": reason, "status": status, "detail": detail}
    ).encode()
    return (
        f"HTTP/1.1 {status} {reason}\r\ncontent-type: application/problem+json\r\n"
        f"content-length: {len(body)}\r\nconnection: close\r\n\r\n"
    ).encode() + body


_TOO_LARGE = _response(
    431, "Request Header Fields Too Large", "the request line and headers are too large"
)
_TOO_SLOW = _response(408, "Request Timeout", "the request headers did not arrive in time")


class _HeadersTooLarge(Exception):
    pass


class GuardedHttpToolsProtocol(HttpToolsProtocol):
    def __init__(self, config: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(config, *args, **kwargs)
        if self.access_log:
            self.access_logger = access_logger(self.access_logger)  # type: ignore[assignment]
        self.limits: HttpLimits = getattr(config, CONFIG_ATTRIBUTE, None) or HttpLimits()
        self._header_bytes = 0
        self._header_count = 0
        self._deadline: asyncio.TimerHandle | None = None
        # Since when the request line and headers now awaited are due (the connection's opening
        # for its first request, else the request's first byte); None while a request is being
        # served or the connection is idle.
        self._headers_since: float | None = None
        # When this connection started waiting for a request's headers; None while a request
        # is being served.
        self.waiting_since: float | None = None

    # -- connection --------------------------------------------------------------------------
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._await_headers()
        if len(self.connections) > self.limits.max_connections:
            self._make_room()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _make_room(self) -> None:
        waiting = [
            c
            for c in self.connections
            if isinstance(c, GuardedHttpToolsProtocol) and c.waiting_since is not None
        ]
        oldest = min(waiting, key=lambda c: c.waiting_since or 0.0, default=None)
        if oldest is None or oldest is self:
            self.transport.close()
            return
        oldest.transport.close()

    # -- header deadline -----------------------------------------------------------------------
    def _await_headers(self) -> None:
        now = self.waiting_since = self.loop.time()
        if self._headers_since is None:
            self._headers_since = now
        self._header_bytes = 0
        self._header_count = 0
        # One timer per connection rather than one armed and cancelled per request: when it
        # fires for an earlier request's deadline, it is set again for the current one's.
        if self._deadline is None:
            self._deadline = self.loop.call_later(self.limits.header_timeout, self._too_slow)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _too_slow(self) -> None:
        self._deadline = None
        since = self._headers_since
        if since is None or self.transport.is_closing():
            return  # served or idle: the next request's first byte sets the timer again
        remaining = since + self.limits.header_timeout - self.loop.time()
        if remaining > 0:
            self._deadline = self.loop.call_later(remaining, self._too_slow)
            return
        # A connection that never sent a byte is just closed; one in the middle of its headers
        # is told why.
        if self._header_bytes:
            self.transport.write(_TOO_SLOW)
        self.transport.close()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        # Idle time until the next request is uvicorn's keep-alive timeout; the deadline starts
        # with the next request's first byte (on_message_begin).
        self.waiting_since = self.loop.time()

    # -- header size and count ----------------------------------------------------------------
    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._await_headers()

    def on_url(self, url: bytes) -> None:
        self._count(len(url))
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        self._header_count += 1
        if self._header_count > self.limits.max_headers:
            raise _HeadersTooLarge
        self._count(len(name) + len(value) + 4)
        super().on_header(name, value)

    def _count(self, size: int) -> None:
        self._header_bytes += size
        if self._header_bytes > self.limits.max_header_bytes:
            raise _HeadersTooLarge

    def on_headers_complete(self) -> None:
        self._headers_since = None
        self.waiting_since = None
        super().on_headers_complete()

    def eof_received(self) -> bool:  # type: ignore[override]
        # A client may close its sending side once the request is out (RFC 9112 §9.6 leaves
        # the connection half-open): keep it open until the response is written, instead of
        # letting asyncio close it with the answer still being computed.
        cycle = self.cycle
        return cycle is not None and not cycle.response_complete

    def data_received(self, data: bytes) -> None:
        # uvicorn's, except that headers over the limits are a 431 rather than a 400.
        self._unset_keepalive_if_required()
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserError as exc:
            if isinstance(exc.__context__, _HeadersTooLarge):
                self.transport.write(_TOO_LARGE)
                self.transport.close()
                return
            msg = "Invalid HTTP request received."
            self.logger.warning(msg)
            self.send_400_response(msg)
        except httptools.HttpParserUpgrade:
            if self._should_upgrade():
                self.handle_websocket_upgrade()
            else:
                self._unsupported_upgrade_warning()
