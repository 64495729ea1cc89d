"""Opening the store: what the server and every admin command do first.

Creates the data folder (embedded mode), applies migrations, loads the deployment secret and
checks that it is the one this database was set up with."""

from __future__ import annotations

import os
from dataclasses import dataclass

from sqlalchemy import select

from camunda_hub.server import deployment_secret
from camunda_hub.server.deployment_secret import DeploymentSecret, DeploymentSecretError
from camunda_hub.server.settings import Settings
from camunda_hub.server.store import migrate
from camunda_hub.server.store.db import Database
from camunda_hub.server.store.schema.identity import ApiClient, DeploymentMeta, SigningKey

SECRET_CHECK = "secret_check"


@dataclass
class Store:
    settings: Settings
    db: Database
    secret: DeploymentSecret

    async def close(self) -> None:
        await self.db.dispose()


async def open_store(settings: Settings) -> Store:
    if settings.embedded:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        os.chmod(settings.data_dir, 0o700)
    db = Database(settings.effective_database_url, pool_size=settings.db_pool_size)
    try:
        await migrate.upgrade(db)
        secret = await _checked_secret(settings, db)
    except BaseException:
        await db.dispose()
        raise
    return Store(settings, db, secret)


async def _checked_secret(settings: Settings, db: Database) -> DeploymentSecret:
    async with db.exclusive_transaction() as session:
        check = await session.get(DeploymentMeta, SECRET_CHECK)
        holds_secrets = (
            check is not None
            or await session.scalar(select(SigningKey.kid).limit(1)) is not None
            or await session.scalar(select(ApiClient.client_id).limit(1)) is not None
        )
        secret, _created = deployment_secret.load(settings, may_create=not holds_secrets)
        if check is None:
            session.add(DeploymentMeta(name=SECRET_CHECK, value=secret.check_value()))
        elif check.value != secret.check_value():
            raise DeploymentSecretError(
                "the deployment secret does not match the one this database was set up with "
                "(wrong CAMUNDA_HUB_SECRET_KEY or secret key file?)"
            )
    return secret
