"""The documented flow end to end: first start prints credentials → form POST → bearer call."""

from __future__ import annotations

import httpx

from tests.support.server import HubServer


def test_first_start_prints_exports_that_work(hub: HubServer) -> None:
    exports = hub.bootstrap_exports()
    assert set(exports) == {
        "CAMUNDA_HUB_CLIENT_ID",
        "CAMUNDA_HUB_CLIENT_SECRET",
        "CAMUNDA_OAUTH_URL",
        "CAMUNDA_HUB_OAUTH_AUDIENCE",
        "CAMUNDA_HUB_REST_URL",
    }
    token = httpx.post(
        exports["CAMUNDA_OAUTH_URL"],
        data={
            "grant_type": "client_credentials",
            "audience": exports["CAMUNDA_HUB_OAUTH_AUDIENCE"],
            "client_id": exports["CAMUNDA_HUB_CLIENT_ID"],
            "client_secret": exports["CAMUNDA_HUB_CLIENT_SECRET"],
        },
    )
    assert token.status_code == 200
    body = token.json()
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == 300
    assert body["refresh_expires_in"] == 0
    assert body["not-before-policy"] == 0
    info = httpx.get(
        f"{exports['CAMUNDA_HUB_REST_URL']}/api/v2/info",
        headers={"Authorization": f"Bearer {body['access_token']}"},
    )
    assert info.status_code == 200
    assert info.json()["version"] == "v2"
