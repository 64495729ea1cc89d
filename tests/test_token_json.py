"""The token endpoint's JSON body (``Content-Type: application/json``): for every request that
can be written both ways, the JSON answer is the form answer (status, OAuth error, description,
challenge header), in-process; plus the errors only JSON can make."""

from __future__ import annotations

import base64
import json
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import urlencode

import httpx
import jwt
import pytest
import pytest_asyncio

from tests.support.in_process import InProcessHub, in_process_hub

AUDIENCE = "api.cloud.camunda.io"
GRANT = "client_credentials"
FORM = "application/x-www-form-urlencoded"


pytestmark = pytest.mark.asyncio(loop_scope="session")


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def hub(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[InProcessHub]:
    async with in_process_hub(tmp_path_factory.mktemp("token-json")) as running:
        yield running


def _basic(client_id: str, secret: str) -> str:
    return "Basic " + base64.b64encode(f"{client_id}:{secret}".encode()).decode()


async def _both(
    hub: InProcessHub,
    params: dict[str, Any],
    *,
    headers: dict[str, str] | None = None,
    query: str = "",
) -> tuple[httpx.Response, httpx.Response]:
    """The same parameters sent as a form and as a JSON object."""
    url = "/oauth/token" + (f"?{query}" if query else "")
    pairs: list[tuple[str, str]] = []
    for name, value in params.items():
        pairs.extend((name, item) for item in (value if isinstance(value, list) else [value]))
    as_form = await hub.client.post(
        url, content=urlencode(pairs), headers={"Content-Type": FORM, **(headers or {})}
    )
    as_json = await hub.client.post(
        url,
        content=json.dumps(params),
        headers={"Content-Type": "application/json", **(headers or {})},
    )
    return as_form, as_json


def _same_error(as_form: httpx.Response, as_json: httpx.Response, status: int, error: str) -> None:
    assert as_form.status_code == status, as_form.text
    assert as_json.status_code == status, as_json.text
    assert as_form.json() == as_json.json()
    assert as_json.json()["error"] == error
    assert as_form.headers.get("www-authenticate") == as_json.headers.get("www-authenticate")
    assert as_json.headers["cache-control"] == "no-store"


def _claims(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code == 200, response.text
    token = response.json()["access_token"]
    claims: dict[str, Any] = jwt.decode(token, options={"verify_signature": False})
    return claims


def _good(hub: InProcessHub, **extra: Any) -> dict[str, Any]:
    return {**hub.token_form(), **extra}


@pytest.mark.parametrize(
    "extra",
    [
        {},
        {"audience": AUDIENCE},
        {"resource": AUDIENCE},
        {"scope": "read:*"},
        {"scope": ""},
        {"audience": AUDIENCE, "resource": [AUDIENCE, AUDIENCE]},
    ],
)
async def test_success_is_the_same_token(hub: InProcessHub, extra: dict[str, Any]) -> None:
    as_form, as_json = await _both(hub, _good(hub, **extra))
    form_body, json_body = as_form.json(), as_json.json()
    assert set(form_body) == set(json_body)
    assert {k: v for k, v in form_body.items() if k != "access_token"} == {
        k: v for k, v in json_body.items() if k != "access_token"
    }
    form_claims, json_claims = _claims(as_form), _claims(as_json)
    for claim in ("aud", "iss", "sub", "permissions", "scope", "azp"):
        assert form_claims.get(claim) == json_claims.get(claim), claim


async def test_basic_authentication_with_a_json_body(hub: InProcessHub) -> None:
    creds = hub.creds
    params = {"grant_type": GRANT}
    auth = {"Authorization": _basic(creds.client.client_id, creds.client_secret)}
    as_form, as_json = await _both(hub, params, headers=auth)
    assert _claims(as_form)["sub"] == _claims(as_json)["sub"]


async def test_the_sdk_request_is_answered(hub: InProcessHub) -> None:
    """What the Node SDK's OAuth provider and Camunda's SaaS tutorials send, verbatim."""
    creds = hub.creds
    body = {
        "client_id": creds.client.client_id,
        "client_secret": creds.client_secret,
        "audience": AUDIENCE,
        "grant_type": GRANT,
    }
    response = await hub.client.post(
        "/oauth/token",
        content=json.dumps(body),
        headers={"Content-Type": "application/json; charset=utf-8"},
    )
    assert _claims(response)["aud"] in (AUDIENCE, [AUDIENCE])


@pytest.mark.parametrize(
    ("change", "status", "error"),
    [
        ({"grant_type": None}, 400, "invalid_request"),
        ({"grant_type": ""}, 400, "invalid_request"),
        ({"grant_type": "password"}, 400, "unsupported_grant_type"),
        ({"client_id": None, "client_secret": None}, 401, "invalid_client"),
        ({"client_secret": "wrong"}, 401, "invalid_client"),
        ({"client_id": "no-such-client"}, 401, "invalid_client"),
        ({"client_secret": None}, 401, "invalid_client"),
        ({"audience": "https://elsewhere.example"}, 400, "invalid_target"),
        ({"resource": ["a", "b"]}, 400, "invalid_target"),
        ({"audience": AUDIENCE, "resource": "other"}, 400, "invalid_request"),
        ({"scope": "fly:*"}, 400, "invalid_scope"),
    ],
)
async def test_errors_are_the_same(
    hub: InProcessHub, change: dict[str, Any], status: int, error: str
) -> None:
    params = _good(hub)
    for name, value in change.items():
        if value is None:
            params.pop(name, None)
        else:
            params[name] = value
    as_form, as_json = await _both(hub, params)
    _same_error(as_form, as_json, status, error)


async def test_scope_beyond_the_grant_is_the_same(hub: InProcessHub) -> None:
    issued = await hub.create_client("read", name="read only")
    params = {
        "grant_type": GRANT,
        "client_id": issued.client.client_id,
        "client_secret": issued.client_secret,
        "scope": "delete:*",
    }
    as_form, as_json = await _both(hub, params)
    _same_error(as_form, as_json, 400, "invalid_scope")


async def test_basic_and_body_secret_at_once_is_the_same(hub: InProcessHub) -> None:
    creds = hub.creds
    auth = {"Authorization": _basic(creds.client.client_id, creds.client_secret)}
    as_form, as_json = await _both(hub, _good(hub), headers=auth)
    _same_error(as_form, as_json, 400, "invalid_request")


async def test_basic_and_another_client_id_is_the_same(hub: InProcessHub) -> None:
    creds = hub.creds
    auth = {"Authorization": _basic(creds.client.client_id, creds.client_secret)}
    params = {"grant_type": GRANT, "client_id": "someone-else"}
    as_form, as_json = await _both(hub, params, headers=auth)
    _same_error(as_form, as_json, 400, "invalid_request")


async def test_unsupported_authorization_scheme_is_the_same(hub: InProcessHub) -> None:
    as_form, as_json = await _both(hub, _good(hub), headers={"Authorization": "Bearer abc"})
    _same_error(as_form, as_json, 401, "invalid_client")


async def test_credentials_in_the_url_are_refused_the_same(hub: InProcessHub) -> None:
    as_form, as_json = await _both(hub, _good(hub), query="client_secret=x")
    _same_error(as_form, as_json, 400, "invalid_request")


async def test_body_limit_is_the_same(hub: InProcessHub) -> None:
    limit = hub.app.state.runtime.settings.token_body_bytes
    as_form, as_json = await _both(hub, _good(hub, scope="read:* " * (limit // 7)))
    _same_error(as_form, as_json, 400, "invalid_request")
    assert str(limit) in as_json.json()["error_description"]


async def test_parameter_limit_is_the_same(hub: InProcessHub) -> None:
    extra = {f"x{i}": "y" for i in range(40)}
    as_form, as_json = await _both(hub, _good(hub, **extra))
    _same_error(as_form, as_json, 400, "invalid_request")


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        (b"{", "not valid JSON"),
        (b"", "not valid JSON"),
        (b"[1, 2]", "must be an object"),
        (b'"client_credentials"', "must be an object"),
        (b'{"grant_type": "client_credentials", "grant_type": "x"}', "more than once"),
        (b'{"grant_type": 1}', "must be a string"),
        (b'{"grant_type": ["client_credentials"]}', "must be a string"),
        (b'{"client_id": {"a": 1}}', "must be a string"),
        (b'{"client_id": "\\ud800"}', "not valid text"),
        (b'{"client_id": "\xff"}', "not valid UTF-8"),
        (b"[" * 4000, "JSON"),
    ],
)
async def test_errors_only_json_can_make(hub: InProcessHub, body: bytes, fragment: str) -> None:
    response = await hub.client.post(
        "/oauth/token", content=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400, response.text
    answer = response.json()
    assert answer["error"] == "invalid_request"
    assert fragment in answer["error_description"]
