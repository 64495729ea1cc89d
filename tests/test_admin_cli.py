"""The admin commands (``clients …``, ``orgs …``, ``db upgrade``) as scripts use them: on the
database of a running server, and the start-up errors of ``serve``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import httpx
import jwt

from tests.support.server import Credentials, HubServer


def one_line_error(result: subprocess.CompletedProcess[str], code: int) -> str:
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    assert result.stderr.startswith("error: "), result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    return result.stderr


def test_create_without_permission_is_refused_in_one_line(hub: HubServer) -> None:
    result = hub.cli("clients", "create", "--name", "nothing", check=False)
    message = one_line_error(result, 2)
    assert "at least one permission" in message
    assert result.stdout == ""


def test_create_prints_credentials_once_and_list_never_shows_them(hub: HubServer) -> None:
    text = hub.cli("clients", "create", "--name", "human", "-p", "read", "-p", "update").stdout
    assert "client_id:" in text and "client_secret:" in text and "only this once" in text
    created = json.loads(
        hub.cli("clients", "create", "--name", "script", "-p", "read", "--json").stdout
    )
    assert set(created) == {"client_id", "client_secret"}
    assert len(created["client_secret"]) >= 43  # 256 bits, base64url

    listed_json = hub.cli("clients", "list", "--json").stdout
    listed_text = hub.cli("clients", "list").stdout
    rows = {row["client_id"]: row for row in json.loads(listed_json)}
    assert rows[created["client_id"]]["name"] == "script"
    assert rows[created["client_id"]]["permissions"] == ["read"]
    for row in rows.values():
        assert not any("secret" in key and key != "secret_rotated" for key in row)
        assert not any("hash" in key for key in row)
    for output in (listed_json, listed_text):
        assert created["client_secret"] not in output


def test_changes_reach_the_running_server(hub: HubServer) -> None:
    created = json.loads(
        hub.cli("clients", "create", "--name", "short-lived", "-p", "read", "--json").stdout
    )
    creds = Credentials(created["client_id"], created["client_secret"])
    hub.wait_for_client(creds)
    token = hub.token(creds)
    assert hub.cli("clients", "delete", creds.client_id).stdout.strip().endswith("deleted")
    refused = hub.wait_until_refused(token)
    assert refused.status_code == 401
    assert "no longer exists" in refused.json()["detail"]
    assert hub.request_token(creds).json()["error"] == "invalid_client"
    missing = hub.cli("clients", "delete", creds.client_id, check=False)
    assert "does not exist" in one_line_error(missing, 1)


def test_rotate_secret_grace_is_bounded(hub: HubServer) -> None:
    result = hub.cli("clients", "rotate-secret", "any-id", "--grace", "604801", check=False)
    assert "7 days" in one_line_error(result, 2)


def test_organizations_and_clients_in_them(hub: HubServer) -> None:
    org = hub.create_org("Second Org", via_cli=True)
    assert org in hub.cli("orgs", "list").stdout
    creds = hub.create_client("read", org=org, name="in-second-org", via_cli=True)
    token = hub.token(creds)
    assert (
        jwt.decode(token, options={"verify_signature": False})["https://camunda.com/orgId"] == org
    )
    info = httpx.get(f"{hub.url}/api/v2/info", headers={"Authorization": f"Bearer {token}"})
    assert info.json()["authorizedOrganization"] == org
    unknown = hub.cli(
        "clients", "create", "--name", "x", "-p", "read", "--org", "nope", check=False
    )
    assert "does not exist" in one_line_error(unknown, 1)


def test_db_upgrade_reports_the_revision(hub: HubServer) -> None:
    assert hub.cli("db", "upgrade").stdout.startswith("database at revision ")


def test_admin_commands_before_the_first_server_start(tmp_path: Path) -> None:
    """A script may create clients before any server ran; the server then uses that data (and
    does not print a bootstrap client: the deployment already has an organization)."""
    server = HubServer(tmp_path)
    created = json.loads(
        server.cli("clients", "create", "--name", "early", "-p", "read", "--json").stdout
    )
    assert (tmp_path / "secret.key").stat().st_mode & 0o777 == 0o600
    with server:
        assert server.bootstrap_exports() == {}
        token = server.token(Credentials(created["client_id"], created["client_secret"]))
        info = httpx.get(f"{server.url}/api/v2/info", headers={"Authorization": f"Bearer {token}"})
        assert info.status_code == 200


def serve_once(data_dir: Path, **env: str) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run(
        [sys.executable, "-m", "camunda_hub", "serve", "--port", "0", "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **env},
    )


def test_lost_or_wrong_deployment_secret_is_a_clear_startup_error(tmp_path: Path) -> None:
    server = HubServer(tmp_path)
    server.cli("clients", "create", "--name", "protected", "-p", "read")
    secret_file = tmp_path / "secret.key"
    original = secret_file.read_text()

    secret_file.unlink()
    lost = serve_once(tmp_path)
    message = one_line_error(lost, 2)
    assert "secret.key is missing" in message
    assert not secret_file.exists(), "a new secret must never be generated over existing data"
    assert "secret.key is missing" in one_line_error(server.cli("clients", "list", check=False), 2)

    secret_file.write_text(original)
    wrong = serve_once(tmp_path, CAMUNDA_HUB_SECRET_KEY="x" * 48)
    assert "does not match" in one_line_error(wrong, 2)


def test_client_ids_are_safe_command_line_arguments() -> None:
    """An id is passed as an argument (`clients delete ID`): one starting with "-" would be
    read as an option, so ids are letters and digits only."""
    from camunda_hub.server.api_clients.secrets import new_client_id, new_secret

    ids = {new_client_id() for _ in range(3000)}
    assert len(ids) == 3000
    assert all(len(i) == 24 and i.isascii() and i.isalnum() for i in ids)
    assert len(new_secret()) >= 43
