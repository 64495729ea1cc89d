"""``camunda-hub db backup | restore | migrate``: the whole deployment into one portable file and
back, or from one database to another (see docs/backup-format.md)."""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from camunda_hub.cli.admin import db_app
from camunda_hub.cli.admin_errors import admin_errors
from camunda_hub.cli.errors import EXIT_ERROR, EXIT_USAGE, fail
from camunda_hub.cli.store_options import DatabaseUrl, DataDir, SecretKeyFile, settings_from

if TYPE_CHECKING:
    from camunda_hub.server.deployment_secret import DeploymentSecret
    from camunda_hub.server.portability.archive_format import Manifest
    from camunda_hub.server.portability.restore import RestoreResult

AsJson = Annotated[bool, typer.Option("--json", help="Print a JSON summary instead of text.")]
Force = Annotated[
    bool, typer.Option("--force", help="Replace the contents of a non-empty target database.")
]


class _Progress:
    """A Rich progress bar on stderr when it is a terminal; silent otherwise."""

    def __init__(self, label: str, enabled: bool) -> None:
        self.label = label
        self.bar: Any = None
        self.task: Any = None
        self.enabled = enabled and sys.stderr.isatty()

    @contextmanager
    def running(self) -> Iterator[_Progress]:
        if not self.enabled:
            yield self
            return
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        ) as bar:
            self.bar = bar
            yield self

    def start(self, total: int) -> None:
        if self.bar is not None:
            self.task = self.bar.add_task(self.label, total=total)

    def advance(self, table: str, rows: int) -> None:
        if self.bar is not None and self.task is not None:
            self.bar.update(self.task, advance=rows, description=f"{self.label} {table}")


def _run(work: Callable[[], Any]) -> Any:
    from camunda_hub.server.portability.archive_format import ArchiveError
    from camunda_hub.server.portability.restore import RestoreRefused

    with admin_errors():
        try:
            return asyncio.run(work())
        except RestoreRefused as exc:
            fail(str(exc), EXIT_ERROR)
        except ArchiveError as exc:
            fail(str(exc), EXIT_USAGE)


def _summary(manifest: Manifest) -> dict[str, Any]:
    return {
        "format_version": manifest.format_version,
        "schema_revisions": manifest.schema_revisions,
        "created": manifest.created,
        "rows": manifest.total_rows,
        "tables": {t.name: {"rows": t.rows, "sha256": t.sha256} for t in manifest.tables},
    }


@db_app.command("backup")
def db_backup(
    output: Annotated[Path, typer.Option("--output", "-o", help="The backup file to write.")],
    as_json: AsJson = False,
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
    secret_key_file: SecretKeyFile = None,
) -> None:
    """Write a consistent snapshot of the whole deployment to one file, while servers run."""
    settings = settings_from(
        data_dir=data_dir, database_url=database_url, secret_key_file=secret_key_file
    )
    if settings.embedded and not (settings.data_dir / "camunda-hub.sqlite3").exists():
        fail(f"no camunda-hub database in {settings.data_dir}", EXIT_USAGE)
    progress = _Progress("backing up", not as_json)
    began = time.monotonic()

    async def work() -> Manifest:
        from camunda_hub.server.portability.backup import write_backup
        from camunda_hub.server.store.db import Database

        db = Database(settings.effective_database_url)
        try:
            with progress.running():
                return await write_backup(
                    db, output, start=progress.start, advance=progress.advance
                )
        finally:
            await db.dispose()

    manifest = _run(work)
    seconds = time.monotonic() - began
    if as_json:
        summary = {"output": str(output), "bytes": output.stat().st_size, "seconds": seconds}
        typer.echo(json.dumps({**summary, **_summary(manifest)}, indent=2))
        return
    typer.echo(
        f"backup written to {output}: {manifest.total_rows} rows in {len(manifest.tables)} "
        f"tables, schema {', '.join(manifest.schema_revisions)}, {output.stat().st_size} bytes, "
        f"{seconds:.1f} s"
    )


def _load_secret(path: Path) -> DeploymentSecret:
    from camunda_hub.server.keys import deployment_secret
    from camunda_hub.server.settings import Settings

    secret, _ = deployment_secret.load(
        Settings(secret_key=None, secret_key_file=path), may_create=False
    )
    return secret


def _target_secret(settings: Any, may_create: bool) -> DeploymentSecret:
    from camunda_hub.server.keys import deployment_secret

    if settings.embedded:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        os.chmod(settings.data_dir, 0o700)
        if (
            not may_create
            and settings.secret_key is None
            and settings.secret_key_file is None
            and not (settings.data_dir / deployment_secret.SECRET_FILE_NAME).exists()
        ):
            fail(
                f"no deployment secret in {settings.data_dir}: copy the original deployment's "
                f"{deployment_secret.SECRET_FILE_NAME} there or give it with --secret-key-file "
                "(or use a new one with --rekey --old-secret-key-file OLD)",
                EXIT_USAGE,
            )
    secret, _ = deployment_secret.load(settings, may_create=may_create)
    return secret


def _print_restore(result: RestoreResult, as_json: bool, seconds: float, what: str) -> None:
    if as_json:
        summary = {
            "seconds": seconds,
            "rekeyed": result.rekeyed,
            "clients_to_rotate": result.clients_to_rotate,
            "verified_tables": result.verified,
            "unverified_tables": result.not_verified,
            **_summary(result.manifest),
        }
        typer.echo(json.dumps(summary, indent=2))
        return
    manifest = result.manifest
    typer.echo(
        f"{what}: {manifest.total_rows} rows in {len(manifest.tables)} tables "
        f"(schema {', '.join(manifest.schema_revisions)}, now upgraded), {seconds:.1f} s"
    )
    if result.verified:
        typer.echo(f"verified: row counts and checksums match in {len(result.verified)} tables")
    if result.rekeyed:
        typer.echo(
            "signing keys re-encrypted with this deployment's secret; issued tokens stay valid. "
            f"The {result.clients_to_rotate} API clients' secrets were hashed with the old secret "
            "and no longer work: rotate each (`camunda-hub clients rotate-secret ID`)."
        )


@db_app.command("restore")
def db_restore(
    backup_file: Annotated[
        Path, typer.Argument(help="A file written by `db backup`.", exists=True, dir_okay=False)
    ],
    force: Force = False,
    rekey: Annotated[
        bool,
        typer.Option(
            "--rekey", help="Re-encrypt the signing keys for this deployment's (other) secret."
        ),
    ] = False,
    old_secret_key_file: Annotated[
        Path | None,
        typer.Option("--old-secret-key-file", help="With --rekey: the secret of the backup."),
    ] = None,
    verify: Annotated[
        bool, typer.Option("--verify", help="Re-read the target and compare per-table checksums.")
    ] = False,
    as_json: AsJson = False,
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
    secret_key_file: SecretKeyFile = None,
) -> None:
    """Restore a backup into an empty database (SQLite or PostgreSQL), then upgrade it."""
    if rekey != (old_secret_key_file is not None):
        fail("--rekey and --old-secret-key-file go together", EXIT_USAGE)
    settings = settings_from(
        data_dir=data_dir, database_url=database_url, secret_key_file=secret_key_file
    )
    progress = _Progress("restoring", not as_json)
    began = time.monotonic()

    async def work() -> RestoreResult:
        from camunda_hub.server.portability import restore
        from camunda_hub.server.store.db import Database

        with restore.open_archive(backup_file) as archive:
            manifest = restore.read_manifest(archive)
        old = _load_secret(old_secret_key_file) if old_secret_key_file else None
        secret = _target_secret(settings, may_create=rekey or manifest.secret_check is None)
        db = Database(settings.effective_database_url)
        try:
            with progress.running():
                return await restore.restore(
                    db,
                    backup_file,
                    secret,
                    force=force,
                    old_secret=old,
                    check=verify,
                    start=progress.start,
                    advance=progress.advance,
                )
        finally:
            await db.dispose()

    result = _run(work)
    _print_restore(result, as_json, time.monotonic() - began, f"restored {backup_file}")


@db_app.command("migrate")
def db_migrate(
    to_url: Annotated[str, typer.Option("--to", help="The target database URL (empty).")],
    from_url: Annotated[
        str | None,
        typer.Option("--from", help="The source database URL (default: this deployment's)."),
    ] = None,
    force: Force = False,
    as_json: AsJson = False,
    data_dir: DataDir = None,
    secret_key_file: SecretKeyFile = None,
) -> None:
    """Copy the whole deployment to another database (e.g. SQLite → PostgreSQL) and verify it."""
    settings = settings_from(
        data_dir=data_dir, database_url=from_url, secret_key_file=secret_key_file
    )
    progress = _Progress("migrating", not as_json)
    began = time.monotonic()

    async def work() -> RestoreResult:
        from camunda_hub.server.keys import deployment_secret
        from camunda_hub.server.portability.transfer import migrate_database
        from camunda_hub.server.store.db import Database

        secret, _ = deployment_secret.load(settings, may_create=False)
        source = Database(settings.effective_database_url)
        target = Database(to_url)
        try:
            with progress.running():
                return await migrate_database(
                    source,
                    target,
                    secret,
                    force=force,
                    start=progress.start,
                    advance=progress.advance,
                )
        finally:
            await source.dispose()
            await target.dispose()

    result = _run(work)
    _print_restore(result, as_json, time.monotonic() - began, "migrated")
