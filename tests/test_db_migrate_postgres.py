"""A SQLite deployment holding every kind of resource moves to PostgreSQL (`db migrate`'s
backup + restore + verification) and the new server answers every read exactly as the old one
did, accepting the old server's tokens and client secrets."""

from __future__ import annotations

import asyncio
import json
import secrets
import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from camunda_hub.cli.main import app as cli
from camunda_hub.server.app import create_app
from camunda_hub.server.keys.deployment_secret import DeploymentSecret
from camunda_hub.server.portability.backup import write_backup
from camunda_hub.server.portability.restore import RestoreRefused, restore
from camunda_hub.server.services import admins, api_clients
from camunda_hub.server.settings import Settings
from camunda_hub.server.store.db import Database
from camunda_hub.server.store.schema.identity import AuditEvent, Organization
from tests.support.backup_checks import backup_during_writes
from tests.support.deployment_seed import ADMIN, read_all, seed
from tests.support.in_process import in_process_hub
from tests.support.postgres import PostgresCluster

pytestmark = pytest.mark.postgres


@asynccontextmanager
async def running(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings)
    await app.state.runtime.start()
    try:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://hub") as client:
            yield client
    finally:
        await app.state.runtime.stop()


async def token(client: httpx.AsyncClient, client_id: str, secret: str) -> str:
    form = {"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret}
    response = await client.post("/oauth/token", data=form)
    assert response.status_code == 200, response.text
    return str(response.json()["access_token"])


async def test_sqlite_deployment_moves_to_postgres_and_reads_the_same(
    tmp_path: Path, postgres: PostgresCluster
) -> None:
    source_dir = tmp_path / "sqlite"
    async with in_process_hub(source_dir) as old:
        runtime = old.app.state.runtime
        creds = old.creds
        old_token = await token(old.client, creds.client.client_id, creds.client_secret)
        seeded = await seed(old.client, old_token, runtime.db, runtime.pepper)
        before = await read_all(old.client, old_token, seeded)

        secret_text = (source_dir / "secret.key").read_text().strip()
        target_url = postgres.create_database("moved")
        # The CLI runs its own event loop: give it a thread.
        migrated = await asyncio.to_thread(
            CliRunner().invoke,
            cli,
            [
                "db",
                "migrate",
                "--from",
                f"sqlite:///{source_dir / 'camunda-hub.sqlite3'}",
                "--to",
                target_url,
                "--secret-key-file",
                str(source_dir / "secret.key"),
                "--json",
            ],
            env={"CAMUNDA_HUB_DATABASE_URL": None, "CAMUNDA_HUB_SECRET_KEY": None},
        )
    assert migrated.exit_code == 0, migrated.output
    summary = json.loads(migrated.stdout)
    assert sorted(summary["verified_tables"]) == sorted(summary["tables"])
    counts = {name: table["rows"] for name, table in summary["tables"].items()}
    for table in ("files", "folders", "snapshot_files", "reviews", "catalog_asset_versions"):
        assert counts[table] > 0, table
    assert counts["deletions"] >= 4

    # A backup taken from PostgreSQL (its repeatable-read snapshot) has the same bytes per table.
    target = Database(target_url)
    try:
        from_postgres = await write_backup(target, tmp_path / "from-postgres.zip")
    finally:
        await target.dispose()
    assert from_postgres.source_dialect == "postgresql"
    assert {t.name: t.sha256 for t in from_postgres.tables} == {
        name: table["sha256"] for name, table in summary["tables"].items()
    }

    settings = Settings(
        database_url=target_url,
        secret_key=secret_text,
        data_dir=tmp_path / "unused",
        sync_interval=60,
    )
    async with running(settings) as new:
        after = await read_all(new, old_token, seeded)  # a token the old server issued
        for (method, path, _), was, now in zip(seeded.reads, before, after, strict=True):
            assert now == was, (method, path)
        for name, (client_id, secret) in seeded.clients.items():
            assert await token(new, client_id, secret), name
        fresh = await token(new, creds.client.client_id, creds.client_secret)
        response = await new.post(
            "/api/v2/workspaces",
            json={"name": "after the move"},
            headers={"Authorization": f"Bearer {fresh}"},
        )
        assert response.status_code == 200, response.text
    # Identity columns continue after the restored rows: a new client's audit event and change
    # feed entry get fresh ids instead of colliding with restored ones.
    target = Database(target_url)
    try:
        async with target.transaction() as session:
            highest = await session.scalar(select(func.max(AuditEvent.id)))
            organization = await session.scalar(select(Organization.id).limit(1))
            assert organization is not None
            await api_clients.create(
                session,
                organization_id=organization,
                name="after the move",
                permissions=["read"],
                pepper=DeploymentSecret(secret_text.encode()).client_secret_pepper,
                actor="test",
            )
        async with target.session() as session:
            assert (await session.scalar(select(func.max(AuditEvent.id)))) > (highest or 0)
            # Console admins come along with their password hashes.
            admin = await admins.find_by_email(session, ADMIN[0])
            assert admin is not None and admins.verify_password(admin.password_hash, ADMIN[1])
    finally:
        await target.dispose()

    # And back: the PostgreSQL backup restored into a new SQLite deployment reads the same too.
    back_dir = tmp_path / "back"
    back_dir.mkdir()
    shutil.copy(source_dir / "secret.key", back_dir / "secret.key")
    back = Database(f"sqlite:///{back_dir / 'camunda-hub.sqlite3'}")
    try:
        await restore(back, tmp_path / "from-postgres.zip", DeploymentSecret(secret_text.encode()))
    finally:
        await back.dispose()
    back_settings = Settings(data_dir=back_dir, sync_interval=60)
    async with running(back_settings) as again:
        assert await read_all(again, old_token, seeded) == before


async def test_postgres_backup_under_concurrent_writes_is_one_consistent_moment(
    tmp_path: Path, postgres: PostgresCluster
) -> None:
    url = postgres.create_database("snapshot")
    settings = Settings(
        database_url=url,
        secret_key=secrets.token_urlsafe(48),
        bootstrap_client=True,
        data_dir=tmp_path / "unused",
        sync_interval=60,
    )
    app = create_app(settings)
    runtime = app.state.runtime
    await runtime.start()
    try:
        creds = runtime.bootstrap_credentials
        assert creds is not None
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://hub") as client:
            bearer = await token(client, creds.client.client_id, creds.client_secret)
            await backup_during_writes(client, bearer, url, tmp_path)
    finally:
        await runtime.stop()
    # --force over the same (non-empty) PostgreSQL database: back to the backup's moment.
    db = Database(url)
    try:
        secret = DeploymentSecret(settings.secret_key.get_secret_value().encode())  # type: ignore[union-attr]
        with pytest.raises(RestoreRefused):
            await restore(db, tmp_path / "during.zip", secret)
        result = await restore(db, tmp_path / "during.zip", secret, force=True, check=True)
        assert sorted(result.verified) == sorted(t.name for t in result.manifest.tables)
    finally:
        await db.dispose()
