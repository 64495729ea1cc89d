"""private_key_jwt from the client side, against the session's real server: our SDK and CLI
(``CAMUNDA_HUB_CLIENT_PRIVATE_KEY_FILE``), and Authlib's ``PrivateKeyJWT`` as an independent
implementation of RFC 7523."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import jwt
import pytest

from camunda_hub import HubClient
from camunda_hub.client import assertions
from camunda_hub.client.config import HubConfig
from camunda_hub.client.errors import ConfigurationError
from tests.support.client_keys import KeyPair, assertion_form, create_key_client
from tests.support.server import AUDIENCE, HubServer


def _key_client(
    hub: HubServer, pair: KeyPair, directory: Path, *, by_cli: bool = True
) -> tuple[str, Path]:
    public = directory / "public.pem"
    public.write_text(pair.public_pem())
    private = directory / "private.pem"
    private.write_text(pair.private_pem())
    private.chmod(0o600)
    if by_cli:
        created = hub.cli(
            "clients", "create", "--name", "keyed", "--permission", "read",
            "--public-key-file", str(public), "--json",
        )  # fmt: skip
        data = json.loads(created.stdout)
        assert set(data) == {"client_id"}  # no secret exists for this client
        client_id = data["client_id"]
    else:
        database_url = hub.env.get("CAMUNDA_HUB_DATABASE_URL") or None
        client_id = create_key_client(hub.data_dir, database_url, pair.public_pem())
    # The CLI wrote to the database; the server learns about the client from the change feed.
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        form = assertion_form(pair.assertion(client_id, hub.token_url), client_id)
        if httpx.post(hub.token_url, data=form, timeout=30).status_code == 200:
            return client_id, private
        time.sleep(0.05)
    raise AssertionError("the server did not learn about the key client in time")


@pytest.mark.slow  # two CLI processes (create --json, token): seconds each on a busy machine
def test_sdk_and_cli_sign_a_fresh_assertion_per_token_request(
    hub: HubServer, tmp_path: Path
) -> None:
    client_id, private = _key_client(hub, KeyPair.ec(), tmp_path)
    env = {
        "CAMUNDA_HUB_CLIENT_ID": client_id,
        "CAMUNDA_HUB_CLIENT_PRIVATE_KEY_FILE": str(private),
        "CAMUNDA_OAUTH_URL": hub.token_url,
        "CAMUNDA_HUB_OAUTH_AUDIENCE": AUDIENCE,
        "CAMUNDA_HUB_REST_URL": hub.url,
    }
    config = HubConfig.resolve(env=env)
    first, second = assertions.sign(config), assertions.sign(config)
    claims = jwt.decode(first, options={"verify_signature": False})
    assert claims["iss"] == claims["sub"] == client_id
    assert claims["aud"] == hub.token_url
    assert claims["exp"] - claims["iat"] == 60
    assert claims["jti"] != jwt.decode(second, options={"verify_signature": False})["jti"]
    with HubClient(config=config) as client:
        assert client.info() is not None
    clean = {k: v for k, v in os.environ.items() if not k.startswith("CAMUNDA_")}
    result = subprocess.run(
        [sys.executable, "-m", "camunda_hub", "token", "--client-private-key-file", str(private)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**clean, **{k: v for k, v in env.items() if "PRIVATE_KEY" not in k}},
    )
    assert result.returncode == 0, result.stderr
    token = jwt.decode(result.stdout.strip(), options={"verify_signature": False})
    assert token["sub"] == client_id


def test_authlib_private_key_jwt_gets_a_token(hub: HubServer, tmp_path: Path) -> None:
    from authlib.integrations.base_client.errors import OAuthError
    from authlib.integrations.httpx_client import OAuth2Client
    from authlib.oauth2.rfc7523 import PrivateKeyJWT, private_key_jwt_sign

    class ShortLivedPrivateKeyJWT(PrivateKeyJWT):  # type: ignore[misc]
        """Authlib's assertions live an hour by default, beyond the 5 minutes we accept."""

        def sign(self, auth, token_endpoint):  # type: ignore[no-untyped-def]
            return private_key_jwt_sign(
                auth.client_secret,
                client_id=auth.client_id,
                token_endpoint=token_endpoint,
                alg=self.alg,
                expires_in=60,
            )

    pair = KeyPair.rsa()
    client_id, _ = _key_client(hub, pair, tmp_path, by_cli=False)
    with (
        OAuth2Client(
            client_id,
            pair.private_pem(),
            token_endpoint_auth_method=PrivateKeyJWT(hub.token_url, alg="RS256"),
        ) as oauth,
        pytest.raises(OAuthError, match="invalid_client"),
    ):
        oauth.fetch_token(hub.token_url, grant_type="client_credentials", audience=AUDIENCE)
    with OAuth2Client(
        client_id,
        pair.private_pem(),
        token_endpoint_auth_method=ShortLivedPrivateKeyJWT(hub.token_url, alg="RS256"),
    ) as oauth:
        tokens = [
            oauth.fetch_token(hub.token_url, grant_type="client_credentials", audience=AUDIENCE)
            for _ in range(2)
        ]
    assert tokens[0]["token_type"] == "Bearer"
    info = httpx.get(
        f"{hub.url}/api/v2/info",
        headers={"Authorization": f"Bearer {tokens[1]['access_token']}"},
        timeout=30,
    )
    assert info.status_code == 200


def test_missing_signing_libraries_are_a_clear_configuration_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    private = tmp_path / "key.pem"
    private.write_text(KeyPair.ec().private_pem())
    config = HubConfig.resolve(
        env={"CAMUNDA_HUB_CLIENT_ID": "c1", "CAMUNDA_HUB_CLIENT_PRIVATE_KEY_FILE": str(private)}
    )
    assert config.client_secret.reveal() == ""
    monkeypatch.setitem(sys.modules, "jwt", None)  # as in a base install without [keys]
    with pytest.raises(ConfigurationError, match=r"camunda-hub\[keys\]"):
        assertions.sign(config)


def test_an_unusable_private_key_file_names_the_problem_not_the_key(tmp_path: Path) -> None:
    bad = tmp_path / "key.pem"
    bad.write_text("-----BEGIN PRIVATE KEY-----\nnot-a-key\n-----END PRIVATE KEY-----\n")
    config = HubConfig.resolve(
        env={"CAMUNDA_HUB_CLIENT_ID": "c1", "CAMUNDA_HUB_CLIENT_PRIVATE_KEY_FILE": str(bad)}
    )
    with pytest.raises(ConfigurationError) as caught:
        assertions.sign(config)
    assert "not an unencrypted PEM private key" in str(caught.value)
    assert "not-a-key" not in str(caught.value)
    with pytest.raises(ConfigurationError, match="does not exist"):
        HubConfig.resolve(
            env={"CAMUNDA_HUB_CLIENT_ID": "c1", "CAMUNDA_HUB_CLIENT_PRIVATE_KEY_FILE": "/nope"}
        )
