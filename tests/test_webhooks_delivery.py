"""Webhook deliveries, in-process with a real receiver on 127.0.0.1: every event delivered in
order with valid Standard Webhooks signatures (checked by the ``standardwebhooks`` verifier and
by hand against the specification) and without file content; retries with backoff visible in
the delivery log, honouring Retry-After; a receiver that is down and comes back; one failing
receiver never delays another; secret rotation signs with both secrets.

Retry delays are scaled down (CAMUNDA_HUB_WEBHOOK_RETRY_SCALE) instead of sleeping them out."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import re
import socket
import threading
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio
from standardwebhooks.webhooks import Webhook as Verifier

from tests.support.in_process import in_process_hub

pytestmark = pytest.mark.asyncio(loop_scope="session")

CONTENT = "<bpmn:definitions marker='never-in-a-payload'/>"
RUNTIME: list[Any] = []  # the module hub's runtime, for tests that reach into its database


@dataclass
class Receiver:
    port: int = 0
    # Status codes to answer with, in turn; when empty, 200.
    script: list[int] = field(default_factory=list)
    retry_after: str | None = None
    received: list[dict[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"


def _serve(state: Receiver, port: int = 0) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            with state.lock:
                status = state.script.pop(0) if state.script else 200
                state.received.append(
                    {"headers": dict(self.headers.items()), "body": body, "status": status}
                )
            self.send_response(status)
            if status >= 400 and state.retry_after:
                self.send_header("Retry-After", state.retry_after)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    state.port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    state = Receiver()
    server = _serve(state)
    yield state
    server.shutdown()
    server.server_close()


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def hub(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[httpx.AsyncClient]:
    async with in_process_hub(
        Path(tmp_path_factory.mktemp("webhooks")),
        outbound_allow=["127.0.0.1/32"],
        webhook_retry_scale=0.002,  # 5 s → 10 ms, 30 s → 60 ms, …; failing after ~3 min
    ) as in_process:
        token = (await in_process.client.post("/oauth/token", data=in_process.token_form())).json()
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=in_process.app),
            base_url="http://hub/api/v2",
            headers={"Authorization": f"Bearer {token['access_token']}"},
        ) as api:
            RUNTIME.append(in_process.app.state.runtime)
            yield api


async def _ok(response: httpx.Response, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json() if response.content else None


async def _webhook(api: httpx.AsyncClient, url: str, **extra: Any) -> dict[str, Any]:
    return await _ok(await api.post("/webhooks", json={"url": url, **extra}))  # type: ignore[no-any-return]


async def _until(condition: Any, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.02)


def _spec_signatures(secret: str, headers: dict[str, str], body: bytes) -> list[bytes]:
    """The Standard Webhooks signature, computed from the specification by hand:
    base64(HMAC-SHA256(base64-decoded secret, "{id}.{timestamp}.{body}"))."""
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + body
    expected = hmac.new(key, signed, hashlib.sha256).digest()
    passed = [
        base64.b64decode(part.split(",", 1)[1]) for part in headers["webhook-signature"].split()
    ]
    return [sig for sig in passed if hmac.compare_digest(sig, expected)]


def _lower(headers: dict[str, str]) -> dict[str, str]:
    return {k.lower(): v for k, v in headers.items()}


async def _mixed_changes(api: httpx.AsyncClient, count: int) -> int:
    """``count`` changes of mixed types; returns how many events they made."""
    workspace = await _ok(await api.post("/workspaces", json={"name": "hooks"}))
    project = await _ok(
        await api.post("/projects", json={"name": "p", "workspaceKey": workspace["workspaceKey"]})
    )
    made = 2
    files: list[dict[str, Any]] = []
    while made < count:
        step = made % 4
        if step == 0 or not files:
            file = await _ok(
                await api.post(
                    "/files",
                    json={
                        "name": f"f{made}",
                        "projectKey": project["projectKey"],
                        "type": "bpmn",
                        "content": CONTENT,
                    },
                )
            )
            files.append(file)
        elif step == 1:
            file = files[-1]
            files[-1] = await _ok(
                await api.patch(
                    f"/files/{file['fileKey']}",
                    json={"revision": file["revision"], "content": CONTENT + str(made)},
                )
            )
        elif step == 2:
            file = files[-1]
            files[-1] = await _ok(
                await api.patch(
                    f"/files/{file['fileKey']}",
                    json={"revision": file["revision"], "name": f"renamed{made}"},
                )
            )
        else:
            await _ok(
                await api.post(
                    "/folders", json={"name": f"d{made}", "projectKey": project["projectKey"]}
                )
            )
        made += 1
    return made


async def test_every_event_is_delivered_in_order_signed_and_without_content(
    hub: httpx.AsyncClient, receiver: Receiver
) -> None:
    created = await _webhook(hub, receiver.url, description="all")
    secret = created["secret"]
    assert secret.startswith("whsec_")
    assert "secret" not in await _ok(await hub.get(f"/webhooks/{created['webhookKey']}"))
    count = await _mixed_changes(hub, 200)
    await _until(lambda: len(receiver.received) >= count)
    await asyncio.sleep(0.2)
    assert len(receiver.received) == count  # nothing twice
    sequences = []
    types = set()
    for message in receiver.received:
        headers = _lower(message["headers"])
        payload = Verifier(secret).verify(message["body"], headers)  # the maintained verifier
        assert len(_spec_signatures(secret, headers, message["body"])) == 1  # and by hand
        assert headers["webhook-id"] == payload["eventKey"]
        assert b"never-in-a-payload" not in message["body"]
        sequences.append(payload["sequence"])
        types.add(payload["type"])
    assert sequences == sorted(sequences)
    assert sequences == list(range(sequences[0], sequences[0] + count))
    assert {"file.created", "file.content_changed", "file.updated", "folder.created"} <= types
    state = await _ok(await hub.get(f"/webhooks/{created['webhookKey']}"))
    assert state["status"] == "active" and state["deliveredThrough"] == sequences[-1]
    assert state["lastStatusCode"] == 200


async def test_a_failing_receiver_is_retried_with_backoff_in_the_log(
    hub: httpx.AsyncClient, receiver: Receiver
) -> None:
    receiver.script = [500, 500, 503, 500]
    created = await _webhook(hub, receiver.url, types=["workspace"])
    await _ok(await hub.post("/workspaces", json={"name": "retried"}))
    await _until(lambda: any(m["status"] == 200 for m in receiver.received))
    assert [m["status"] for m in receiver.received] == [500, 500, 503, 500, 200]
    ids = {_lower(m["headers"])["webhook-id"] for m in receiver.received}
    assert len(ids) == 1  # the same message, retried
    deadline = time.monotonic() + 5
    while True:
        log = (await _ok(await hub.post(f"/webhooks/{created['webhookKey']}/deliveries/search")))[
            "items"
        ]
        if (log and log[0]["delivered"]) or time.monotonic() > deadline:
            break
        await asyncio.sleep(0.05)
    assert [(a["attempt"], a["statusCode"], a["delivered"]) for a in reversed(log)] == [
        (1, 500, False),
        (2, 500, False),
        (3, 503, False),
        (4, 500, False),
        (5, 200, True),
    ]
    for attempt in log[1:]:
        assert attempt["error"] == f"answered {attempt['statusCode']}"
        finished = _parse(attempt["started"]) + attempt["durationMs"] / 1000
        assert _parse(attempt["nextAttempt"]) > finished - 0.002
    assert log[0]["nextAttempt"] is None and log[0]["error"] is None


async def test_the_backoff_grows_has_jitter_and_honours_retry_after() -> None:
    from datetime import UTC, datetime, timedelta

    from camunda_hub.server.events.dispatcher import BACKOFF, backoff, retry_after_seconds

    assert BACKOFF == (5.0, 30.0, 120.0, 600.0, 3600.0)
    for attempt, base in enumerate([*BACKOFF, 3600.0, 3600.0], start=1):
        delays = {backoff(attempt) for _ in range(20)}
        assert all(0.8 * base <= d <= 1.2 * base for d in delays)
        assert len(delays) > 1  # jittered
    assert 0.008 <= backoff(1, scale=0.002) <= 0.012
    assert backoff(1, scale=0.002, retry_after=7) == 7
    assert backoff(1, retry_after=10**6) == 3600  # a receiver cannot park us for ever
    now = datetime(2026, 1, 1, tzinfo=UTC)
    assert retry_after_seconds("120", now) == 120
    http_date = (now + timedelta(seconds=30)).strftime("%a, %d %b %Y %H:%M:%S GMT")
    assert retry_after_seconds(http_date, now) == 30
    assert retry_after_seconds("soon", now) is None


async def test_retry_after_is_honoured(hub: httpx.AsyncClient, receiver: Receiver) -> None:
    receiver.script = [429]
    receiver.retry_after = "1"
    await _webhook(hub, receiver.url, types=["workspace"])
    await _ok(await hub.post("/workspaces", json={"name": "slow down"}))
    await _until(lambda: len(receiver.received) >= 2)
    # Without Retry-After the first retry would come after ~10 ms.
    first, second = receiver.received[0], receiver.received[1]
    gap = int(_lower(second["headers"])["webhook-timestamp"]) - int(
        _lower(first["headers"])["webhook-timestamp"]
    )
    assert gap >= 1


async def test_a_receiver_that_is_down_gets_everything_once_it_is_back(
    hub: httpx.AsyncClient,
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    state = Receiver(port=port)
    created = await _webhook(hub, state.url, types=["project"])
    workspace = await _ok(await hub.post("/workspaces", json={"name": "down"}))
    for n in range(3):
        await _ok(
            await hub.post(
                "/projects", json={"name": f"p{n}", "workspaceKey": workspace["workspaceKey"]}
            )
        )
    key = created["webhookKey"]

    async def log() -> list[dict[str, Any]]:
        return (await _ok(await hub.post(f"/webhooks/{key}/deliveries/search")))["items"]

    deadline = time.monotonic() + 10
    while len(await log()) < 2:
        assert time.monotonic() < deadline
        await asyncio.sleep(0.05)
    assert all(a["error"] == "the receiver could not be reached" for a in await log())
    server = _serve(state, port)
    try:
        await _until(lambda: len(state.received) >= 3)
        names = [json.loads(m["body"])["data"]["name"] for m in state.received]
        assert names == ["p0", "p1", "p2"]
    finally:
        server.shutdown()
        server.server_close()


async def test_one_failing_receiver_never_delays_another(
    hub: httpx.AsyncClient, receiver: Receiver
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{probe.getsockname()[1]}/hook"
    await _webhook(hub, dead, types=["workspace"])
    await _webhook(hub, receiver.url, types=["workspace"])
    started = time.monotonic()
    for n in range(5):
        await _ok(await hub.post("/workspaces", json={"name": f"w{n}"}))
    await _until(lambda: len(receiver.received) >= 5, timeout=5)
    assert time.monotonic() - started < 3


async def test_a_rotated_secret_signs_alongside_the_previous_one(
    hub: httpx.AsyncClient, receiver: Receiver
) -> None:
    created = await _webhook(hub, receiver.url, types=["workspace"])
    rotated = await _ok(
        await hub.post(
            f"/webhooks/{created['webhookKey']}/secret-rotation", json={"gracePeriodSeconds": 60}
        )
    )
    assert rotated["secret"] != created["secret"] and rotated["previousSecretExpires"]
    await _ok(await hub.post("/workspaces", json={"name": "rotated"}))
    await _until(lambda: len(receiver.received) >= 1)
    message = receiver.received[0]
    headers = _lower(message["headers"])
    assert len(headers["webhook-signature"].split()) == 2
    for secret in (created["secret"], rotated["secret"]):
        Verifier(secret).verify(message["body"], headers)
        assert len(_spec_signatures(secret, headers, message["body"])) == 1


async def test_disabled_webhooks_get_nothing_and_resume_when_enabled(
    hub: httpx.AsyncClient, receiver: Receiver
) -> None:
    created = await _webhook(hub, receiver.url, types=["workspace"])
    key = created["webhookKey"]
    disabled = await _ok(await hub.patch(f"/webhooks/{key}", json={"active": False}))
    assert disabled["status"] == "disabled"
    await _ok(await hub.post("/workspaces", json={"name": "while disabled"}))
    await asyncio.sleep(0.5)
    assert receiver.received == []
    await _ok(await hub.patch(f"/webhooks/{key}", json={"active": True}))
    await _until(lambda: len(receiver.received) == 1)
    assert json.loads(receiver.received[0]["body"])["data"]["name"] == "while disabled"


@pytest.mark.parametrize(
    ("url", "mentions"),
    [
        ("http://hooks.example.com/x", "https"),
        ("ftp://hooks.example.com/x", "https"),
        ("https://user:pw@hooks.example.com/x", "credentials"),
        ("https://hooks.example.com/x#frag", "fragment"),
    ],
)
async def test_unacceptable_urls_are_refused(
    hub: httpx.AsyncClient, url: str, mentions: str
) -> None:
    response = await hub.post("/webhooks", json={"url": url})
    assert response.status_code == 400, response.text
    assert mentions in response.json()["detail"]


def _parse(value: str) -> float:
    from datetime import datetime

    return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()


async def test_after_24_hours_of_failures_the_webhook_is_failing_until_re_enabled(
    hub: httpx.AsyncClient,
) -> None:
    from datetime import timedelta

    from sqlalchemy import update

    from camunda_hub.server.store.schema.base import utcnow
    from camunda_hub.server.store.schema.events import Webhook

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{probe.getsockname()[1]}/hook"
    created = await _webhook(hub, dead, types=["workspace"])
    key = created["webhookKey"]
    await _ok(await hub.post("/workspaces", json={"name": "never arrives"}))

    async def state() -> dict[str, Any]:
        return await _ok(await hub.get(f"/webhooks/{key}"))  # type: ignore[no-any-return]

    deadline = time.monotonic() + 10
    while (await state())["nextAttempt"] is None:
        assert time.monotonic() < deadline
        await asyncio.sleep(0.05)
    # As if the first failure were 24 h old (scaled: the threshold is 24 h times 0.002). An
    # attempt in flight writes its own view back, so set it again until a round sees it.
    runtime = RUNTIME[0]
    deadline = time.monotonic() + 20
    while (await state())["status"] != "failing":
        assert time.monotonic() < deadline
        async with runtime.db.transaction() as session:
            await session.execute(
                update(Webhook)
                .where(Webhook.key == key, Webhook.failing.is_(False))
                .values(failing_since=utcnow() - timedelta(hours=25), next_attempt=utcnow())
            )
        await asyncio.sleep(0.3)
    attempts = len((await _ok(await hub.post(f"/webhooks/{key}/deliveries/search")))["items"])
    await asyncio.sleep(0.5)
    assert (
        len((await _ok(await hub.post(f"/webhooks/{key}/deliveries/search")))["items"]) == attempts
    )

    def gauge(text: str, series: str) -> int:
        found = re.search(rf"^{re.escape(series)} (\d+)$", text, re.MULTILINE)
        assert found, series
        return int(found.group(1))

    # The gauge is refreshed by the dispatcher's next round (the database's view).
    deadline = time.monotonic() + 10
    while (
        gauge(metrics := (await hub.get("http://hub/metrics")).text, "camunda_hub_webhooks_failing")
        < 1
    ):
        assert time.monotonic() < deadline, "the failing webhook never showed in /metrics"
        await asyncio.sleep(0.1)
    assert gauge(metrics, 'camunda_hub_webhook_attempts_total{outcome="failed"}') >= 1
    resumed = await _ok(await hub.patch(f"/webhooks/{key}", json={"active": True}))
    assert resumed["status"] == "active"
    await _ok(await hub.delete(f"/webhooks/{key}"), 204)
