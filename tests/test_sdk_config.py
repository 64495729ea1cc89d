"""The environment contract: documented names and defaults, the 8.10 names, precedence,
explicit arguments over the environment, one clear error naming a missing variable."""

from __future__ import annotations

from pathlib import Path

import pytest

from camunda_hub.client import ConfigurationError, HubClient, HubConfig
from tests.support.server import Credentials, HubServer

BASE = {"CAMUNDA_HUB_CLIENT_ID": "hub-id", "CAMUNDA_HUB_CLIENT_SECRET": "hub-secret"}


def test_defaults_are_the_documented_ones() -> None:
    config = HubConfig.resolve(env=BASE)
    assert config.client_id == "hub-id"
    assert config.client_secret.reveal() == "hub-secret"
    assert config.oauth_url == "https://login.cloud.camunda.io/oauth/token"
    assert config.audience == "api.cloud.camunda.io"
    assert config.rest_url == "http://localhost:8088"
    assert config.api_url == "http://localhost:8088/api/v2"
    assert config.timeout == 30
    assert config.token_cache_dir is None


def test_every_documented_variable_is_read() -> None:
    config = HubConfig.resolve(
        env={
            **BASE,
            "CAMUNDA_OAUTH_URL": "https://issuer.example/oauth/token",
            "CAMUNDA_HUB_OAUTH_AUDIENCE": "web-modeler-public-api",
            "CAMUNDA_HUB_REST_URL": "https://hub.example/",
            "CAMUNDA_HUB_TIMEOUT": "7.5",
        }
    )
    assert config.oauth_url == "https://issuer.example/oauth/token"
    assert config.audience == "web-modeler-public-api"
    assert config.rest_url == "https://hub.example"
    assert config.timeout == 7.5


def test_the_api_prefix_in_the_rest_url_is_tolerated() -> None:
    config = HubConfig.resolve(env={**BASE, "CAMUNDA_HUB_REST_URL": "https://hub.example/api/v2"})
    assert config.api_url == "https://hub.example/api/v2"


def test_console_names_of_the_8_10_docs_are_accepted() -> None:
    config = HubConfig.resolve(
        env={
            "CAMUNDA_CONSOLE_CLIENT_ID": "console-id",
            "CAMUNDA_CONSOLE_CLIENT_SECRET": "console-secret",
            "CAMUNDA_CONSOLE_OAUTH_AUDIENCE": "console-audience",
        }
    )
    assert (config.client_id, config.client_secret.reveal(), config.audience) == (
        "console-id",
        "console-secret",
        "console-audience",
    )
    assert config.sources["client_id"] == "CAMUNDA_CONSOLE_CLIENT_ID"


def test_hub_names_win_over_console_names() -> None:
    config = HubConfig.resolve(
        env={
            **BASE,
            "CAMUNDA_CONSOLE_CLIENT_ID": "console-id",
            "CAMUNDA_CONSOLE_CLIENT_SECRET": "console-secret",
            "CAMUNDA_HUB_OAUTH_AUDIENCE": "hub-audience",
            "CAMUNDA_CONSOLE_OAUTH_AUDIENCE": "console-audience",
        }
    )
    assert config.client_id == "hub-id"
    assert config.client_secret.reveal() == "hub-secret"
    assert config.audience == "hub-audience"


def test_id_and_secret_are_never_mixed_across_families() -> None:
    with pytest.raises(ConfigurationError) as caught:
        HubConfig.resolve(
            env={"CAMUNDA_HUB_CLIENT_ID": "hub-id", "CAMUNDA_CONSOLE_CLIENT_SECRET": "other"}
        )
    assert caught.value.variable == "CAMUNDA_HUB_CLIENT_SECRET"
    assert "CAMUNDA_HUB_CLIENT_SECRET" in str(caught.value)


def test_arguments_override_the_environment() -> None:
    config = HubConfig.resolve(
        client_id="arg-id",
        client_secret="arg-secret",
        oauth_url="http://127.0.0.1:1/token",
        audience="arg-audience",
        rest_url="http://127.0.0.1:2",
        timeout=3,
        env={**BASE, "CAMUNDA_OAUTH_URL": "https://env.example/token"},
    )
    assert (config.client_id, config.client_secret.reveal()) == ("arg-id", "arg-secret")
    assert config.oauth_url == "http://127.0.0.1:1/token"
    assert config.audience == "arg-audience"
    assert config.rest_url == "http://127.0.0.1:2"
    assert config.timeout == 3


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({}, "CAMUNDA_HUB_CLIENT_ID"),
        ({"CAMUNDA_HUB_CLIENT_ID": "x"}, "CAMUNDA_HUB_CLIENT_SECRET"),
        ({"CAMUNDA_CONSOLE_CLIENT_ID": "x"}, "CAMUNDA_CONSOLE_CLIENT_SECRET"),
        ({**BASE, "CAMUNDA_OAUTH_URL": "login.example/token"}, "CAMUNDA_OAUTH_URL"),
        ({**BASE, "CAMUNDA_HUB_REST_URL": "ftp://hub"}, "CAMUNDA_HUB_REST_URL"),
        ({**BASE, "CAMUNDA_HUB_TIMEOUT": "soon"}, "CAMUNDA_HUB_TIMEOUT"),
        ({**BASE, "CAMUNDA_HUB_TIMEOUT": "0"}, "CAMUNDA_HUB_TIMEOUT"),
        ({**BASE, "CAMUNDA_HUB_CA_BUNDLE": "/no/such/ca.pem"}, "CAMUNDA_HUB_CA_BUNDLE"),
    ],
)
def test_a_missing_or_bad_value_names_its_variable(env: dict[str, str], variable: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        HubConfig.resolve(env=env)
    assert caught.value.variable == variable
    assert variable in str(caught.value)


def test_a_bad_ca_bundle_is_a_configuration_error(tmp_path: Path) -> None:
    bundle = tmp_path / "ca.pem"
    bundle.write_text("not a certificate")
    with pytest.raises(ConfigurationError) as caught:
        HubClient(config=HubConfig.resolve(env={**BASE, "CAMUNDA_HUB_CA_BUNDLE": str(bundle)}))
    assert caught.value.variable == "CAMUNDA_HUB_CA_BUNDLE"


def test_client_with_no_arguments_reads_the_environment(
    hub: HubServer, admin_creds: Credentials, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in hub.client_env(admin_creds).items():
        monkeypatch.setenv(name, value)
    from camunda_hub import HubClient as TopLevelHubClient

    with TopLevelHubClient() as client:
        info = client.info()
    assert info.version == "v2"
    assert info.authorized_organization


async def test_async_client_with_no_arguments_reads_the_environment(
    hub: HubServer, admin_creds: Credentials, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in hub.client_env(admin_creds).items():
        monkeypatch.setenv(name, value)
    from camunda_hub import AsyncHubClient

    async with AsyncHubClient() as client:
        assert (await client.info()).version == "v2"
