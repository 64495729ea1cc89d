"""The yardstick of ``bench/api_overhead.py``: a bare FastAPI hello-world (one route, a pydantic
response model, no middleware) on uvicorn with its defaults (httptools, uvloop when installed,
its access log on), the way FastAPI's own tutorial serves it.

Run: ``python -m bench.bare_fastapi`` — serves on a free port of 127.0.0.1 and prints where it
listens. It is never part of the product."""

from __future__ import annotations

import socket

import uvicorn
from fastapi import FastAPI
from pydantic import BaseModel


class Hello(BaseModel):
    hello: str


app = FastAPI()


@app.get("/hello", response_model=Hello)
async def hello() -> Hello:
    return Hello(hello="world")


def main() -> None:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(2048)
    port = sock.getsockname()[1]

    class AnnouncingServer(uvicorn.Server):
        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            await super().startup(sockets)
            print(f"bare FastAPI listening on http://127.0.0.1:{port}", flush=True)

    server = AnnouncingServer(uvicorn.Config(app, log_level="info"))
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()


if __name__ == "__main__":
    main()
