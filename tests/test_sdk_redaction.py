"""Secrets and tokens never show up in log lines (ours, httpx's, httpcore's at DEBUG), in
exception messages or tracebacks, or in any repr."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Iterator

import pytest

from camunda_hub.client import HubClient, HubConfig, TokenRequestRejected, Unauthorized
from camunda_hub.client.redact import Secret, redact
from camunda_hub.client.tokens import clear_token_caches
from tests.support.fake_hub import FakeHub, Reply
from tests.support.server import Credentials, HubServer

SECRET = "s3cr3t-value-that-must-never-leak-42"


@pytest.fixture
def debug_logs(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    caplog.set_level(logging.DEBUG)
    for name in ("httpx", "httpcore", "camunda_hub"):
        caplog.set_level(logging.DEBUG, logger=name)
    yield caplog


def assert_clean(text: str, *secrets: str) -> None:
    for secret in secrets:
        assert secret not in text


def test_real_server_flow_logs_no_secret_or_token(
    hub: HubServer, admin_creds: Credentials, debug_logs: pytest.LogCaptureFixture
) -> None:
    clear_token_caches()
    with HubClient(**hub.sdk_options(admin_creds)) as client:
        client.info()
        token = client.token().access_token.reveal()
        texts = [repr(client), repr(client.config), repr(client.token()), str(client.config)]
    assert "HTTP Request" in debug_logs.text, "httpx logging must have been captured"
    assert_clean(debug_logs.text + "".join(texts), admin_creds.client_secret, token)


def test_failures_do_not_leak(debug_logs: pytest.LogCaptureFixture) -> None:
    clear_token_caches()
    with FakeHub() as fake:
        # A careless issuer echoing the secret in its error description.
        fake.token_replies.append(
            Reply(401, {"error": "invalid_client", "error_description": f"bad secret {SECRET}"})
        )
        config = HubConfig.resolve(
            client_id="leak-test",
            client_secret=SECRET,
            oauth_url=fake.token_url,
            rest_url=fake.url,
            env={},
        )
        with HubClient(config=config) as client:
            with pytest.raises(TokenRequestRejected) as refused:
                client.info()
            problem = {
                "type": "about:blank",
                "title": "Unauthorized",
                "status": 401,
                "detail": "",
                "instance": "/api/v2/info",
            }
            fake.api_replies.extend([Reply(401, problem), Reply(401, problem)])
            with pytest.raises(Unauthorized) as unauthorized:
                client.info()
            issued = [r.headers["Authorization"].split(" ", 1)[1] for r in fake.api_requests()]
    texts = [
        debug_logs.text,
        str(refused.value),
        repr(refused.value),
        "".join(traceback.format_exception(refused.value)),
        str(unauthorized.value),
        "".join(traceback.format_exception(unauthorized.value)),
    ]
    assert "invalid_client" in str(refused.value)
    assert_clean("".join(texts), SECRET, *issued)


def test_secret_type_never_shows_its_value() -> None:
    secret = Secret(SECRET)
    assert SECRET not in repr(secret) + str(secret) + f"{secret}" + f"{secret!r}"
    assert secret.reveal() == SECRET
    with pytest.raises(TypeError):
        import pickle

        pickle.dumps(secret)


def test_redact_masks_jwts_bearer_values_and_form_secrets() -> None:
    jwt = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"
    text = f"Authorization: Bearer {jwt} client_secret=abc123&x=1 access_token: zzz"
    cleaned = redact(text)
    assert jwt not in cleaned and "abc123" not in cleaned and "zzz" not in cleaned
    assert "x=1" in cleaned
