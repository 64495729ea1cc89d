"""A JWK Set server on 127.0.0.1 (a thread) that counts its requests: what an API client
publishing its private_key_jwt keys at a URL looks like to the hub."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.support.client_keys import KeyPair


@dataclass
class JwksServer:
    document: dict[str, Any] = field(default_factory=lambda: {"keys": []})
    status: int = 200
    hits: int = 0
    url: str = ""

    def publish(self, *pairs: tuple[KeyPair, str]) -> None:
        self.document = {"keys": [pair.public_jwk(kid=kid) for pair, kid in pairs]}


@contextmanager
def jwks_server() -> Iterator[JwksServer]:
    state = JwksServer()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.hits += 1
            body = json.dumps(state.document).encode()
            self.send_response(state.status)
            self.send_header("Content-Type", "application/jwk-set+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}/jwks.json"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
