"""``camunda-hub db migrate``: backup of one database, restore into another, then a verification
pass that re-reads the target and compares row counts and checksums per table."""

from __future__ import annotations

import tempfile
from pathlib import Path

from camunda_hub.server.keys.deployment_secret import DeploymentSecret
from camunda_hub.server.portability import backup, restore
from camunda_hub.server.portability import snapshot as snap
from camunda_hub.server.store.db import Database


async def migrate_database(
    source: Database,
    target: Database,
    secret: DeploymentSecret,
    *,
    force: bool = False,
    work_dir: Path | None = None,
    start: backup.Start | None = None,
    advance: snap.Advance | None = None,
) -> restore.RestoreResult:
    with tempfile.TemporaryDirectory(prefix="camunda-hub-migrate-", dir=work_dir) as folder:
        archive = Path(folder) / "migrate.chbackup"
        await backup.write_backup(source, archive, start=start, advance=advance)
        return await restore.restore(
            target, archive, secret, force=force, check=True, start=start, advance=advance
        )
