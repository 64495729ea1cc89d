"""The tables of a deployment as its database has them (reflected, so a database at an older
schema revision is read as it is), in foreign-key order, with a canonical row order."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Column, MetaData, Table, func, select, types
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql import Select

# Alembic's bookkeeping: the revision goes into the manifest instead.
SKIPPED = frozenset({"alembic_version"})


def _reflect(connection: Connection) -> list[Table]:
    metadata = MetaData()
    metadata.reflect(connection)
    return [t for t in metadata.sorted_tables if t.name not in SKIPPED]


async def reflect_tables(connection: AsyncConnection) -> list[Table]:
    """Every data table, parents before the tables that refer to them."""
    return await connection.run_sync(_reflect)


def sorted_columns(table: Table) -> list[Column[Any]]:
    return sorted(table.columns, key=lambda c: c.name)


def ordered_select(table: Table, dialect: str) -> Select[Any]:
    """All rows by primary key, in the same order on SQLite and PostgreSQL: text keys compare
    byte-wise (PostgreSQL's default collation would sort them by locale)."""
    keys: Sequence[Column[Any]] = list(table.primary_key.columns) or sorted_columns(table)
    order = [
        c.collate("C") if dialect == "postgresql" and isinstance(c.type, types.String) else c
        for c in keys
    ]
    return select(*sorted_columns(table)).order_by(*order)


async def row_count(connection: AsyncConnection, table: Table) -> int:
    return int(await connection.scalar(select(func.count()).select_from(table)) or 0)


def self_references(table: Table) -> list[tuple[str, str]]:
    """(column, referred column) of foreign keys from a table to itself (folders' parents)."""
    return [
        (fk.parent.name, fk.column.name)
        for fk in table.foreign_keys
        if fk.column.table.name == table.name
    ]
