"""Reading a whole deployment in one consistent snapshot while servers keep writing.

SQLite (WAL): one deferred read transaction; its first read fixes the snapshot that every later
read of it sees, and writers go on committing to the WAL meanwhile. PostgreSQL: one
``REPEATABLE READ, READ ONLY`` transaction. Rows stream out of a server-side cursor, so memory
stays flat whatever the size."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, text
from sqlalchemy.ext.asyncio import AsyncConnection

from camunda_hub.server.portability import archive_format as fmt
from camunda_hub.server.portability import tables as tbl
from camunda_hub.server.store.db import Database

BATCH_ROWS = 1000
SECRET_CHECK = "secret_check"

Advance = Callable[[str, int], None]  # (table, rows just read)


@asynccontextmanager
async def snapshot(db: Database) -> AsyncIterator[AsyncConnection]:
    """A connection whose reads all see the database as it was at the first one."""
    async with db.engine.connect() as connection:
        if db.is_sqlite:
            # Database's "begin" listener sends a deferred BEGIN: the snapshot starts at the
            # first read (the reflection), and never takes the write lock.
            async with connection.begin():
                yield connection
        else:
            readonly = await connection.execution_options(
                isolation_level="REPEATABLE READ", postgresql_readonly=True
            )
            async with readonly.begin():
                yield readonly


@dataclass
class SnapshotTable:
    table: Table
    rows: int
    columns: list[fmt.ColumnEntry]


async def describe(connection: AsyncConnection) -> list[SnapshotTable]:
    """The snapshot's tables in load order, with their row counts."""
    described = []
    for table in await tbl.reflect_tables(connection):
        columns = [fmt.ColumnEntry(c.name, fmt.codec_of(c.type)) for c in tbl.sorted_columns(table)]
        described.append(SnapshotTable(table, await tbl.row_count(connection, table), columns))
    return described


async def encoded_lines(
    connection: AsyncConnection, entry: SnapshotTable
) -> AsyncIterator[list[bytes]]:
    """The table's rows as archive lines, a batch at a time, in canonical order."""
    codecs = [fmt.ENCODERS[c.codec] for c in entry.columns]
    result = await connection.stream(
        tbl.ordered_select(entry.table, connection.dialect.name),
        execution_options={"yield_per": BATCH_ROWS},
    )
    async for batch in result.partitions(BATCH_ROWS):
        yield [fmt.encode_row(codecs, tuple(row)) for row in batch]


async def schema_revisions(connection: AsyncConnection) -> list[str]:
    rows = await connection.execute(text("SELECT version_num FROM alembic_version"))
    return sorted(str(r[0]) for r in rows)


async def secret_check(connection: AsyncConnection, tables: list[SnapshotTable]) -> str | None:
    if not any(t.table.name == "deployment_meta" for t in tables):
        return None
    value = await connection.scalar(
        text("SELECT value FROM deployment_meta WHERE name = :name"), {"name": SECRET_CHECK}
    )
    return None if value is None else str(value)


@dataclass
class TableDigest:
    rows: int
    sha256: str
    bytes: int


async def digest_table(
    connection: AsyncConnection,
    entry: SnapshotTable,
    write: Callable[[bytes], Any] | None = None,
    advance: Advance | None = None,
) -> TableDigest:
    """Stream a table's lines into ``write`` (if given), hashing them on the way."""
    digest = hashlib.sha256()
    rows = size = 0
    async for lines in encoded_lines(connection, entry):
        chunk = b"".join(lines)
        digest.update(chunk)
        if write is not None:
            write(chunk)
        rows += len(lines)
        size += len(chunk)
        if advance is not None:
            advance(entry.table.name, len(lines))
    return TableDigest(rows, digest.hexdigest(), size)
