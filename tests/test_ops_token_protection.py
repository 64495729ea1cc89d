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
from camunda_hub.server.throttle.ratelimit import Refusal, TokenThrottle, source_of
from camunda_hub.server.throttle.state import lockout_seconds
from tests.support.server import AUDIENCE, Credentials, HubServer

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


async def _authenticated(throttle: TokenThrottle, client_id: str, address: str) -> Refusal | None:
    refusal, standing = await throttle.admit(client_id, address)
    assert refusal is None
    return await throttle.authenticated(standing)


async def test_per_client_limit_resets_with_the_window() -> None:
    clock = FakeClock()
    throttle = _memory_throttle(clock, token_rate_per_client=3, token_rate_per_address=0)
    for _ in range(3):
        assert await _authenticated(throttle, "client-a", "10.0.0.1") is None
    refusal = await _authenticated(throttle, "client-a", "10.0.0.1")
    assert refusal is not None and refusal.reason == "rate_client"
    assert 1 <= refusal.retry_after <= 60
    # Another client is not affected.
    assert await _authenticated(throttle, "client-b", "10.0.0.1") is None
    clock.now += 60
    assert await _authenticated(throttle, "client-a", "10.0.0.1") is None


async def test_requests_naming_a_client_do_not_use_up_its_quota() -> None:
    clock = FakeClock()
    throttle = _memory_throttle(clock, token_rate_per_client=3, token_rate_per_address=0)
    for _ in range(50):  # junk in the client's name: never authenticated
        assert (await throttle.admit("client-a", "10.6.6.6"))[0] is None
    for _ in range(3):
        assert await _authenticated(throttle, "client-a", "10.0.0.1") is None


async def test_per_address_limit_covers_every_client_id() -> None:
    clock = FakeClock()
    throttle = _memory_throttle(clock, token_rate_per_client=0, token_rate_per_address=4)
    for index in range(4):
        assert (await throttle.admit(f"guess-{index}", "10.0.0.9"))[0] is None
    refusal, _ = await throttle.admit("guess-5", "10.0.0.9")
    assert refusal is not None and refusal.reason == "rate_address"
    assert (await throttle.admit("guess-5", "10.0.0.10"))[0] is None


async def test_ipv6_addresses_count_by_their_64() -> None:
    clock = FakeClock()
    throttle = _memory_throttle(clock, token_rate_per_client=0, token_rate_per_address=2)
    for host in ("2001:db8:1:2::1", "2001:db8:1:2::ffff"):
        assert (await throttle.admit("x", host))[0] is None
    refusal, _ = await throttle.admit("x", "2001:db8:1:2:aaaa::7")
    assert refusal is not None and refusal.reason == "rate_address"
    assert (await throttle.admit("x", "2001:db8:1:3::1"))[0] is None
    assert source_of("::ffff:10.1.2.3") == "10.1.2.3"


async def _fail(throttle: TokenThrottle, client_id: str, address: str | None) -> None:
    refusal, standing = await throttle.admit(client_id, address)
    assert refusal is None
    await throttle.failed(standing)


async def test_lockout_doubles_and_a_success_resets_it() -> None:
    clock = FakeClock()
    throttle = _memory_throttle(
        clock, lockout_after_failures=3, lockout_seconds=2.0, lockout_max_seconds=10.0
    )
    for _ in range(2):
        await _fail(throttle, "client-a", None)
        assert (await throttle.admit("client-a", None))[0] is None
    await _fail(throttle, "client-a", None)
    refusal, _ = await throttle.admit("client-a", None)
    assert refusal is not None and refusal.reason == "locked" and refusal.retry_after == 2
    clock.now += 2.5
    refusal, standing = await throttle.admit("client-a", None)
    assert refusal is None and standing.had_failures
    await throttle.failed(standing)
    refusal, _ = await throttle.admit("client-a", None)
    assert refusal is not None and refusal.retry_after == 4
    clock.now += 5
    _, standing = await throttle.admit("client-a", None)
    assert await throttle.authenticated(standing) is None
    refusal, standing = await throttle.admit("client-a", None)
    assert refusal is None and not standing.had_failures


async def test_a_lock_holds_only_for_the_failing_address() -> None:
    clock = FakeClock()
    throttle = _memory_throttle(clock, lockout_after_failures=3, lockout_client_budget=0)
    for _ in range(3):
        await _fail(throttle, "victim", "10.6.6.6")
    assert (await throttle.admit("victim", "10.6.6.6"))[0] is not None
    refusal, standing = await throttle.admit("victim", "10.0.0.1")
    assert refusal is None and not standing.had_failures


async def test_the_client_budget_slows_guessing_from_many_addresses() -> None:
    clock = FakeClock()
    throttle = _memory_throttle(
        clock, lockout_after_failures=3, lockout_client_budget=5, lockout_seconds=1.0
    )
    # Within the budget, one failure per address locks nothing.
    for index in range(5):
        await _fail(throttle, "victim", f"10.6.0.{index}")
        assert (await throttle.admit("victim", f"10.6.0.{index}"))[0] is None
    # Past it, every failing address is locked at once, for longer and longer.
    waits = []
    for index in range(5, 10):
        await _fail(throttle, "victim", f"10.6.0.{index}")
        refusal, _ = await throttle.admit("victim", f"10.6.0.{index}")
        assert refusal is not None and refusal.reason == "locked"
        waits.append(refusal.retry_after)
    assert waits == [1, 2, 4, 8, 16]
    # The correct secret from an address that has not been failing is never refused.
    refusal, standing = await throttle.admit("victim", "10.0.0.1")
    assert refusal is None
    assert await throttle.authenticated(standing) is None


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
        "CAMUNDA_HUB_LOCKOUT_CLIENT_BUDGET": "6",
        # New clients are found by the token endpoint's own look-up, not the change feed.
        "CAMUNDA_HUB_SYNC_INTERVAL": "30",
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


def _from(address: str) -> httpx.Client:
    # Any 127.x.y.z reaches the server over loopback, each a source address of its own.
    return httpx.Client(transport=httpx.HTTPTransport(local_address=address), timeout=30)


def _token_form(creds: Credentials) -> dict[str, str]:
    return {
        "grant_type": "client_credentials",
        "audience": AUDIENCE,
        "client_id": creds.client_id,
        "client_secret": creds.client_secret,
    }


def test_nobody_can_deny_a_client_its_tokens_by_naming_it(guarded: HubServer) -> None:
    """The attacks of issue 13 against one client, from other source addresses: junk requests
    in its name, wrong secrets from one address, and guessing from many."""
    victim = guarded.create_client(name="victim", wait=False)
    _away_from_window_edge()
    url = guarded.token_url
    with _from("127.0.0.2") as attacker:
        # More junk in the client's name than its whole quota (12 a minute here).
        for _ in range(20):
            junk = attacker.post(url, data={"client_id": victim.client_id})
            assert junk.status_code == 400
        # Wrong secrets lock the attacker's address for that client, nothing else.
        statuses = [
            attacker.post(url, data=_token_form(_wrong(victim))).status_code for _ in range(5)
        ]
        assert statuses == [401, 401, 401, 429, 429]
        assert attacker.post(url, data=_token_form(victim)).status_code == 429
    with _from("127.0.0.1") as legitimate:
        for _ in range(3):
            assert legitimate.post(url, data=_token_form(victim)).status_code == 200
    # Guessing from many addresses: within the client's budget (6) one failure per address
    # locks nothing; past it, each failing address is locked at its first failure.
    outcomes = []
    for index in range(3, 7):
        with _from(f"127.0.0.{index}") as guesser:
            assert guesser.post(url, data=_token_form(_wrong(victim))).status_code == 401
            outcomes.append(guesser.post(url, data=_token_form(_wrong(victim))).status_code)
    assert outcomes[0] == 401  # failures 4 and 5: within the budget
    assert outcomes[-1] == 429
    # ... and still the client with its secret, from its own address, gets its token.
    with _from("127.0.0.1") as legitimate:
        assert legitimate.post(url, data=_token_form(victim)).status_code == 200


def test_a_client_created_elsewhere_works_at_once(guarded: HubServer) -> None:
    # Made by the CLI (another process): no waiting for the change feed.
    creds = guarded.create_client(name="fresh", wait=False)
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
        token_rate_per_client=0,
        token_rate_per_address=0,
        lockout_after_failures=0,
        lockout_client_budget=0,
    )
    assert not TokenThrottle(settings, lambda: Database("sqlite:///:memory:")).enabled
