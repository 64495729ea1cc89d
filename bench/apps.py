"""The bench-only app: camunda-hub's own app with one extra unauthenticated ``GET /hello`` route,
so an authenticated ``/api/v2/info`` call can be compared with the ceiling of the same stack
(FastAPI, the same middleware and exception handlers, uvicorn) in the same process.

Run: ``python -m bench.apps --data-dir DIR [--signing-alg ALG]`` — serves on a free port of
127.0.0.1 with the uvicorn options ``camunda-hub serve`` uses, and prints where it listens. It
is never part of the product."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fastapi import FastAPI
from pydantic import BaseModel

from bench.announced import loopback_socket, run_announced
from camunda_hub.server.app import create_app
from camunda_hub.server.settings import Settings


class Hello(BaseModel):
    hello: str


def create_bench_app(settings: Settings) -> FastAPI:
    app = create_app(settings)

    # Same shape as /api/v2/info (a pydantic response model, JSON), minus authentication.
    @app.get("/hello", response_model=Hello)
    async def hello() -> Hello:
        return Hello(hello="world")

    # First in the route table: the ceiling of the stack, not a route that first fails to
    # match every Hub API route before it.
    routes = app.router.routes
    routes.insert(0, routes.pop())
    return app


def main(argv: list[str] | None = None) -> None:
    import uvicorn

    parser = argparse.ArgumentParser(prog="python -m bench.apps")
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--signing-alg", default="ES256")
    args = parser.parse_args(argv)

    sock, port = loopback_socket(reuse=True)
    settings = Settings(
        host="127.0.0.1", port=port, data_dir=args.data_dir, signing_alg=args.signing_alg
    )
    app = create_bench_app(settings)

    # The options cli/serve.py gives uvicorn, so both serve the app the same way.
    config = uvicorn.Config(
        app,
        log_level="info",
        access_log=settings.access_log,
        proxy_headers=False,
        server_header=False,
        timeout_graceful_shutdown=30,
        lifespan="on",
    )
    if not run_announced(config, sock, f"bench app listening on {settings.listen_url}"):
        sys.exit(1)


if __name__ == "__main__":
    main()
