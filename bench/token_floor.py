"""The floor of a token endpoint on ``serve``'s HTTP set-up: a raw ASGI app on uvicorn with the
protocol ``serve`` uses (``GuardedHttpToolsProtocol``, its access log off as in the token
figures) that reads the request body, makes one signature of a token-sized input with the key
alone, and answers a fixed token-sized JSON. No form parsing, no client check, no throttle:
what any token endpoint in Python on this server pays before doing its own work.

Run: ``python -m bench.token_floor ALG`` — serves on a free port of 127.0.0.1 and prints where
it listens. It is never part of the product."""

from __future__ import annotations

import sys
from typing import Any

import uvicorn

from bench.announced import loopback_socket, run_announced
from bench.signing import signer
from camunda_hub.server.ops.http_protocol import GuardedHttpToolsProtocol

_BODY = b'{"access_token":"' + b"x" * 700 + b'","expires_in":300,"token_type":"Bearer"}'
_HEADERS = [
    (b"content-type", b"application/json"),
    (b"content-length", str(len(_BODY)).encode()),
    (b"cache-control", b"no-store"),
]


def app_for(alg: str) -> Any:
    sign = signer(alg)

    async def app(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                kind = message["type"].removeprefix("lifespan.")
                await send({"type": f"lifespan.{kind}.complete"})
                if kind == "shutdown":
                    return
        more = True
        while more:
            more = (await receive()).get("more_body", False)
        sign()
        await send({"type": "http.response.start", "status": 200, "headers": _HEADERS})
        await send({"type": "http.response.body", "body": _BODY})

    return app


def main() -> None:
    sock, port = loopback_socket()
    config = uvicorn.Config(
        app_for(sys.argv[1]),
        http=GuardedHttpToolsProtocol,
        access_log=False,
        server_header=False,
        log_level="warning",
    )
    run_announced(config, sock, f"token floor listening on http://127.0.0.1:{port}")


if __name__ == "__main__":
    main()
