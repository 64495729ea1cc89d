"""Trusting an external identity provider: a second, independent issuer (another camunda-hub
process with its own database and keys) whose tokens the Hub API accepts, with permissions
from its ``permissions.{audience}`` claim and keys refreshed when it rotates."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import jwt
import pytest

from camunda_hub.server.security.external_idp import claim_path, permissions_from
from tests.support.server import HubServer


@pytest.fixture(scope="module")
def idp_and_hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[HubServer, HubServer]]:
    idp = HubServer(tmp_path_factory.mktemp("idp")).start()
    hub = HubServer(
        tmp_path_factory.mktemp("trusting-hub"),
        env={"CAMUNDA_HUB_EXTERNAL_ISSUER": idp.url},
    )
    try:
        hub.start()
        yield idp, hub
    finally:
        hub.stop()
        idp.stop()


def _get(hub: HubServer, token: str) -> httpx.Response:
    return httpx.get(f"{hub.url}/api/v2/info", headers={"Authorization": f"Bearer {token}"})


def test_tokens_of_the_trusted_issuer_are_accepted(
    idp_and_hub: tuple[HubServer, HubServer],
) -> None:
    idp, hub = idp_and_hub
    token = idp.token(idp.create_client("read", name="external-reader"))
    response = _get(hub, token)
    assert response.status_code == 200, response.text
    # They act in the hub's own (first) organization, not one named by the foreign token.
    own = hub.token(hub.create_client("read", name="local"))
    assert (
        response.json()["authorizedOrganization"] == _get(hub, own).json()["authorizedOrganization"]
    )


def test_permissions_come_from_the_claim(idp_and_hub: tuple[HubServer, HubServer]) -> None:
    idp, hub = idp_and_hub
    token = idp.token(idp.create_client("read", name="external-read-only"))
    refused = httpx.post(
        f"{hub.url}/api/v2/workspaces",
        json={"name": "nope"},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert refused.status_code == 403
    assert "create" in refused.json()["detail"]


def test_a_rotated_idp_key_is_fetched_on_first_sight(
    idp_and_hub: tuple[HubServer, HubServer],
) -> None:
    idp, hub = idp_and_hub
    creds = idp.create_client("read", name="external-rotation")
    before = idp.token(creds)
    assert _get(hub, before).status_code == 200
    idp.cli("keys", "rotate")
    deadline = time.monotonic() + 10
    after = before
    while jwt.get_unverified_header(after)["kid"] == jwt.get_unverified_header(before)["kid"]:
        assert time.monotonic() < deadline
        time.sleep(0.1)
        after = idp.token(creds)
    # Forced refreshes are spaced a few seconds apart; the new key is picked up within that.
    deadline = time.monotonic() + 10
    while _get(hub, after).status_code != 200:
        assert time.monotonic() < deadline, _get(hub, after).text
        time.sleep(0.25)


def test_other_issuers_and_audiences_are_refused(
    idp_and_hub: tuple[HubServer, HubServer], tmp_path_factory: pytest.TempPathFactory
) -> None:
    idp, hub = idp_and_hub
    creds = idp.create_client("read", name="wrong-audience")
    # The IdP serves only its default audience; a token for it but re-signed by nobody we
    # trust, or claiming the IdP as issuer with a made-up key, must fail.
    token = idp.token(creds)
    header, payload, signature = token.split(".")
    forged = f"{header}.{payload}.{signature[::-1]}"
    assert _get(hub, forged).status_code == 401
    unsigned = jwt.encode(
        {"iss": idp.url, "aud": "api.cloud.camunda.io", "sub": "x", "exp": time.time() + 60},
        "k" * 32,
        algorithm="HS256",
        headers={"kid": "nope"},
    )
    assert _get(hub, unsigned).status_code == 401


def test_claim_paths_split_before_the_audience_is_substituted() -> None:
    path = claim_path("permissions.{audience}", "api.cloud.camunda.io")
    assert path == ["permissions", "api.cloud.camunda.io"]
    claims = {"permissions": {"api.cloud.camunda.io": ["read:*", "update:*", "admin:*"]}}
    assert permissions_from(claims, path) == {"read", "update"}
    assert permissions_from({"scope": "read create other"}, ["scope"]) == {"read", "create"}
    assert permissions_from({"permissions": "oops"}, path) == frozenset()
