"""``camunda-hub token`` and the exit codes of the Hub API commands, run as real processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import httpx

from tests.support.fake_hub import FakeHub, Reply
from tests.support.server import Credentials, HubServer


def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("CAMUNDA_")}
    return subprocess.run(
        [sys.executable, "-m", "camunda_hub", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**clean, **env},
    )


def test_token_prints_a_bearer_token_that_works(hub: HubServer, admin_creds: Credentials) -> None:
    result = run("token", env=hub.client_env(admin_creds))
    assert result.returncode == 0, result.stderr
    token = result.stdout.strip()
    assert token.count(".") == 2
    info = httpx.get(f"{hub.url}/api/v2/info", headers={"Authorization": f"Bearer {token}"})
    assert info.status_code == 200


def test_token_decode_shows_claims_and_expiry(hub: HubServer, admin_creds: Credentials) -> None:
    env = hub.client_env(admin_creds)
    table = run("token", "--decode", env=env)
    assert table.returncode == 0, table.stderr
    assert admin_creds.client_id in table.stdout
    assert "expires" in table.stdout and "in 4 minutes" in table.stdout
    decoded = json.loads(run("token", "--decode", "--json", env=env).stdout)
    assert decoded["claims"]["client_id"] == admin_creds.client_id
    assert decoded["claims"]["aud"] in ("api.cloud.camunda.io", ["api.cloud.camunda.io"])
    assert decoded["header"]["typ"] == "at+jwt"
    assert 0 < decoded["expires_in"] <= 300


def test_flags_override_the_environment(hub: HubServer, admin_creds: Credentials) -> None:
    env = {**hub.client_env(admin_creds), "CAMUNDA_HUB_REST_URL": "http://127.0.0.1:9"}
    env["CAMUNDA_OAUTH_URL"] = "http://127.0.0.1:9/oauth/token"
    result = run("token", "--oauth-url", hub.token_url, env=env)
    assert result.returncode == 0, result.stderr


def test_missing_credentials_exit_2_naming_the_variable() -> None:
    result = run("token", env={})
    assert result.returncode == 2
    assert "CAMUNDA_HUB_CLIENT_ID" in result.stderr
    assert "Traceback" not in result.stderr


def test_refused_credentials_exit_3(hub: HubServer, admin_creds: Credentials) -> None:
    env = {**hub.client_env(admin_creds), "CAMUNDA_HUB_CLIENT_SECRET": "wrong-secret-value"}
    result = run("token", env=env)
    assert result.returncode == 3
    assert "invalid_client" in result.stderr
    assert "wrong-secret-value" not in result.stderr + result.stdout


def test_unavailable_token_endpoint_exit_4() -> None:
    with FakeHub() as fake:
        # Retry-After beyond the retry budget: fails at once instead of waiting an hour.
        fake.token_replies.append(Reply(503, {}, {"Retry-After": "3600"}))
        env = {
            "CAMUNDA_HUB_CLIENT_ID": "x",
            "CAMUNDA_HUB_CLIENT_SECRET": "y",
            "CAMUNDA_OAUTH_URL": fake.token_url,
            "CAMUNDA_HUB_REST_URL": fake.url,
        }
        result = run("workspaces", "list", env=env)
    assert result.returncode == 4
    assert "unavailable" in result.stderr


def test_api_refusal_exit_3(hub: HubServer) -> None:
    exports = hub.bootstrap_exports()
    with FakeHub() as fake:
        problem = {
            "type": "about:blank",
            "title": "Forbidden",
            "status": 403,
            "detail": "the read permission is missing",
            "instance": "/api/v2/workspaces/search",
        }
        fake.api_replies.append(Reply(403, problem))
        env = {**exports, "CAMUNDA_OAUTH_URL": fake.token_url, "CAMUNDA_HUB_REST_URL": fake.url}
        result = run("workspaces", "list", env=env)
    assert result.returncode == 3
    assert "the read permission is missing" in result.stderr
