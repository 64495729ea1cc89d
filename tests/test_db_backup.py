"""`db backup` / `db restore` on SQLite: a backup taken under concurrent writes is one consistent
moment, restores refuse what would lose or strand data, older backups restore into the current
schema, damaged archives are caught."""

from __future__ import annotations

import json
import secrets
import zipfile
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from camunda_hub.cli.main import app as cli
from camunda_hub.server.keys.deployment_secret import DeploymentSecret
from camunda_hub.server.portability.backup import write_backup
from camunda_hub.server.portability.restore import _upgrade_to, restore
from camunda_hub.server.store import migrate
from camunda_hub.server.store.db import Database
from tests.support.backup_checks import backup_during_writes
from tests.support.in_process import in_process_hub


def sqlite_url(data_dir: Path) -> str:
    return f"sqlite:///{data_dir / 'camunda-hub.sqlite3'}"


def run_cli(*args: str) -> Any:
    # Keep the outer environment's settings out of the commands under test.
    env = {"CAMUNDA_HUB_DATABASE_URL": None, "CAMUNDA_HUB_SECRET_KEY": None}
    return CliRunner().invoke(cli, list(args), env=env)


async def test_backup_under_concurrent_writes_is_one_consistent_moment(tmp_path: Path) -> None:
    data = tmp_path / "hub"
    async with in_process_hub(data) as hub:
        form = hub.token_form()
        token = (await hub.client.post("/oauth/token", data=form)).json()["access_token"]
        await backup_during_writes(hub.client, token, sqlite_url(data), tmp_path)


@pytest.fixture(scope="module")
def deployment(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A small deployment (org, client, key) and its backup."""
    tmp_path = tmp_path_factory.mktemp("deployment")
    data = tmp_path / "source"
    for args in (
        ("orgs", "create", "acme"),
        ("clients", "create", "--name", "c", "-p", "read"),
        ("keys", "rotate"),
    ):
        result = run_cli(*args, "--data-dir", str(data))
        assert result.exit_code == 0, result.output
    backup = tmp_path / "backup.zip"
    result = run_cli("db", "backup", "--output", str(backup), "--data-dir", str(data), "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["tables"]["api_clients"]["rows"] == 1
    assert summary["tables"]["signing_keys"]["rows"] == 1
    return data, backup


def test_restore_refuses_a_non_empty_target_unless_forced(
    tmp_path: Path, deployment: tuple[Path, Path]
) -> None:
    source, backup = deployment
    secret = str(source / "secret.key")
    result = run_cli("db", "restore", str(backup), "--data-dir", str(source))
    assert result.exit_code == 1
    assert "not empty" in result.output and "--force" in result.output
    target = tmp_path / "target"
    restored = run_cli(
        "db", "restore", str(backup), "--data-dir", str(target), "--secret-key-file", secret
    )
    assert restored.exit_code == 0, restored.output
    again = run_cli(
        "db", "restore", str(backup), "--data-dir", str(target), "--secret-key-file", secret
    )
    assert again.exit_code == 1 and "not empty" in again.output
    forced = run_cli(
        "db",
        "restore",
        str(backup),
        "--force",
        "--verify",
        "--json",
        "--data-dir",
        str(target),
        "--secret-key-file",
        secret,
    )
    assert forced.exit_code == 0, forced.output
    summary = json.loads(forced.stdout)
    assert set(summary["verified_tables"]) == set(summary["tables"])
    # The restored copy is the same deployment: the admin commands accept its secret.
    listed = run_cli(
        "clients", "list", "--json", "--data-dir", str(target), "--secret-key-file", secret
    )
    assert [c["name"] for c in json.loads(listed.stdout)] == ["c"]


def test_restore_with_another_secret_is_refused_unless_rekeyed(
    tmp_path: Path, deployment: tuple[Path, Path]
) -> None:
    source, backup = deployment
    target = tmp_path / "target"
    missing = run_cli("db", "restore", str(backup), "--data-dir", str(target))
    assert missing.exit_code == 2 and "no deployment secret" in missing.output
    target.mkdir(exist_ok=True)
    other = tmp_path / "other.key"
    other.write_text(secrets.token_urlsafe(48))
    wrong = run_cli(
        "db", "restore", str(backup), "--data-dir", str(target), "--secret-key-file", str(other)
    )
    assert wrong.exit_code == 1
    assert "another deployment secret" in wrong.output and "--rekey" in wrong.output
    not_the_old_one = run_cli(
        "db",
        "restore",
        str(backup),
        "--data-dir",
        str(target),
        "--secret-key-file",
        str(other),
        "--rekey",
        "--old-secret-key-file",
        str(other),
    )
    assert not_the_old_one.exit_code == 1 and "not the secret" in not_the_old_one.output
    rekeyed = run_cli(
        "db",
        "restore",
        str(backup),
        "--data-dir",
        str(target),
        "--secret-key-file",
        str(other),
        "--rekey",
        "--old-secret-key-file",
        str(source / "secret.key"),
    )
    assert rekeyed.exit_code == 0, rekeyed.output
    assert "rotate" in rekeyed.output
    # The new secret now opens the database, and the re-encrypted key can be used and rotated.
    rotated = run_cli("keys", "rotate", "--data-dir", str(target), "--secret-key-file", str(other))
    assert rotated.exit_code == 0, rotated.output


async def test_a_backup_from_an_older_schema_restores_into_the_current_one(
    tmp_path: Path,
) -> None:
    old = Database(sqlite_url(tmp_path / "old"))
    (tmp_path / "old").mkdir()
    try:
        async with old.engine.connect() as connection:
            await connection.run_sync(_upgrade_to, ["0008_catalog"])
            await connection.commit()
        async with old.transaction() as session:
            await session.execute(
                text(
                    "INSERT INTO organizations (id, name, created) "
                    "VALUES ('o1', 'acme', '2024-01-02 03:04:05.000006')"
                )
            )
        backup = tmp_path / "old.zip"
        manifest = await write_backup(old, backup)
    finally:
        await old.dispose()
    assert manifest.schema_revisions == ["0008_catalog"]
    target = tmp_path / "target"
    target.mkdir()
    db = Database(sqlite_url(target))
    try:
        # No secret check in this backup: any secret restores it.
        await restore(db, backup, DeploymentSecret(secrets.token_bytes(32)))
        assert await migrate.current_revisions(db) == migrate.head_revisions()
        async with db.session() as session:
            rows = (
                await session.execute(text("SELECT id, name, created FROM organizations"))
            ).all()
    finally:
        await db.dispose()
    assert [tuple(r) for r in rows] == [("o1", "acme", "2024-01-02 03:04:05.000006")]


def test_damaged_or_foreign_archives_are_refused_before_the_target_is_touched(
    tmp_path: Path, deployment: tuple[Path, Path]
) -> None:
    source, backup = deployment
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(backup) as original, zipfile.ZipFile(damaged, "w") as copy:
        for item in original.infolist():
            data = original.read(item)
            if item.filename == "tables/api_clients.jsonl":
                data = data.replace(b'"c"', b'"x"')
            copy.writestr(item, data)
    target = tmp_path / "target"
    secret = str(source / "secret.key")
    result = run_cli(
        "db", "restore", str(damaged), "--data-dir", str(target), "--secret-key-file", secret
    )
    assert result.exit_code == 2 and "checksum" in result.output, result.output
    assert not (target / "camunda-hub.sqlite3").exists()  # refused before touching it
    not_a_backup = tmp_path / "notes.zip"
    with zipfile.ZipFile(not_a_backup, "w") as archive:
        archive.writestr("readme.txt", "hello")
    foreign = run_cli("db", "restore", str(not_a_backup), "--data-dir", str(tmp_path / "t2"))
    assert foreign.exit_code == 2 and "no manifest" in foreign.output
