"""The bench's own uvicorn servers (bare FastAPI, the token floor, the bench app): a loopback
socket chosen by the kernel, and a line on stdout once the server accepts requests, which
``bench/hub.py`` waits for."""

from __future__ import annotations

import socket

import uvicorn


def loopback_socket(*, reuse: bool = False) -> tuple[socket.socket, int]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if reuse:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(2048)
    return sock, sock.getsockname()[1]


def run_announced(config: uvicorn.Config, sock: socket.socket, announcement: str) -> bool:
    """Serve on ``sock`` until stopped; whether the server had started."""

    class AnnouncingServer(uvicorn.Server):
        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            await super().startup(sockets)
            print(announcement, flush=True)

    server = AnnouncingServer(config)
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
    return server.started
