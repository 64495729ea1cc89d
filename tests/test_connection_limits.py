"""Connection limits of ``serve`` (ops/http_protocol.py) against a real server process: header
size and count, the deadline for headers (slowloris), and connections per process — while a
normal client keeps being answered."""

from __future__ import annotations

import contextlib
import os
import socket
import time
from collections.abc import Iterator

import httpx
import pytest

from tests.support.server import HubServer

MAX_CONNECTIONS = 40
HEADER_TIMEOUT = 1.5


@pytest.fixture(scope="module")
def limited(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HubServer]:
    env = {
        "CAMUNDA_HUB_MAX_CONNECTIONS": str(MAX_CONNECTIONS),
        "CAMUNDA_HUB_HEADER_TIMEOUT": str(HEADER_TIMEOUT),
        "CAMUNDA_HUB_MAX_HEADER_BYTES": "8192",
        "CAMUNDA_HUB_MAX_HEADERS": "50",
        "CAMUNDA_HUB_KEEP_ALIVE_TIMEOUT": "1",
    }
    with HubServer(tmp_path_factory.mktemp("limited"), env=env) as server:
        yield server


def _address(server: HubServer) -> tuple[str, int]:
    url = httpx.URL(server.url)
    return url.host, url.port or 80


def _raw(server: HubServer, request: bytes) -> bytes:
    with socket.create_connection(_address(server), timeout=10) as sock:
        sock.sendall(request)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
        return b"".join(chunks)


def test_oversized_and_too_many_headers_are_431(limited: HubServer) -> None:
    big = b"GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 20_000 + b"\r\n\r\n"
    assert _raw(limited, big).startswith(b"HTTP/1.1 431 ")
    many = b"GET /health/live HTTP/1.1\r\nHost: x\r\n"
    many += b"".join(b"X-H%d: 1\r\n" % i for i in range(60)) + b"\r\n"
    assert _raw(limited, many).startswith(b"HTTP/1.1 431 ")
    fine = b"GET /health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    assert _raw(limited, fine).startswith(b"HTTP/1.1 200 ")


def _descriptors(server: HubServer) -> int:
    assert server.process is not None
    return len(os.listdir(f"/proc/{server.process.pid}/fd"))


def test_a_slowloris_is_bounded_and_the_normal_client_answered(limited: HubServer) -> None:
    before = _descriptors(limited)
    slow: list[socket.socket] = []
    try:
        # Twice the connection limit, each trickling a header line now and then.
        for _ in range(2 * MAX_CONNECTIONS):
            sock = socket.create_connection(_address(limited), timeout=5)
            sock.sendall(b"GET /health/live HTTP/1.1\r\nHost: x\r\n")
            slow.append(sock)
        answered = 0
        started = time.monotonic()
        peak = 0
        while time.monotonic() - started < 2 * HEADER_TIMEOUT + 0.5:
            for sock in slow:
                with contextlib.suppress(OSError):  # dropped by the server already
                    sock.send(b"X-Slow: 1\r\n")
            response = httpx.get(f"{limited.url}/health/live", timeout=5)
            assert response.status_code == 200
            answered += 1
            peak = max(peak, _descriptors(limited))
            time.sleep(0.3)
        assert answered >= 5
        # Descriptors stay bounded by the limit, whatever the number of slow connections.
        assert peak <= before + MAX_CONNECTIONS + 5, (before, peak)
        # Past the header deadline, every slow connection has been dropped.
        for sock in slow:
            sock.settimeout(2)
            try:
                rest = sock.recv(65536)
            except (ConnectionResetError, BrokenPipeError):
                rest = b""
            assert rest == b"" or rest.startswith(b"HTTP/1.1 408 ")
    finally:
        for sock in slow:
            sock.close()


def test_idle_keep_alive_connections_are_closed(limited: HubServer) -> None:
    with socket.create_connection(_address(limited), timeout=10) as sock:
        sock.sendall(b"GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n")
        received = b""
        while b'"UP"' not in received:
            received += sock.recv(65536)
        assert received.startswith(b"HTTP/1.1 200 ")
        # The keep-alive timeout (1 s here) ends the idle connection.
        started = time.monotonic()
        sock.settimeout(10)
        assert sock.recv(65536) == b""
        assert time.monotonic() - started < 5


def test_the_header_deadline_runs_from_each_requests_first_byte(limited: HubServer) -> None:
    """On a kept-alive connection the second request's headers get their own full deadline:
    not the first one's (which would cut them short), and not none at all."""
    with socket.create_connection(_address(limited), timeout=10) as sock:
        sock.sendall(b"GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n")
        received = b""
        while b'"UP"' not in received:
            received += sock.recv(65536)
        time.sleep(0.5)  # within the keep-alive timeout (1 s)
        began = time.monotonic()
        sock.sendall(b"GET /health/live HTTP/1.1\r\nHost: x\r\n")
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
        waited = time.monotonic() - began
    assert answer.startswith(b"HTTP/1.1 408 "), answer
    assert HEADER_TIMEOUT - 0.1 <= waited < HEADER_TIMEOUT + 2, waited
