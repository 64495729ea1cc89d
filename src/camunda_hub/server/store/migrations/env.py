"""Alembic environment. Migrations run on a connection handed in by ``store.migrate`` (which
holds the cross-process migration lock); the ``alembic`` command line is supported too."""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy import text
from sqlalchemy.engine import Connection

from camunda_hub.server.store.db import async_url
from camunda_hub.server.store.schema import Base

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            # The read-version triggers (0020) are deferred to the commit, and PostgreSQL
            # refuses DDL on a table with trigger events still pending: a migration that
            # changes rows and then the table would fail. In a migration they fire at once
            # (and so do those of rows changed before it in the transaction).
            connection.execute(text("SET CONSTRAINTS ALL IMMEDIATE"))
        context.run_migrations()


async def _run_standalone() -> None:
    from sqlalchemy.ext.asyncio import create_async_engine

    from camunda_hub.server.store.migrate import sqlite_foreign_keys

    engine = create_async_engine(async_url(config.get_main_option("sqlalchemy.url") or ""))
    async with engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            # As camunda-hub runs migrations: table rebuilds must not cascade (store.migrate).
            await connection.run_sync(sqlite_foreign_keys, False)
        await connection.run_sync(_run)
        await connection.commit()
    await engine.dispose()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
elif context.is_offline_mode():
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata)
    with context.begin_transaction():
        context.run_migrations()
else:
    asyncio.run(_run_standalone())
