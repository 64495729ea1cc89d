"""Backup and restore throughput: ``db backup`` of a deployment holding N files, then
``db restore`` of that file into an empty database, in files/s and MB/s.

    .venv/bin/python -m bench.backup_restore --files 100000 [--postgres]
    .venv/bin/python -m bench.backup_restore --quick

Files are seeded straight into SQLite with the search benchmark's seeder (realistic folders,
contents and timestamps). MB/s counts the table data as JSON Lines (what is read and written),
not the compressed archive; both sizes are printed."""

from __future__ import annotations

import argparse
import asyncio
import secrets
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from search_seed import Seeder  # noqa: E402

from camunda_hub.server.keys.deployment_secret import DeploymentSecret  # noqa: E402
from camunda_hub.server.portability.backup import write_backup  # noqa: E402
from camunda_hub.server.portability.restore import (  # noqa: E402
    open_archive,
    prepare_target,
    read_manifest,
    restore,
)
from camunda_hub.server.services import organizations  # noqa: E402
from camunda_hub.server.store import migrate  # noqa: E402
from camunda_hub.server.store.db import Database  # noqa: E402

QUICK_FILES = 2000


async def _new_deployment(url: str) -> str:
    db = Database(url)
    try:
        await migrate.upgrade(db)
        async with db.transaction() as session:
            return (await organizations.create(session, "bench", actor="bench")).id
    finally:
        await db.dispose()


async def _measure(url: str, target_url: str, folder: Path, files: int) -> None:
    archive = folder / "bench.chbackup"
    db = Database(url)
    began = time.perf_counter()
    try:
        manifest = await write_backup(db, archive)
    finally:
        await db.dispose()
    backup_s = time.perf_counter() - began
    data_mb = sum(t.bytes for t in manifest.tables) / 1e6
    archive_mb = archive.stat().st_size / 1e6
    target = Database(target_url)
    began = time.perf_counter()
    try:
        # Creating the schema first (the migrations) shows how much of a restore it is.
        with open_archive(archive) as opened:
            await prepare_target(target, read_manifest(opened), force=False)
        schema_s = time.perf_counter() - began
        # The seeded database has no secret check value, so any secret restores it.
        await restore(target, archive, DeploymentSecret(secrets.token_bytes(32)))
    finally:
        await target.dispose()
    restore_s = time.perf_counter() - began
    load_s = restore_s - schema_s
    kind = target_url.split(":", 1)[0]
    print(
        f"files: {files}, rows: {manifest.total_rows}, table data {data_mb:.1f} MB, archive {archive_mb:.1f} MB"
    )
    print(
        f"backup  (sqlite):  {backup_s:6.1f} s  {files / backup_s:8.0f} files/s  {data_mb / backup_s:6.1f} MB/s"
    )
    print(
        f"restore ({kind}): {restore_s:6.1f} s  {files / restore_s:8.0f} files/s  {data_mb / restore_s:6.1f} MB/s (migrations included)"
    )
    print(
        f"  of which schema {schema_s:.1f} s; the load alone: {files / load_s:8.0f} files/s"
        f"  {data_mb / load_s:6.1f} MB/s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=100_000)
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_FILES} files")
    parser.add_argument(
        "--postgres", action="store_true", help="restore into a throwaway PostgreSQL"
    )
    args = parser.parse_args()
    files = QUICK_FILES if args.quick else args.files
    with tempfile.TemporaryDirectory(prefix="bench-backup-") as tmp:
        folder = Path(tmp)
        url = f"sqlite:///{folder / 'source.sqlite3'}"
        organization = asyncio.run(_new_deployment(url))
        began = time.perf_counter()
        seeder = Seeder(url, organization)
        try:
            seeder.grow_to(files)
        finally:
            seeder.close()
        print(f"seeded {files} files in {time.perf_counter() - began:.1f} s")
        if args.postgres:
            from tests.support.postgres import PostgresCluster

            cluster = PostgresCluster().start()
            try:
                asyncio.run(_measure(url, cluster.create_database("bench"), folder, files))
            finally:
                cluster.stop()
        else:
            target = f"sqlite:///{folder / 'target.sqlite3'}"
            asyncio.run(_measure(url, target, folder, files))


if __name__ == "__main__":
    main()
