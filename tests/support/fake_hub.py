"""A scripted stand-in for a token endpoint and the Hub API on 127.0.0.1, for fault injection
(429/503 from the token endpoint, 401s from the API) that a healthy real server never produces.
Every request is recorded so tests can count them."""

from __future__ import annotations

import json
import ssl
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass
class Reply:
    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    # Seconds to wait before answering (a hanging server, for timeout tests).
    delay: float = 0.0


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    # The absolute URL when the request came in as to a proxy (absolute-form target).
    proxied_url: str | None = None

    @property
    def form(self) -> dict[str, str]:
        return {k: v[0] for k, v in parse_qs(self.body.decode()).items()}


class FakeHub:
    TOKEN_PATH = "/oauth/token"

    def __init__(self, expires_in: int = 300, tls: ssl.SSLContext | None = None) -> None:
        self.expires_in = expires_in
        self.token_replies: deque[Reply] = deque()
        self.api_replies: deque[Reply] = deque()
        self.requests: list[Seen] = []
        self._issued = 0
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self.scheme = "https" if tls else "http"
        if tls is not None:
            self._server.socket = tls.wrap_socket(self._server.socket, server_side=True)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"{self.scheme}://{host}:{port}"

    @property
    def token_url(self) -> str:
        return self.url + self.TOKEN_PATH

    def token_requests(self) -> list[Seen]:
        with self._lock:
            return [r for r in self.requests if r.path == self.TOKEN_PATH]

    def api_requests(self) -> list[Seen]:
        with self._lock:
            return [r for r in self.requests if r.path.startswith("/api/")]

    def __enter__(self) -> FakeHub:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _next(self, path: str) -> Reply:
        with self._lock:
            queue = self.token_replies if path == self.TOKEN_PATH else self.api_replies
            if queue:
                return queue.popleft()
            if path == self.TOKEN_PATH:
                self._issued += 1
                return Reply(
                    200,
                    {
                        "access_token": f"fake-access-token-{self._issued:04d}-abcdefgh",
                        "expires_in": self.expires_in,
                        "token_type": "Bearer",
                    },
                )
            return Reply(200, {"version": "v2", "authorizedOrganization": "fake-org"})

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                proxied = self.path if "://" in self.path else None
                if proxied:
                    self.path = urlsplit(proxied).path
                with fake._lock:
                    fake.requests.append(
                        Seen(self.command, self.path, dict(self.headers.items()), body, proxied)
                    )
                reply = fake._next(self.path)
                if reply.delay:
                    time.sleep(reply.delay)
                payload = b"" if reply.body is None else json.dumps(reply.body).encode()
                self.send_response(reply.status)
                content_type = (
                    "application/problem+json"
                    if reply.status >= 400 and self.path.startswith("/api/")
                    else "application/json"
                )
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(payload)))
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_PATCH = do_DELETE = _serve

        return Handler
