"""``camunda-hub db backup``: the snapshot of :mod:`.snapshot` written as an archive
(:mod:`.archive_format`). The file appears only when complete (written beside it, then renamed)."""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from camunda_hub.server.portability import archive_format as fmt
from camunda_hub.server.portability import snapshot as snap
from camunda_hub.server.store.db import Database

Start = Callable[[int], None]  # total rows, once known


def _member(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=datetime.now(UTC).timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16
    return info


async def write_backup(
    db: Database,
    output: Path,
    *,
    start: Start | None = None,
    advance: snap.Advance | None = None,
) -> fmt.Manifest:
    partial = output.with_name(f".{output.name}.partial")
    try:
        manifest = await _write(db, partial, start, advance)
        os.replace(partial, output)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return manifest


async def _write(
    db: Database, path: Path, start: Start | None, advance: snap.Advance | None
) -> fmt.Manifest:
    async with snap.snapshot(db) as connection:
        # Everything below reads the same snapshot, the reflection included.
        tables = await snap.describe(connection)
        manifest = fmt.Manifest(
            schema_revisions=await snap.schema_revisions(connection),
            created=datetime.now(UTC).isoformat(timespec="seconds"),
            source_dialect=connection.dialect.name,
            secret_check=await snap.secret_check(connection, tables),
        )
        if start is not None:
            start(sum(t.rows for t in tables))
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # holds secret hashes
        with (
            os.fdopen(fd, "wb") as raw,
            zipfile.ZipFile(raw, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf,
        ):
            for entry in tables:
                name = f"{fmt.TABLES_DIR}{entry.table.name}.jsonl"
                with zf.open(_member(name), "w", force_zip64=True) as member:
                    digest = await snap.digest_table(connection, entry, member.write, advance)
                manifest.tables.append(
                    fmt.TableEntry(
                        name=entry.table.name,
                        file=name,
                        rows=digest.rows,
                        sha256=digest.sha256,
                        bytes=digest.bytes,
                        columns=entry.columns,
                    )
                )
            zf.writestr(_member(fmt.MANIFEST), manifest.to_json())
    return manifest
