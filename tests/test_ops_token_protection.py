"""Token-endpoint protection: per-client and per-address rate limits (429 + Retry-After), the
exponential lockout after wrong secrets, and the parameter/size limits of the form."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from camunda_hub.server.settings import Settings
from camunda_hub.server.store.db import Database
from camunda_hub.server.throttle.ratelimit import TokenThrottle
from camunda_hub.server.throttle.state import lockout_seconds
from tests.support.server import Credentials, HubServer

# -- the throttle itself (in-process, with a fake clock) -----------------------------------


class FakeClock:
    def __init__(self, now: float = 1_800_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def _settings(**overrides: object) -> Settings:
    return Settings(database_url="sqlite:///:memory:", **overrides)  # type: ignore[arg-type]


def _memory_throttle(clock: FakeClock, **overrides: object) -> TokenThrottle:
    db = Database("sqlite:///:memory:")
    return TokenThrottle(_settings(**overrides), lambda: db, clock=clock)


async def test_per_client_limit_resets_with_the_window() -> None:
    clock = FakeClock()
    throttle = _memory_throttle(clock, token_rate_per_client=3, token_rate_per_address=0)
    for _ in range(3):
        assert (await throttle.admit("client-a", "10.0.0.1"))[0] is None
    refusal, _ = await throttle.admit("client-a", "10.0.0.1")
    assert refusal is not None and refusal.reason == "rate_client"
    assert 1 <= refusal.retry_after <= 60
    # Another client is not affected.
    assert (await throttle.admit("client-b", "10.0.0.1"))[0] is None
    clock.now += 60
    assert (await throttle.admit("client-a", "10.0.0.1"))[0] is None


async def test_per_address_limit_covers_every_client_id() -> None:
    clock = FakeClock()
    throttle = _memory_throttle(clock, token_rate_per_client=0, token_rate_per_address=4)
    for index in range(4):
        assert (await throttle.admit(f"guess-{index}", "10.0.0.9"))[0] is None
    refusal, _ = await throttle.admit("guess-5", "10.0.0.9")
    assert refusal is not None and refusal.reason == "rate_address"
    assert (await throttle.admit("guess-5", "10.0.0.10"))[0] is None


async def test_lockout_doubles_and_a_success_resets_it() -> None:
    clock = FakeClock()
    throttle = _memory_throttle(
        clock, lockout_after_failures=3, lockout_seconds=2.0, lockout_max_seconds=10.0
    )
    for _ in range(2):
        await throttle.failed("client-a")
        assert (await throttle.admit("client-a", None))[0] is None
    await throttle.failed("client-a")
    refusal, _ = await throttle.admit("client-a", None)
    assert refusal is not None and refusal.reason == "locked" and refusal.retry_after == 2
    clock.now += 2.5
    refusal, has_failures = await throttle.admit("client-a", None)
    assert refusal is None and has_failures
    await throttle.failed("client-a")
    refusal, _ = await throttle.admit("client-a", None)
    assert refusal is not None and refusal.retry_after == 4
    clock.now += 5
    await throttle.succeeded("client-a")
    assert await throttle.admit("client-a", None) == (None, False)


def test_lockout_growth_is_capped() -> None:
    settings = _settings(lockout_after_failures=5, lockout_seconds=1.0, lockout_max_seconds=60.0)
    assert [lockout_seconds(settings, n) for n in (4, 5, 6, 7, 10, 500)] == [
        0.0,
        1.0,
        2.0,
        4.0,
        32.0,
        60.0,
    ]


# -- over HTTP ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def guarded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HubServer]:
    env = {
        "CAMUNDA_HUB_TOKEN_RATE_PER_CLIENT": "12",
        "CAMUNDA_HUB_LOCKOUT_AFTER_FAILURES": "3",
        "CAMUNDA_HUB_LOCKOUT_SECONDS": "1.5",
    }
    with HubServer(tmp_path_factory.mktemp("guarded"), env=env) as server:
        yield server


def _away_from_window_edge() -> None:
    # Limits count per wall-clock minute; do not let a test straddle two windows.
    if time.time() % 60 > 55:
        time.sleep(60.5 - time.time() % 60)


def test_a_client_over_its_rate_gets_429_with_retry_after(guarded: HubServer) -> None:
    creds = guarded.create_client(name="busy", wait=False)
    _away_from_window_edge()
    # The new client reaches the server through the change feed; every attempt until then
    # counts against its rate as well.
    attempts = 1
    deadline = time.monotonic() + 5
    while guarded.request_token(creds).status_code != 200 and time.monotonic() < deadline:
        attempts += 1
        time.sleep(0.05)
    statuses = [guarded.request_token(creds).status_code for _ in range(13 - attempts)]
    assert statuses == [200] * (12 - attempts) + [429]
    refused = guarded.request_token(creds)
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert refused.headers["Cache-Control"] == "no-store"
    assert refused.json()["error"] == "temporarily_unavailable"
    # Other clients keep working.
    assert guarded.request_token(guarded.create_client(name="calm", wait=False)).status_code == 200


def _wrong(creds: Credentials) -> Credentials:
    return Credentials(creds.client_id, "wrong-" + "z" * 40)


def test_wrong_secrets_lock_the_client_then_it_recovers(guarded: HubServer) -> None:
    creds = guarded.create_client(name="target", wait=False)
    _away_from_window_edge()
    # Only a client the server knows can be locked: wait for it (within the client's rate).
    deadline = time.monotonic() + 5
    while guarded.request_token(creds).status_code != 200 and time.monotonic() < deadline:
        time.sleep(0.05)
    for _ in range(3):
        assert guarded.request_token(_wrong(creds)).status_code == 401
    locked = guarded.request_token(creds)
    assert locked.status_code == 429, locked.text
    assert locked.headers["Retry-After"] in ("1", "2")
    assert creds.client_secret not in locked.text
    time.sleep(2.0)
    assert guarded.request_token(creds).status_code == 200
    # The success reset the count: three more failures are needed to lock it again.
    for _ in range(2):
        assert guarded.request_token(_wrong(creds)).status_code == 401
    assert guarded.request_token(creds).status_code == 200


def test_unknown_client_ids_are_never_locked(guarded: HubServer) -> None:
    ghost = Credentials("no-such-client", "x" * 43)
    _away_from_window_edge()
    statuses = {guarded.request_token(ghost).status_code for _ in range(5)}
    assert statuses == {401}


def test_form_limits_on_the_token_endpoint(guarded: HubServer) -> None:
    many = {f"p{i}": "1" for i in range(40)}
    response = httpx.post(
        guarded.token_url,
        data={"grant_type": "client_credentials", "client_id": "a", **many},
    )
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"
    huge = httpx.post(
        guarded.token_url,
        content=b"client_id=a&pad=" + b"x" * 20_000,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert huge.status_code in (400, 413)


def test_limits_can_be_switched_off(tmp_path: Path) -> None:
    settings = _settings(
        token_rate_per_client=0, token_rate_per_address=0, lockout_after_failures=0
    )
    assert not TokenThrottle(settings, lambda: Database("sqlite:///:memory:")).enabled
