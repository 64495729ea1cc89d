"""Settings: defaults, ``CAMUNDA_HUB_*`` env vars, and CLI flags over env (flag > env > default)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer
from pydantic import ValidationError
from typer.testing import CliRunner

from camunda_hub.cli.main import app
from camunda_hub.cli.store_options import settings_from
from camunda_hub.server.settings import Settings


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import os

    for name in list(os.environ):
        if name.startswith("CAMUNDA_HUB_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))


def test_defaults(tmp_path: Path) -> None:
    settings = Settings()
    assert settings.host == "127.0.0.1"
    assert settings.port == 8088
    assert settings.data_dir == tmp_path / "xdg" / "camunda-hub"
    assert settings.database_url is None and settings.embedded
    assert settings.effective_database_url.startswith("sqlite:///")
    assert settings.effective_database_url.endswith("camunda-hub.sqlite3")
    assert settings.effective_issuer == "http://127.0.0.1:8088"
    assert settings.token_lifetime == 300
    assert settings.signing_alg == "ES256"
    assert settings.audiences == ["api.cloud.camunda.io"]
    assert settings.default_audience == "api.cloud.camunda.io"
    assert settings.clock_skew == 60
    assert settings.sync_interval == 1.0


ENV = {
    "CAMUNDA_HUB_HOST": "0.0.0.0",
    "CAMUNDA_HUB_PORT": "9000",
    "CAMUNDA_HUB_DATA_DIR": "/srv/hub",
    "CAMUNDA_HUB_DATABASE_URL": "postgresql://db/hub",
    "CAMUNDA_HUB_ISSUER": "https://login.example.com/",
    "CAMUNDA_HUB_TOKEN_LIFETIME": "600",
    "CAMUNDA_HUB_SIGNING_ALG": "EdDSA",
    "CAMUNDA_HUB_CLOCK_SKEW": "5",
    "CAMUNDA_HUB_AUDIENCES": "web-modeler-public-api, api.cloud.camunda.io",
}


def test_every_documented_env_var(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)
    settings = Settings()
    assert settings.host == "0.0.0.0"
    assert settings.port == 9000
    assert settings.data_dir == Path("/srv/hub")
    assert settings.database_url == "postgresql://db/hub" and not settings.embedded
    assert settings.effective_issuer == "https://login.example.com"  # trailing slash dropped
    assert settings.token_lifetime == 600
    assert settings.signing_alg == "EdDSA"
    assert settings.clock_skew == 5
    assert settings.audiences == ["web-modeler-public-api", "api.cloud.camunda.io"]
    assert settings.default_audience == "web-modeler-public-api"


def test_flags_win_over_env_and_absent_flags_keep_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)
    settings = settings_from(
        host="127.0.0.2",
        port=None,
        token_lifetime=60,
        signing_alg="RS256",
        issuer=None,
        audiences=["only-this"],
        clock_skew=0,
    )
    assert settings.host == "127.0.0.2"
    assert settings.port == 9000
    assert settings.token_lifetime == 60
    assert settings.signing_alg == "RS256"
    assert settings.effective_issuer == "https://login.example.com"
    assert settings.audiences == ["only-this"]
    assert settings.clock_skew == 0


@pytest.mark.parametrize(
    ("env", "value"),
    [
        ("CAMUNDA_HUB_SIGNING_ALG", "HS256"),
        ("CAMUNDA_HUB_SIGNING_ALG", "none"),
        ("CAMUNDA_HUB_TOKEN_LIFETIME", "0"),
        ("CAMUNDA_HUB_TOKEN_LIFETIME", "ten"),
        ("CAMUNDA_HUB_CLOCK_SKEW", "-1"),
        ("CAMUNDA_HUB_PORT", "70000"),
        ("CAMUNDA_HUB_AUDIENCES", " , "),
        ("CAMUNDA_HUB_ISSUER", "login.example.com"),
        ("CAMUNDA_HUB_ISSUER", "https://login.example.com/?x=1"),
        ("CAMUNDA_HUB_ISSUER", "https://login.example.com/#frag"),
        ("CAMUNDA_HUB_METRICS_TOKEN", "short-token"),
    ],
)
def test_invalid_values_are_refused(monkeypatch: pytest.MonkeyPatch, env: str, value: str) -> None:
    monkeypatch.setenv(env, value)
    with pytest.raises(ValidationError):
        Settings()


def test_secret_key_and_key_file_are_exclusive(tmp_path: Path) -> None:
    with pytest.raises(ValidationError):
        Settings(secret_key="x" * 48, secret_key_file=tmp_path / "key")


def test_cli_reports_an_invalid_setting_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(typer.Exit) as exit_info:
        settings_from(signing_alg="HS256")
    assert exit_info.value.exit_code == 2
    err = capsys.readouterr().err
    assert err.startswith("error: invalid setting signing_alg") and err.count("\n") == 1


def test_a_refused_metrics_token_is_not_echoed(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CAMUNDA_HUB_METRICS_TOKEN", "too-short-1234")
    with pytest.raises(typer.Exit):
        settings_from()
    err = capsys.readouterr().err
    assert "metrics_token" in err and "too-short-1234" not in err


def test_an_empty_metrics_token_means_open_metrics(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAMUNDA_HUB_METRICS_TOKEN", "")
    assert Settings().metrics_token is None


def test_serve_documents_every_flag_and_its_env_var() -> None:
    result = CliRunner().invoke(app, ["serve", "--help"], env={"COLUMNS": "200", "NO_COLOR": "1"})
    assert result.exit_code == 0
    for flag, env in [
        ("--host", "CAMUNDA_HUB_HOST"),
        ("--port", "CAMUNDA_HUB_PORT"),
        ("--data-dir", "CAMUNDA_HUB_DATA_DIR"),
        ("--database-url", "CAMUNDA_HUB_DATABASE_URL"),
        ("--issuer", "CAMUNDA_HUB_ISSUER"),
        ("--token-lifetime", "CAMUNDA_HUB_TOKEN_LIFETIME"),
        ("--signing-alg", "CAMUNDA_HUB_SIGNING_ALG"),
        ("--clock-skew", "CAMUNDA_HUB_CLOCK_SKEW"),
        ("--audience", "CAMUNDA_HUB_AUDIENCES"),
        ("--secret-key-file", "CAMUNDA_HUB_SECRET_KEY"),
    ]:
        assert flag in result.output, flag
        assert env in result.output, env


def test_every_setting_is_in_the_readme_table() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    rows = [line for line in readme.splitlines() if line.startswith("| `CAMUNDA_HUB_")]
    documented = set(re.findall(r"`(CAMUNDA_HUB_[A-Z_]+)`", "\n".join(rows)))
    assert {f"CAMUNDA_HUB_{name.upper()}" for name in Settings.model_fields} <= documented
