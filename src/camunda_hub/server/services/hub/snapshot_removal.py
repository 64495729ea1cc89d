"""Removing snapshots and the references they hold: deleting a snapshot, and what happens to
snapshots when files are purged or removed for good, or projects are removed (called from
``lifecycle``). Captured versions are never deleted here; they only lose their
``linkedToProcessApplication`` mark once no snapshot captures them, and stored contents no
snapshot needs any more are dropped."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Select, delete, exists, select
from sqlalchemy import update as sql_update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import defer

from camunda_hub.server.security.principal import Principal
from camunda_hub.server.services.errors import Forbidden
from camunda_hub.server.services.hub import hub_events
from camunda_hub.server.services.hub.labels import shown
from camunda_hub.server.services.hub.snapshots import live_snapshot
from camunda_hub.server.store.schema.hub import FileVersion
from camunda_hub.server.store.schema.snapshots import (
    ProjectSnapshot,
    SnapshotContent,
    SnapshotFile,
)


async def delete_snapshot(session: AsyncSession, caller: Principal, key: str) -> None:
    """The captured versions stay (other snapshots may share them). A snapshot that captured
    a version published organization-wide needs elevated organization access, which API
    clients never hold (as on SaaS): 403."""
    snapshot = await live_snapshot(session, caller, key, for_update=True)
    public = await session.scalar(
        select(
            exists().where(
                SnapshotFile.snapshot_key == snapshot.key,
                (SnapshotFile.version_organization_public.is_(True))
                | exists().where(
                    FileVersion.key == SnapshotFile.version_key,
                    FileVersion.organization_public.is_(True),
                ),
            )
        )
    )
    if public:
        raise Forbidden(
            f"project snapshot {shown(key)} captured a file version published to the "
            "organization; deleting it needs elevated organization access, which API clients "
            "do not have"
        )
    await hub_events.snapshot_event(session, caller, snapshot, "deleted")
    entries = list(
        await session.execute(
            select(SnapshotFile.version_key, SnapshotFile.content_hash).where(
                SnapshotFile.snapshot_key == snapshot.key
            )
        )
    )
    await session.execute(delete(ProjectSnapshot).where(ProjectSnapshot.key == snapshot.key))
    await _after_removal(session, caller.organization_id, entries)


async def _after_removal(
    session: AsyncSession, organization_id: str, entries: Sequence[tuple[str, str]]
) -> None:
    """Once ``snapshot_files`` rows (version key, content hash) are gone: unlink versions no
    snapshot captures any more and drop contents no snapshot needs any more."""
    version_keys = sorted({v for v, _h in entries})
    hashes = sorted({h for _v, h in entries})
    for chunk in _chunks(version_keys):
        await session.execute(
            sql_update(FileVersion)
            .where(FileVersion.key.in_(chunk))
            .values(
                linked_to_process_application=exists().where(
                    SnapshotFile.version_key == FileVersion.key
                )
            )
            .execution_options(synchronize_session=False)
        )
    for chunk in _chunks(hashes):
        await session.execute(
            delete(SnapshotContent)
            .where(
                SnapshotContent.organization_id == organization_id,
                SnapshotContent.content_hash.in_(chunk),
                ~exists().where(
                    SnapshotFile.organization_id == SnapshotContent.organization_id,
                    SnapshotFile.content_hash == SnapshotContent.content_hash,
                ),
            )
            .execution_options(synchronize_session=False)
        )


def _chunks(values: Sequence[str], size: int = 500) -> Iterable[Sequence[str]]:
    # Bounded IN lists: SQLite limits the number of bound parameters per statement.
    for start in range(0, len(values), size):
        yield values[start : start + size]


# -- hooks for file and project removal (called from ``lifecycle``) ---------------------------


async def drop_file_references(session: AsyncSession, organization_id: str, file_key: str) -> None:
    """Purge: the file disappears from every snapshot of the organization."""
    entries = list(
        await session.execute(
            select(SnapshotFile.version_key, SnapshotFile.content_hash).where(
                SnapshotFile.organization_id == organization_id,
                SnapshotFile.file_key == file_key,
            )
        )
    )
    if not entries:
        return
    await session.execute(
        delete(SnapshotFile)
        .where(SnapshotFile.organization_id == organization_id, SnapshotFile.file_key == file_key)
        .execution_options(synchronize_session=False)
    )
    await _after_removal(session, organization_id, entries)


async def detach_files(session: AsyncSession, file_keys: Select[Any]) -> None:
    """The files (and, by cascade, their versions) are about to be removed for good: the
    snapshots keep their entries, with the version metadata as it is now."""
    versions = await session.scalars(
        select(FileVersion)
        .options(defer(FileVersion.content))
        .where(
            FileVersion.file_key.in_(file_keys),
            exists().where(SnapshotFile.version_key == FileVersion.key),
        )
    )
    for version in versions:
        await session.execute(
            sql_update(SnapshotFile)
            .where(SnapshotFile.version_key == version.key)
            .values(
                version_name=version.name,
                version_description=version.description,
                version_organization_public=version.organization_public,
            )
            .execution_options(synchronize_session=False)
        )


async def forget_projects(session: AsyncSession, project_keys: Select[Any]) -> None:
    """The projects are about to be removed for good: their snapshots go with them."""
    rows = list(
        await session.execute(
            select(
                SnapshotFile.organization_id,
                SnapshotFile.version_key,
                SnapshotFile.content_hash,
            )
            .join(ProjectSnapshot, ProjectSnapshot.key == SnapshotFile.snapshot_key)
            .where(ProjectSnapshot.project_key.in_(project_keys))
        )
    )
    await session.execute(
        delete(ProjectSnapshot)
        .where(ProjectSnapshot.project_key.in_(project_keys))
        .execution_options(synchronize_session=False)
    )
    by_org: dict[str, list[tuple[str, str]]] = {}
    for organization_id, version_key, digest in rows:
        by_org.setdefault(organization_id, []).append((version_key, digest))
    for organization_id, entries in by_org.items():
        await _after_removal(session, organization_id, entries)
