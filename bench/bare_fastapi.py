"""The yardstick of ``bench/api_overhead.py``: a bare FastAPI hello-world (one route, a pydantic
response model, no middleware) on uvicorn with its defaults (httptools, uvloop when installed,
its access log on), the way FastAPI's own tutorial serves it.

Run: ``python -m bench.bare_fastapi`` — serves on a free port of 127.0.0.1 and prints where it
listens. It is never part of the product."""

from __future__ import annotations

import uvicorn
from fastapi import FastAPI
from pydantic import BaseModel

from bench.announced import loopback_socket, run_announced


class Hello(BaseModel):
    hello: str


app = FastAPI()


@app.get("/hello", response_model=Hello)
async def hello() -> Hello:
    return Hello(hello="world")


def main() -> None:
    sock, port = loopback_socket()
    run_announced(
        uvicorn.Config(app, log_level="info"),
        sock,
        f"bare FastAPI listening on http://127.0.0.1:{port}",
    )


if __name__ == "__main__":
    main()
