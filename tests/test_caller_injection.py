"""The caller of a Hub API operation: served straight from the request (``api/caller.py``), still
checked when the bearer middleware is missing, and required of every route at start-up."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
from fastapi import FastAPI, Request

from camunda_hub.server.api.caller import MissingCaller, with_direct_caller
from camunda_hub.server.api.deps import Caller
from camunda_hub.server.security.middleware import BearerAuthentication
from camunda_hub.server.security.principal import Principal
from tests.support.in_process import in_process_hub


def _without_bearer_middleware(app: FastAPI) -> None:
    app.user_middleware = [m for m in app.user_middleware if m.cls is not BearerAuthentication]


async def test_routes_check_the_token_themselves_when_the_middleware_is_missing(
    tmp_path: Path,
) -> None:
    async with in_process_hub(tmp_path, prepare=_without_bearer_middleware) as hub:
        client = hub.client
        token = await client.post("/oauth/token", data=hub.token_form(scope="read:*"))
        assert token.status_code == 200, token.text
        bearer = {"Authorization": f"Bearer {token.json()['access_token']}"}

        missing = await client.get("/api/v2/info")
        assert missing.status_code == 401
        assert missing.headers["content-type"].startswith("application/problem+json")
        forged = await client.get("/api/v2/info", headers={"Authorization": "Bearer x"})
        assert forged.status_code == 401

        info = await client.get("/api/v2/info", headers=bearer)
        assert info.status_code == 200, info.text
        assert info.json()["authorizedOrganization"]

        # Read-only token: a create is refused by the route itself.
        created = await client.post("/api/v2/workspaces", json={"name": "w"}, headers=bearer)
        assert created.status_code == 403, created.text
        assert "create" in created.json()["detail"]


async def test_the_wrapper_passes_the_caller_and_keeps_an_endpoints_own_request() -> None:
    principal = Principal("c", "org", frozenset({"read"}), "c", "c@example.com")

    async def endpoint(key: str, request: Request, caller: Caller) -> tuple[str, str, str]:
        return key, request.url.path, caller.organization_id

    wrapped = with_direct_caller(endpoint)
    assert list(inspect.signature(wrapped).parameters) == ["key", "request"]
    request = Request(
        {"type": "http", "path": "/p", "headers": [], "state": {"principal": principal}}
    )
    assert await wrapped(key="k", request=request) == ("k", "/p", "org")


def test_a_route_without_the_caller_is_refused_at_start_up() -> None:
    async def anonymous(key: str) -> str:
        return key

    def blocking(caller: Caller) -> str:
        return caller.client_id

    with pytest.raises(MissingCaller):
        with_direct_caller(anonymous)
    with pytest.raises(MissingCaller):
        with_direct_caller(blocking)  # type: ignore[arg-type]
