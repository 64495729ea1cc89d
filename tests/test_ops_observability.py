"""Health, metrics, request ids, JSON logs without secrets, size limits, graceful shutdown."""

from __future__ import annotations

import json
import signal
import socket
import time
from pathlib import Path

import httpx
import pytest

from tests.support.responses import assert_problem
from tests.support.server import HubServer


def test_health_live_and_ready(hub: HubServer) -> None:
    live = httpx.get(f"{hub.url}/health/live")
    assert live.status_code == 200
    assert live.json() == {"status": "UP"}
    ready = httpx.get(f"{hub.url}/health/ready")
    assert ready.status_code == 200
    assert ready.json() == {"status": "UP", "checks": {"database": "UP"}}


def _metric(text: str, prefix: str, contains: str = "") -> float:
    values = [
        float(line.rsplit(" ", 1)[1])
        for line in text.splitlines()
        if line.startswith(prefix) and contains in line
    ]
    assert values, f"no sample starting with {prefix!r}"
    return sum(values)


def test_metrics_count_tokens_failures_latency_and_cache_hits(hub: HubServer) -> None:
    creds = hub.create_client("read", name="metrics-probe")
    token = hub.token(creds)
    for _ in range(3):
        response = httpx.get(f"{hub.url}/api/v2/info", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 200
    refused = hub.request_token(creds, client_secret="wrong-" + "x" * 40)
    assert refused.status_code == 401

    metrics = httpx.get(f"{hub.url}/metrics")
    assert metrics.status_code == 200
    assert metrics.headers["content-type"].startswith("text/plain; version=0.0.4")
    text = metrics.text
    # Without a metrics token: totals only, no client ids for anyone who can reach the port.
    assert _metric(text, "camunda_hub_tokens_issued_total ") >= 1
    assert creds.client_id not in text
    assert _metric(text, "camunda_hub_token_failures_total{", 'reason="invalid_client"') >= 1
    assert _metric(text, 'camunda_hub_verified_token_cache_total{result="hit"}') >= 2
    info_count = 'camunda_hub_request_duration_seconds_count{route="/api/v2/info",method="GET"}'
    assert _metric(text, info_count) >= 3
    assert _metric(text, 'camunda_hub_request_duration_seconds_count{route="/oauth/token"') >= 2
    assert (
        _metric(text, 'camunda_hub_responses_total{route="/api/v2/info",method="GET",status="2xx"}')
        >= 3
    )
    # Secrets and tokens never appear in the metrics.
    assert creds.client_secret not in text
    assert token not in text


def test_metrics_token_guards_metrics_only(tmp_path: Path) -> None:
    token = "prometheus-" + "s" * 32
    with HubServer(tmp_path, env={"CAMUNDA_HUB_METRICS_TOKEN": token}) as server:
        url = f"{server.url}/metrics"
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {token}"}):
            refused = httpx.get(url, headers=headers)
            assert_problem(refused, 401, "CAMUNDA_HUB_METRICS_TOKEN")
            assert refused.headers["www-authenticate"] == 'Bearer realm="metrics"'
            assert token not in refused.text
        creds = server.create_client("read", name="metrics-probe")
        server.token(creds)
        allowed = httpx.get(url, headers={"Authorization": f"Bearer {token}"})
        assert allowed.status_code == 200
        assert "camunda_hub_responses_total" in allowed.text
        # Behind the token, one series per client.
        series = f'camunda_hub_tokens_issued_total{{client_id="{creds.client_id}"}}'
        assert _metric(allowed.text, series) >= 1
        # Health checks stay open for load balancers and orchestrators.
        assert httpx.get(f"{server.url}/health/live").status_code == 200
    assert token not in server.output


def test_unknown_paths_share_one_route_label(hub: HubServer) -> None:
    for suffix in ("a", "b", "c"):
        httpx.get(f"{hub.url}/no-such-path-{suffix}")
    text = httpx.get(f"{hub.url}/metrics").text
    assert "no-such-path" not in text
    assert 'route="unmatched"' in text


def test_request_id_is_echoed_or_generated(hub: HubServer) -> None:
    given = httpx.get(f"{hub.url}/health/live", headers={"X-Request-Id": "trace-42.a_b"})
    assert given.headers["x-request-id"] == "trace-42.a_b"
    fresh = httpx.get(f"{hub.url}/health/live")
    assert len(fresh.headers["x-request-id"]) >= 16
    # An id that could inject into logs (spaces, newlines, huge) is replaced, not echoed.
    hostile = httpx.get(f"{hub.url}/health/live", headers={"X-Request-Id": "a b\tc" + "x" * 100})
    assert hostile.headers["x-request-id"] != "a b\tc" + "x" * 100
    assert " " not in hostile.headers["x-request-id"]


def test_size_limits_answer_problem_json(hub: HubServer) -> None:
    # The declared length alone is refused, before any of the body is read.
    host, port = hub.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(
            b"POST /api/v2/workspaces HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 67108864\r\nConnection: close\r\n\r\n{}"
        )
        raw = sock.recv(65536).decode()
    assert raw.startswith("HTTP/1.1 413"), raw
    assert "application/problem+json" in raw

    too_long = httpx.get(f"{hub.url}/api/v2/info?q=" + "x" * 9000)
    assert_problem(too_long, 414, "query string")
    many = "&".join(f"p{i}=1" for i in range(65))
    assert_problem(httpx.get(f"{hub.url}/api/v2/info?{many}"), 400, "too many query parameters")


def test_streamed_body_over_the_limit_is_refused(tmp_path: Path) -> None:
    with HubServer(tmp_path, env={"CAMUNDA_HUB_MAX_BODY_BYTES": "2048"}) as server:
        creds = server.create_client(name="streamer")
        token = server.token(creds)

        def chunks():  # type: ignore[no-untyped-def]
            for _ in range(8):
                yield b"x" * 1024

        response = httpx.post(
            f"{server.url}/api/v2/workspaces",
            content=chunks(),
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        )
        assert_problem(response, 413, "2048 bytes")


def test_json_logs_have_request_ids_and_never_secrets(tmp_path: Path) -> None:
    server = HubServer(tmp_path, args=["--log-json"]).start()
    try:
        creds = server.create_client(name="logger")
        token = server.token(creds)
        httpx.get(
            f"{server.url}/api/v2/info",
            headers={"Authorization": f"Bearer {token}", "X-Request-Id": "rid-123"},
        )
        server.request_token(creds, client_secret="not-the-secret-" + "y" * 30)
        # A secret in a query string (a misuse) must not reach the access log either.
        httpx.get(f"{server.url}/oauth/token?client_secret={creds.client_secret}")
        time.sleep(0.3)
    finally:
        server.stop()
    output = server.output
    assert creds.client_secret not in output
    assert token not in output
    assert "not-the-secret-" not in output
    entries = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    assert entries, output
    assert all({"time", "level", "logger", "message"} <= set(entry) for entry in entries)
    tagged = [entry for entry in entries if entry.get("request_id") == "rid-123"]
    assert tagged and "/api/v2/info" in tagged[0]["message"]


def test_graceful_shutdown_finishes_in_flight_requests(tmp_path: Path) -> None:
    server = HubServer(tmp_path).start()
    try:
        creds = server.create_client(name="in-flight")
        body = (
            f"grant_type=client_credentials&client_id={creds.client_id}"
            f"&client_secret={creds.client_secret}"
        ).encode()
        host, port = server.url.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port)), timeout=20) as sock:
            sock.sendall(
                b"POST /oauth/token HTTP/1.1\r\nHost: x\r\n"
                b"Content-Type: application/x-www-form-urlencoded\r\n"
                + f"Content-Length: {len(body)}\r\n\r\n".encode()
                + body[:10]
            )
            time.sleep(0.3)
            assert server.process is not None
            server.process.send_signal(signal.SIGTERM)
            time.sleep(0.5)
            # The process is still there, finishing the request that was under way.
            assert server.process.poll() is None
            sock.sendall(body[10:])
            response = b""
            while b"access_token" not in response:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                response += chunk
        assert response.startswith(b"HTTP/1.1 200"), response
        # uvicorn re-raises the signal once it has shut down cleanly.
        assert server.process.wait(20) in (0, -signal.SIGTERM)
        # New connections are no longer accepted once it stopped.
        with pytest.raises(httpx.TransportError):
            httpx.get(f"{server.url}/health/live", timeout=2)
    finally:
        server.stop()
