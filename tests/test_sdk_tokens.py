"""Token handling of the SDK against a real server: refresh before expiry, single flight for
threads and asyncio tasks (counted by the server), the 401 → refresh → retry-once rule."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator

import pytest

from camunda_hub.client import AsyncHubClient, HubClient, TokenRequestRejected, token_request
from camunda_hub.client.redact import Secret
from camunda_hub.client.token_request import Token, refresh_margin
from camunda_hub.client.tokens import clear_token_caches, shared_cache
from tests.support.server import Credentials, HubServer

SHORT_LIFETIME = 12
CALLERS = 1000


def sdk(hub: HubServer, creds: Credentials) -> HubClient:
    return HubClient(**hub.sdk_options(creds))


def async_sdk(hub: HubServer, creds: Credentials) -> AsyncHubClient:
    return AsyncHubClient(**hub.sdk_options(creds))


@pytest.fixture(scope="module")
def short_hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HubServer]:
    server = HubServer(
        tmp_path_factory.mktemp("short-tokens"), args=["--token-lifetime", str(SHORT_LIFETIME)]
    )
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def flight_creds(hub: HubServer) -> Credentials:
    # Its own client: the server-side count must not include other tests' tokens.
    return hub.create_client_in_process("read", name="single-flight")


def test_refresh_margin_is_30s_or_a_quarter_of_short_lifetimes() -> None:
    assert refresh_margin(300) == 30
    assert refresh_margin(3600) == 30
    assert refresh_margin(20) == 5
    assert refresh_margin(SHORT_LIFETIME) == SHORT_LIFETIME / 4


class _SkippingClock:
    """The SDK's clock (``token_request.time``), moved forward on demand instead of sleeping
    until the refresh point."""

    def __init__(self) -> None:
        self.ahead = 0.0
        self.sleep = time.sleep

    def time(self) -> float:
        return time.time() + self.ahead


def test_token_is_refreshed_before_it_expires(
    short_hub: HubServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = _SkippingClock()
    monkeypatch.setattr(token_request, "time", clock)
    exports = short_hub.bootstrap_exports()
    creds = Credentials(exports["CAMUNDA_HUB_CLIENT_ID"], exports["CAMUNDA_HUB_CLIENT_SECRET"])
    with sdk(short_hub, creds) as hub:
        hub.info()
        first = hub.token()
        assert first.lifetime == SHORT_LIFETIME
        # Until the refresh point the cached token is reused.
        hub.info()
        assert hub.token().access_token == first.access_token
        clock.ahead = max(0.0, first.refresh_at - time.time()) + 0.05
        assert clock.time() < first.expires_at, "the refresh point must come before expiry"
        hub.info()
        second = hub.token()
        assert second.access_token != first.access_token
        assert second.expires_at > first.expires_at


def test_expiry_comes_from_expires_in_measured_on_our_clock(
    hub: HubServer, admin_creds: Credentials
) -> None:
    clear_token_caches()
    with sdk(hub, admin_creds) as client:
        before = time.time()
        token = client.token()
        after = time.time()
    # A server clock that is off does not matter: only expires_in and our own clock count.
    assert before + token.lifetime <= token.expires_at <= after + token.lifetime
    assert token.refresh_at == token.expires_at - 30


def test_single_flight_threads_and_asyncio_tasks_make_one_token_request_each(
    hub: HubServer, flight_creds: Credentials
) -> None:
    before = hub.tokens_issued(flight_creds)

    clear_token_caches()
    client = sdk(hub, flight_creds)
    start = threading.Barrier(CALLERS)
    seen: list[str] = []
    errors: list[BaseException] = []

    def caller() -> None:
        try:
            start.wait()
            seen.append(client.token().access_token.reveal())
        except BaseException as exc:
            errors.append(exc)

    workers = [threading.Thread(target=caller) for _ in range(CALLERS)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert client.info().version == "v2"
    client.close()
    assert not errors
    assert len(seen) == CALLERS and len(set(seen)) == 1

    clear_token_caches()

    async def many_tasks() -> set[str]:
        async with async_sdk(hub, flight_creds) as aclient:
            tokens = await asyncio.gather(*(aclient.token() for _ in range(CALLERS)))
            assert (await aclient.info()).version == "v2"
        return {t.access_token.reveal() for t in tokens}

    assert len(asyncio.run(many_tasks())) == 1

    # Both bursts start cold, so each asks at least once: 2 means exactly one per burst.
    assert hub.tokens_issued(flight_creds) - before == 2


def test_a_refused_token_is_replaced_and_the_call_retried(
    hub: HubServer, admin_creds: Credentials
) -> None:
    with sdk(hub, admin_creds) as client:
        good = client.token()
        cache = shared_cache(client.config.cache_key, None)
        # A token the API refuses (as after a key compromise) sits in the cache, still "fresh".
        stale = Token(Secret("not-a-valid-jwt-0123456789"), time.time() + 300, 300)
        cache._keep(stale)
        info = client.info()
        assert info.version == "v2"
        replaced = client.token()
        assert replaced.access_token not in (stale.access_token, good.access_token)


async def test_async_client_retries_after_401_too(hub: HubServer, admin_creds: Credentials) -> None:
    async with async_sdk(hub, admin_creds) as client:
        await client.token()
        cache = shared_cache(client.config.cache_key, None)
        cache._keep(Token(Secret("not-a-valid-jwt-0123456789"), time.time() + 300, 300))
        assert (await client.info()).version == "v2"


def test_wrong_secret_fails_fast_with_the_servers_error(
    hub: HubServer, admin_creds: Credentials
) -> None:
    creds = admin_creds
    with HubClient(
        client_id=creds.client_id,
        client_secret="wrong-" + creds.client_secret,
        oauth_url=hub.token_url,
        rest_url=hub.url,
    ) as client:
        started = time.monotonic()
        with pytest.raises(TokenRequestRejected) as caught:
            client.info()
    assert caught.value.status == 401
    assert caught.value.error == "invalid_client"
    assert "invalid_client" in str(caught.value)
    assert "client authentication failed" in str(caught.value)
    assert time.monotonic() - started < 5, "a refused token request is not retried"


def test_unknown_audience_is_refused_with_invalid_target(
    hub: HubServer, admin_creds: Credentials
) -> None:
    creds = admin_creds
    with (
        HubClient(
            client_id=creds.client_id,
            client_secret=creds.client_secret,
            oauth_url=hub.token_url,
            rest_url=hub.url,
            audience="not-served-here",
        ) as client,
        pytest.raises(TokenRequestRejected) as caught,
    ):
        client.info()
    assert caught.value.status == 400
    assert caught.value.error == "invalid_target"
