"""Faults a healthy server does not produce, injected with a scripted fake on 127.0.0.1:
429/503 from the token endpoint (backoff honouring Retry-After), network errors, and 401s
from the API (one refresh + retry, then an error)."""

from __future__ import annotations

import random
import socket
from collections.abc import Iterator

import httpx
import pytest

from camunda_hub.client import (
    HubClient,
    RetryPolicy,
    TokenEndpointUnavailable,
    TokenRequestRejected,
    Unauthorized,
)
from camunda_hub.client.config import HubConfig
from camunda_hub.client.token_request import request_token
from camunda_hub.client.tokens import clear_token_caches
from tests.support.fake_hub import FakeHub, Reply

FAST = RetryPolicy(attempts=4, base_delay=0.01, max_delay=0.05, max_total_wait=5)


@pytest.fixture
def fake() -> Iterator[FakeHub]:
    clear_token_caches()
    with FakeHub() as server:
        yield server
    clear_token_caches()


def config_for(fake: FakeHub, **overrides: str) -> HubConfig:
    return HubConfig.resolve(
        client_id=overrides.get("client_id", "fake-client"),
        client_secret=overrides.get("client_secret", "fake-secret-value-123"),
        oauth_url=fake.token_url,
        rest_url=fake.url,
        env={},
    )


def client_for(fake: FakeHub, retry: RetryPolicy = FAST) -> HubClient:
    return HubClient(config=config_for(fake), retry=retry)


def test_429_and_503_are_retried_waiting_at_least_retry_after(fake: FakeHub) -> None:
    fake.token_replies.extend(
        [
            Reply(429, {"error": "slow_down"}, {"Retry-After": "2"}),
            Reply(503, {"error": "temporarily_unavailable"}),
            Reply(502, None),
        ]
    )
    waits: list[float] = []
    with httpx.Client() as http:
        token = request_token(
            http,
            config_for(fake),
            policy=RetryPolicy(attempts=5, base_delay=0.5, max_delay=4, max_total_wait=30),
            sleep=waits.append,
            rng=random.Random(7),
        )
    assert token.access_token.reveal().startswith("fake-access-token")
    assert len(fake.token_requests()) == 4
    assert len(waits) == 3
    assert waits[0] >= 2.0, "Retry-After must be honoured"
    # Exponential backoff with full jitter: each wait stays within its growing cap.
    assert 0 <= waits[1] <= 1.0
    assert 0 <= waits[2] <= 2.0


def test_backoff_is_bounded(fake: FakeHub) -> None:
    fake.token_replies.extend(Reply(503, {"error": "temporarily_unavailable"}) for _ in range(10))
    waits: list[float] = []
    with httpx.Client() as http, pytest.raises(TokenEndpointUnavailable) as caught:
        request_token(
            http,
            config_for(fake),
            policy=RetryPolicy(attempts=3, base_delay=0.5, max_delay=1, max_total_wait=30),
            sleep=waits.append,
        )
    assert caught.value.attempts == 3
    assert caught.value.status == 503
    assert len(fake.token_requests()) == 3
    assert len(waits) == 2 and all(w <= 1 for w in waits)


def test_a_retry_after_beyond_the_budget_fails_instead_of_hanging(fake: FakeHub) -> None:
    fake.token_replies.append(Reply(429, {}, {"Retry-After": "3600"}))
    waits: list[float] = []
    with httpx.Client() as http, pytest.raises(TokenEndpointUnavailable):
        request_token(http, config_for(fake), policy=RetryPolicy(), sleep=waits.append)
    assert waits == []
    assert len(fake.token_requests()) == 1


def test_backoff_through_the_client_then_success(fake: FakeHub) -> None:
    fake.token_replies.extend([Reply(429, {}, {"Retry-After": "0"}), Reply(503, {})])
    with client_for(fake) as client:
        assert client.info().version == "v2"
    assert len(fake.token_requests()) == 3
    assert len(fake.api_requests()) == 1


def test_network_errors_are_retried_then_reported() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    # Nothing listens on the port now: every attempt is "connection refused".
    clear_token_caches()
    config = HubConfig.resolve(
        client_id="c",
        client_secret="s",
        oauth_url=f"http://127.0.0.1:{port}/oauth/token",
        rest_url=f"http://127.0.0.1:{port}",
        env={},
    )
    with (
        HubClient(config=config, retry=FAST) as client,
        pytest.raises(TokenEndpointUnavailable) as caught,
    ):
        client.info()
    assert caught.value.attempts == FAST.attempts
    assert "ConnectError" in str(caught.value)


@pytest.mark.parametrize("status", [400, 401])
def test_token_endpoint_refusals_fail_fast_and_nothing_is_sent(fake: FakeHub, status: int) -> None:
    fake.token_replies.append(
        Reply(
            status, {"error": "invalid_client", "error_description": "client authentication failed"}
        )
    )
    with client_for(fake) as client, pytest.raises(TokenRequestRejected) as caught:
        client.info()
    message = str(caught.value)
    assert "invalid_client" in message and "client authentication failed" in message
    assert caught.value.status == status
    assert len(fake.token_requests()) == 1, "refusals are not retried"
    assert fake.api_requests() == [], "no API request without a token"


def test_401_from_the_api_refreshes_the_token_and_retries_once(fake: FakeHub) -> None:
    fake.api_replies.append(
        Reply(
            401,
            {
                "type": "about:blank",
                "title": "Unauthorized",
                "status": 401,
                "detail": "expired",
                "instance": "/api/v2/info",
            },
        )
    )
    with client_for(fake) as client:
        assert client.info().authorized_organization == "fake-org"
    api = fake.api_requests()
    assert len(api) == 2
    assert len(fake.token_requests()) == 2
    first, second = (r.headers["Authorization"] for r in api)
    assert first.startswith("Bearer ") and second.startswith("Bearer ") and first != second


def test_a_second_401_is_an_error(fake: FakeHub) -> None:
    problem = {
        "type": "about:blank",
        "title": "Unauthorized",
        "status": 401,
        "detail": "the token has expired",
        "instance": "/api/v2/info",
    }
    fake.api_replies.extend([Reply(401, problem), Reply(401, problem), Reply(200, {})])
    with client_for(fake) as client, pytest.raises(Unauthorized) as caught:
        client.info()
    assert caught.value.status == 401
    assert caught.value.title == "Unauthorized"
    assert caught.value.detail == "the token has expired"
    assert len(fake.api_requests()) == 2


async def test_async_client_second_401_is_an_error_too(fake: FakeHub) -> None:
    from camunda_hub.client import AsyncHubClient

    problem = {
        "type": "about:blank",
        "title": "Unauthorized",
        "status": 401,
        "detail": "no",
        "instance": "/api/v2/info",
    }
    fake.api_replies.extend([Reply(401, problem), Reply(401, problem)])
    async with AsyncHubClient(config=config_for(fake), retry=FAST) as client:
        with pytest.raises(Unauthorized):
            await client.info()
    assert len(fake.api_requests()) == 2
    assert len(fake.token_requests()) == 2


def test_every_api_request_carries_authorization(fake: FakeHub) -> None:
    with client_for(fake) as client:
        for _ in range(5):
            client.info()
    assert all(
        r.headers.get("Authorization", "").startswith("Bearer fake-access-token")
        for r in fake.api_requests()
    )
    assert len(fake.token_requests()) == 1


def test_token_request_is_the_documented_form_post(fake: FakeHub) -> None:
    with client_for(fake) as client:
        client.token()
    [seen] = fake.token_requests()
    assert seen.method == "POST"
    assert seen.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert seen.form == {
        "grant_type": "client_credentials",
        "audience": "api.cloud.camunda.io",
        "client_id": "fake-client",
        "client_secret": "fake-secret-value-123",
    }


def test_a_hanging_token_endpoint_times_out(fake: FakeHub) -> None:
    fake.token_replies.extend(Reply(200, {}, delay=2.0) for _ in range(2))
    config = HubConfig.resolve(
        client_id="slow",
        client_secret="slow-secret-123",
        oauth_url=fake.token_url,
        rest_url=fake.url,
        timeout=0.2,
        env={},
    )
    retry = RetryPolicy(attempts=2, base_delay=0.01, max_delay=0.01)
    with (
        HubClient(config=config, retry=retry) as client,
        pytest.raises(TokenEndpointUnavailable) as caught,
    ):
        client.info()
    assert "ReadTimeout" in str(caught.value)
    assert fake.api_requests() == []


def test_a_hanging_api_times_out(fake: FakeHub) -> None:
    from camunda_hub.client import HubConnectionError

    fake.api_replies.append(Reply(200, {}, delay=2.0))
    config = HubConfig.resolve(
        client_id="slow-api",
        client_secret="slow-secret-123",
        oauth_url=fake.token_url,
        rest_url=fake.url,
        timeout=0.2,
        env={},
    )
    with HubClient(config=config) as client, pytest.raises(HubConnectionError) as caught:
        client.info()
    assert "cannot reach the Hub API" in str(caught.value)


def test_an_expiring_token_is_replaced_once_for_many_threads_and_tasks(fake: FakeHub) -> None:
    import asyncio
    import threading
    import time

    from camunda_hub.client import AsyncHubClient
    from camunda_hub.client.redact import Secret
    from camunda_hub.client.token_request import Token
    from camunda_hub.client.tokens import shared_cache

    config = config_for(fake)
    cache = shared_cache(config.cache_key, None)

    def expiring() -> Token:
        # Still valid for 10 s, but inside the 30 s refresh margin.
        return Token(Secret("old-token-still-valid-123"), time.time() + 10, 300)

    cache._keep(expiring())
    barrier = threading.Barrier(200)
    seen: list[str] = []
    with HubClient(config=config) as client:

        def call() -> None:
            barrier.wait()
            seen.append(client.token().access_token.reveal())

        threads = [threading.Thread(target=call) for _ in range(200)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert len(fake.token_requests()) == 1
    assert set(seen) == {"fake-access-token-0001-abcdefgh"}

    cache._keep(expiring())

    async def tasks() -> set[str]:
        async with AsyncHubClient(config=config) as client:
            tokens = await asyncio.gather(*(client.token() for _ in range(200)))
        return {t.access_token.reveal() for t in tokens}

    assert asyncio.run(tasks()) == {"fake-access-token-0002-abcdefgh"}
    assert len(fake.token_requests()) == 2
