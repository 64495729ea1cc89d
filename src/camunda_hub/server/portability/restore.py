"""``camunda-hub db restore``: an archive back into an empty database of either kind.

The target is first migrated to the backup's own schema revision, the rows are loaded there in
one transaction (so a failed restore leaves no half-loaded data), and then the usual migrations
take it to the current revision: a backup from an older camunda-hub restores like a database
that was upgraded in place."""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from alembic import command
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import MetaData, Table, bindparam, func, select, text, types, update
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncConnection

from camunda_hub.server.keys import material
from camunda_hub.server.keys.deployment_secret import DeploymentSecret
from camunda_hub.server.portability import archive_format as fmt
from camunda_hub.server.portability import snapshot as snap
from camunda_hub.server.portability import tables as tbl
from camunda_hub.server.store import migrate
from camunda_hub.server.store.db import Database
from camunda_hub.server.store.schema import Base
from camunda_hub.server.store.schema.read_versions import TRIGGER_NAMES

INSERT_BATCH = 500
# Read a member in pieces: a JSON line can be large (a file's content), but never the whole table.
_READ_CHUNK = 1 << 20


class RestoreRefused(RuntimeError):
    """The restore would lose data or make it unusable; nothing was changed."""


@dataclass
class RestoreResult:
    manifest: fmt.Manifest
    rekeyed: bool = False
    # With --rekey, client secrets hashed with the old secret's pepper no longer match.
    clients_to_rotate: int = 0
    verified: list[str] = field(default_factory=list)
    not_verified: list[str] = field(default_factory=list)


def read_manifest(archive: zipfile.ZipFile) -> fmt.Manifest:
    try:
        data = archive.read(fmt.MANIFEST)
    except KeyError:
        raise fmt.ArchiveError("not a camunda-hub backup (no manifest.json)") from None
    return fmt.Manifest.from_json(data)


def open_archive(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise fmt.ArchiveError(f"{path} is not a camunda-hub backup (not a zip file)") from None


def _check_revisions(manifest: fmt.Manifest) -> None:
    scripts = ScriptDirectory.from_config(migrate.alembic_config())
    for revision in manifest.schema_revisions:
        try:
            known = scripts.get_revision(revision)
        except CommandError:
            known = None
        if known is None:
            raise fmt.ArchiveError(
                f"the backup's schema revision {revision} is unknown here: it was made by a "
                "newer camunda-hub; restore it with that version or a later one"
            )


def _check_secret(
    manifest: fmt.Manifest, target: DeploymentSecret, old: DeploymentSecret | None
) -> bool:
    """Whether the keys must be re-encrypted (``--rekey``); refuses a secret that cannot work."""
    if manifest.secret_check is None or manifest.secret_check == target.check_value():
        return False
    if old is None:
        raise RestoreRefused(
            "the backup's signing keys and client secrets are protected by another deployment "
            "secret than this one: give the original secret (--secret-key-file or "
            "CAMUNDA_HUB_SECRET_KEY), or add --rekey --old-secret-key-file OLD to re-encrypt "
            "the keys with this secret"
        )
    if manifest.secret_check != old.check_value():
        raise RestoreRefused(
            "the --old-secret-key-file is not the secret this backup was made with"
        )
    return True


def check_archive(archive: zipfile.ZipFile, manifest: fmt.Manifest) -> None:
    """Every table file matches its checksum: a damaged backup is refused before the target
    database is touched."""
    for entry in manifest.tables:
        digest = hashlib.sha256()
        try:
            with archive.open(entry.file) as member:
                while chunk := member.read(_READ_CHUNK):
                    digest.update(chunk)
        except KeyError:
            raise fmt.ArchiveError(f"the backup has no {entry.file}") from None
        except (zipfile.BadZipFile, EOFError):
            raise fmt.ArchiveError(f"the backup's {entry.file} is damaged") from None
        if digest.hexdigest() != entry.sha256:
            raise fmt.ArchiveError(
                f"the backup's {entry.name} table does not match its checksum (damaged file?)"
            )


# -- the target database ------------------------------------------------------------------


async def _table_rows(connection: AsyncConnection) -> dict[str, int]:
    return {
        t.name: await tbl.row_count(connection, t) for t in await tbl.reflect_tables(connection)
    }


def _drop_ours(connection: Connection, names: set[str]) -> None:
    """Drop camunda-hub's tables (any revision's), never another application's."""
    metadata = MetaData()
    metadata.reflect(connection)
    metadata.drop_all(connection, tables=[t for t in metadata.sorted_tables if t.name in names])


def _upgrade_to(connection: Connection, revisions: list[str]) -> None:
    config = migrate.alembic_config()
    config.attributes["connection"] = connection
    for revision in revisions:
        command.upgrade(config, revision)


async def prepare_target(db: Database, manifest: fmt.Manifest, *, force: bool) -> None:
    """An empty schema at the backup's revision, or RestoreRefused."""
    async with db.engine.connect() as connection:
        rows = await _table_rows(connection)
        # A database set up by `db upgrade` holds only the secret check value: still empty.
        holding = {name: n for name, n in rows.items() if n and name != "deployment_meta"}
        if holding and not force:
            total = sum(holding.values())
            raise RestoreRefused(
                f"the target database is not empty ({total} rows in {len(holding)} tables): "
                "restore into an empty database, or add --force to replace its contents"
            )
        current = set(await migrate.current_revisions(db)) if rows else set()
        if holding or (rows and current != set(manifest.schema_revisions)):
            # No data to lose (or --force): start from an empty schema at the right revision.
            ours = {*Base.metadata.tables, *(t.name for t in manifest.tables), "alembic_version"}
            await connection.run_sync(_drop_ours, ours)
        await connection.commit()
    async with db.engine.connect() as connection:
        await connection.run_sync(_upgrade_to, manifest.schema_revisions)
        await connection.commit()


# -- loading ------------------------------------------------------------------------------

RowTransform = Callable[[dict[str, Any]], dict[str, Any]]


def _rekey_transforms(old: DeploymentSecret, new: DeploymentSecret) -> dict[str, RowTransform]:
    old_kek, new_kek = old.key_encryption_key, new.key_encryption_key

    def signing_key(row: dict[str, Any]) -> dict[str, Any]:
        key = material.decrypt_private(row["private_key_encrypted"], old_kek, row["kid"])
        return {**row, "private_key_encrypted": material.encrypt_private(key, new_kek, row["kid"])}

    def meta(row: dict[str, Any]) -> dict[str, Any]:
        if row["name"] == snap.SECRET_CHECK:
            return {**row, "value": new.check_value()}
        return row

    return {"signing_keys": signing_key, "deployment_meta": meta}


def _lines(member: IO[bytes]) -> Iterator[bytes]:
    pending = b""
    while chunk := member.read(_READ_CHUNK):
        pending += chunk
        *complete, pending = pending.split(b"\n")
        yield from complete
    if pending:
        raise fmt.ArchiveError("a table file ends in the middle of a row")


class _Loader:
    def __init__(
        self,
        connection: AsyncConnection,
        archive: zipfile.ZipFile,
        transforms: dict[str, RowTransform],
        advance: snap.Advance | None,
    ) -> None:
        self.connection = connection
        self.archive = archive
        self.transforms = transforms
        self.advance = advance

    async def load(self, table: Table, entry: fmt.TableEntry) -> None:
        names = [c.name for c in entry.columns]
        if sorted(names) != sorted(table.columns.keys()):
            raise fmt.ArchiveError(
                f"the table {table.name} has other columns in the backup than at its revision "
                "here (damaged backup?)"
            )
        codecs = [fmt.DECODERS[c.codec] for c in entry.columns]
        transform = self.transforms.get(table.name)
        deferred = tbl.self_references(table)
        links: list[dict[str, Any]] = []
        key_columns = [c.name for c in table.primary_key.columns]
        digest = hashlib.sha256()
        count = 0
        batch: list[dict[str, Any]] = []
        try:
            member = self.archive.open(entry.file)
        except KeyError:
            raise fmt.ArchiveError(f"the backup has no {entry.file}") from None
        with member:
            for line in _lines(member):
                digest.update(line + b"\n")
                row = dict(zip(names, fmt.decode_row(codecs, line), strict=True))
                if transform is not None:
                    row = transform(row)
                for column, _referred in deferred:
                    # A row may refer to one loaded after it: link them once all are in.
                    if row[column] is not None:
                        links.append({**{f"k_{k}": row[k] for k in key_columns}, "v": row[column]})
                        row[column] = None
                batch.append(row)
                count += 1
                if len(batch) >= INSERT_BATCH:
                    await self._insert(table, batch)
                    batch = []
            if batch:
                await self._insert(table, batch)
        if count != entry.rows or digest.hexdigest() != entry.sha256:
            raise fmt.ArchiveError(
                f"the backup's {table.name} table does not match its checksum (damaged file?)"
            )
        for column, _referred in deferred:
            await self._link(table, key_columns, column, links)

    async def _insert(self, table: Table, rows: list[dict[str, Any]]) -> None:
        if self.connection.dialect.name == "postgresql":
            await self._copy(table, rows)
        else:
            await self.connection.execute(table.insert(), rows)
        if self.advance is not None:
            self.advance(table.name, len(rows))

    async def _copy(self, table: Table, rows: list[dict[str, Any]]) -> None:
        """PostgreSQL's COPY, several times faster than INSERTs, inside the same transaction."""
        names = list(rows[0])
        json_columns = {c.name for c in table.columns if isinstance(c.type, types.JSON)}
        records = [
            tuple(
                json.dumps(row[n]) if n in json_columns and row[n] is not None else row[n]
                for n in names
            )
            for row in rows
        ]
        raw = await self.connection.get_raw_connection()
        await raw.driver_connection.copy_records_to_table(  # type: ignore[union-attr]
            table.name, records=records, columns=names
        )

    async def _link(
        self, table: Table, keys: list[str], column: str, links: list[dict[str, Any]]
    ) -> None:
        if not links:
            return
        statement = update(table).values({column: bindparam("v")})
        for key in keys:
            statement = statement.where(table.c[key] == bindparam(f"k_{key}"))
        for start in range(0, len(links), INSERT_BATCH):
            await self.connection.execute(statement, links[start : start + INSERT_BATCH])


async def _reset_sequences(connection: AsyncConnection, tables: list[Table]) -> None:
    """Identity/serial columns continue after the highest restored value (PostgreSQL only;
    SQLite's rowid already does)."""
    for table in tables:
        for column in table.columns:
            sequence = await connection.scalar(
                text("SELECT pg_get_serial_sequence(:table, :column)"),
                {"table": table.name, "column": column.name},
            )
            if sequence is None:
                continue
            highest = await connection.scalar(select(func.max(column)))
            await connection.execute(
                text("SELECT setval(:sequence, :value, false)"),
                {"sequence": sequence, "value": int(highest or 0) + 1},
            )


async def _pause_read_version_triggers(connection: AsyncConnection) -> list[str]:
    """Stops the triggers that version the Hub rows for kept reads (migrations 0019, 0020) and
    returns the SQL that starts them again, to run after the load in the same transaction: a
    fire per loaded row took a third of the load's time. The backup's ``hub_read_versions``
    rows are restored with the data they version. (A backup without them, from PostgreSQL
    before 0020: an organization's reads are kept once its Hub data is next written.)"""
    if connection.dialect.name == "postgresql":
        found = await connection.execute(
            text(
                "SELECT tgname, tgrelid::regclass::text FROM pg_trigger"
                " WHERE tgname LIKE :names AND NOT tgisinternal"
            ),
            {"names": TRIGGER_NAMES},
        )
        again = []
        for name, table in found:
            await connection.exec_driver_sql(f'ALTER TABLE {table} DISABLE TRIGGER "{name}"')
            again.append(f'ALTER TABLE {table} ENABLE TRIGGER "{name}"')
        return again
    if connection.dialect.name != "sqlite":
        return []
    found = await connection.execute(
        text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE :names"),
        {"names": TRIGGER_NAMES},
    )
    triggers = list(found)
    for name, _sql in triggers:
        await connection.exec_driver_sql(f'DROP TRIGGER "{name}"')
    return [sql for _name, sql in triggers]


async def load(
    db: Database,
    archive: zipfile.ZipFile,
    manifest: fmt.Manifest,
    transforms: dict[str, RowTransform],
    advance: snap.Advance | None,
) -> None:
    async with db.write_engine.connect() as connection, connection.begin():
        targets = await tbl.reflect_tables(connection)
        by_name = {t.name: t for t in targets}
        missing = [t.name for t in manifest.tables if t.name not in by_name]
        if missing:
            raise fmt.ArchiveError(
                f"the backup has tables its schema revision does not: {', '.join(missing)}"
            )
        # `db upgrade` may have written this target's own secret check: the backup's replaces it.
        if "deployment_meta" in by_name:
            await connection.execute(by_name["deployment_meta"].delete())
        loader = _Loader(connection, archive, transforms, advance)
        triggers = await _pause_read_version_triggers(connection)
        for table in targets:  # parents first
            entry = manifest.table(table.name)
            if entry is not None:
                await loader.load(table, entry)
        for trigger in triggers:
            await connection.exec_driver_sql(trigger)
        if connection.dialect.name == "postgresql":
            await _reset_sequences(connection, targets)


async def verify(
    db: Database, manifest: fmt.Manifest, skip: set[str]
) -> tuple[list[str], list[str]]:
    """Compare the target's row counts and checksums per table with the backup's; returns
    (tables verified, tables skipped); raises ArchiveError on a difference."""
    verified: list[str] = []
    async with snap.snapshot(db) as connection:
        described = {t.table.name: t for t in await snap.describe(connection)}
        for entry in manifest.tables:
            if entry.name in skip:
                continue
            target = described.get(entry.name)
            if target is None:
                raise fmt.ArchiveError(f"verification: table {entry.name} is missing")
            digest = await snap.digest_table(connection, target)
            if (digest.rows, digest.sha256) != (entry.rows, entry.sha256):
                raise fmt.ArchiveError(
                    f"verification failed for table {entry.name}: {digest.rows} rows "
                    f"(backup: {entry.rows}), checksums {'match' if digest.sha256 == entry.sha256 else 'differ'}"
                )
            verified.append(entry.name)
    return verified, sorted(skip)


async def restore(
    db: Database,
    path: Path,
    target_secret: DeploymentSecret,
    *,
    force: bool = False,
    old_secret: DeploymentSecret | None = None,
    check: bool = False,
    start: Callable[[int], None] | None = None,
    advance: snap.Advance | None = None,
) -> RestoreResult:
    with open_archive(path) as archive:
        manifest = read_manifest(archive)
        _check_revisions(manifest)
        rekey = _check_secret(manifest, target_secret, old_secret)
        check_archive(archive, manifest)
        await prepare_target(db, manifest, force=force)
        transforms = _rekey_transforms(old_secret, target_secret) if rekey and old_secret else {}
        if start is not None:
            start(manifest.total_rows)
        await load(db, archive, manifest, transforms, advance)
    result = RestoreResult(manifest, rekeyed=rekey)
    if rekey:
        clients = manifest.table("api_clients")
        result.clients_to_rotate = clients.rows if clients else 0
    if check:
        # Before the upgrade: the loaded rows are compared at the backup's own revision.
        result.verified, result.not_verified = await verify(db, manifest, set(transforms))
    await migrate.upgrade(db)
    return result
