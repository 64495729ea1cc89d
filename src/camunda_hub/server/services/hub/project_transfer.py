"""Exporting a project's live files as an archive and importing one (new project, or an update
of an existing one by path, revision-checked)."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from camunda_hub.server.security.principal import Principal
from camunda_hub.server.services.hub import files as file_service
from camunda_hub.server.services.hub import folders as folder_service
from camunda_hub.server.services.hub import lookups
from camunda_hub.server.services.hub import project_archive as archive
from camunda_hub.server.services.hub import projects as project_service
from camunda_hub.server.store.schema.hub import File, Folder, Project

CONTENT_BATCH = 100


@dataclass
class ExportPlan:
    project: Project
    manifest: archive.ProjectManifest
    folder_paths: list[str]
    # (archive path, file key, revision, updated) in archive order
    entries: list[tuple[str, str, int, Any]]
    not_exported: list[dict[str, str]]
    manifest_bytes: bytes = b""

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha256(self.manifest_bytes).hexdigest()[:32] + '"'


async def _live_folders(
    session: AsyncSession, principal: Principal, project_key: str
) -> list[Folder]:
    rows = await session.scalars(
        select(Folder).where(
            Folder.organization_id == principal.organization_id,
            Folder.project_key == project_key,
            Folder.deleted.is_(None),
        )
    )
    return list(rows)


def _folder_parts(folders: list[Folder]) -> dict[str, tuple[tuple[str, ...], str | None]]:
    """folder key → (names from the project root, why it cannot be exported or None)."""
    by_key = {f.key: f for f in folders}
    found: dict[str, tuple[tuple[str, ...], str | None]] = {}

    def walk(folder: Folder) -> tuple[tuple[str, ...], str | None]:
        if folder.key in found:
            return found[folder.key]
        parent = by_key.get(folder.parent_folder_key or "")
        above, why = walk(parent) if parent is not None else ((), None)
        mine = archive.unsafe_reason(folder.name)
        result = (
            (*above, folder.name),
            why or (f"folder name {folder.name!r}: {mine}" if mine else None),
        )
        found[folder.key] = result
        return result

    for folder in folders:
        walk(folder)
    return found


async def plan_export(session: AsyncSession, principal: Principal, project_key: str) -> ExportPlan:
    project = await lookups.live(session, Project, principal, project_key)
    folders = _folder_parts(await _live_folders(session, principal, project.key))
    rows = await session.execute(
        select(File.key, File.name, File.type, File.revision, File.folder_key, File.updated)
        .where(
            File.organization_id == principal.organization_id,
            File.project_key == project.key,
            File.deleted.is_(None),
        )
        .order_by(File.key)
    )
    manifest = archive.ProjectManifest(project.key, project.name, project.workspace_key)
    plan = ExportPlan(project, manifest, [], [], [])
    for key, (parts, why) in sorted(folders.items(), key=lambda item: item[1][0]):
        if why is None:
            path = "/".join(parts)
            plan.folder_paths.append(path)
            manifest.folders.append({"path": path, "folderKey": key})
    taken: set[str] = set()
    for key, name, file_type, revision, folder_key, updated in rows:
        above, why = folders[folder_key] if folder_key else ((), None)
        leaf = archive.leaf_name(name, file_type)
        why = why or (
            f"file name {name!r}: {archive.unsafe_reason(leaf)}"
            if archive.unsafe_reason(leaf)
            else None
        )
        path = "/".join((*above, leaf))
        if why is None and path in taken:
            why = f"another file has the same path {path!r}"
        if why is not None:
            plan.not_exported.append({"fileKey": key, "name": name, "reason": why})
            continue
        taken.add(path)
        manifest.files[path] = archive.ManifestFile(path, name, file_type, key, revision)
        plan.entries.append((path, key, revision, updated))
    plan.entries.sort()
    plan.manifest_bytes = manifest.to_json(plan.not_exported)
    return plan


class ChangedDuringExport(RuntimeError):
    pass


async def contents(
    session: AsyncSession, principal: Principal, plan: ExportPlan
) -> AsyncIterator[tuple[str, str, Any]]:
    """(path, content, updated) of every planned file, fetched a batch at a time."""
    for start in range(0, len(plan.entries), CONTENT_BATCH):
        batch = plan.entries[start : start + CONTENT_BATCH]
        rows = await session.execute(
            select(File.key, File.content, File.revision).where(
                File.organization_id == principal.organization_id,
                File.key.in_([key for _, key, _, _ in batch]),
                File.deleted.is_(None),
            )
        )
        found = {key: (content, revision) for key, content, revision in rows}
        for path, key, revision, updated in batch:
            content, now = found.get(key, (None, None))
            if content is None or now != revision:
                # The manifest already promised this revision: an honest archive is impossible.
                raise ChangedDuringExport(path)
            yield path, content, updated


# -- import -------------------------------------------------------------------------------


@dataclass
class ImportOutcome:
    project_key: str
    files: list[dict[str, Any]] = field(default_factory=list)
    folders_created: int = 0
    conflicts: list[dict[str, Any]] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        counted: dict[str, int] = {"created": 0, "updated": 0, "unchanged": 0}
        for item in self.files:
            counted[item["action"]] += 1
        return counted


class _Tree:
    """The live folders and files of a project by archive path."""

    def __init__(self) -> None:
        self.folders: dict[tuple[str, ...], str] = {}
        self.files: dict[str, File] = {}


async def _tree(session: AsyncSession, principal: Principal, project_key: str) -> _Tree:
    tree = _Tree()
    folders = _folder_parts(await _live_folders(session, principal, project_key))
    for key, (parts, why) in folders.items():
        if why is None:
            tree.folders[parts] = key
    rows = await session.scalars(
        select(File).where(
            File.organization_id == principal.organization_id,
            File.project_key == project_key,
            File.deleted.is_(None),
        )
    )
    for file in rows:
        above, why = folders[file.folder_key] if file.folder_key else ((), None)
        if why is None:
            tree.files["/".join((*above, archive.leaf_name(file.name, file.type)))] = file
    return tree


async def _ensure_folders(
    session: AsyncSession,
    principal: Principal,
    project_key: str,
    tree: _Tree,
    wanted: set[tuple[str, ...]],
    outcome: ImportOutcome,
) -> None:
    for parts in sorted(wanted, key=len):
        if parts in tree.folders:
            continue
        for name in parts:
            why = archive.unsafe_reason(name)
            if why:
                raise archive.UnsafeArchive(f"folder {'/'.join(parts)!r}: {why}")
        folder = await folder_service.create(
            session,
            principal,
            name=parts[-1],
            project_key=project_key,
            parent_folder_key=tree.folders.get(parts[:-1]),
        )
        tree.folders[parts] = folder.key
        outcome.folders_created += 1


async def apply_upload(
    session: AsyncSession,
    principal: Principal,
    upload: archive.ProjectUpload,
    *,
    project_key: str | None = None,
    new_project: Callable[[], Any] | None = None,
) -> ImportOutcome:
    """Import into ``project_key`` (update by path) or into the project ``new_project()``
    creates. With conflicts nothing is written and the outcome lists them."""
    if project_key is not None:
        project = await lookups.live(session, Project, principal, project_key)
        tree = await _tree(session, principal, project.key)
    else:
        assert new_project is not None
        project = await new_project()
        tree = _Tree()
    outcome = ImportOutcome(project.key)
    identities = {item.path: archive.file_identity(upload, item) for item in upload.files}
    for item in upload.files:
        existing = tree.files.get(item.path)
        listed = upload.manifest.files.get(item.path)
        if existing is None or existing.content == item.content:
            continue
        base = listed.revision if listed is not None else None
        if base is None or base != existing.revision:
            outcome.conflicts.append(
                {
                    "path": item.path,
                    "fileKey": existing.key,
                    "revision": existing.revision,
                    "archiveRevision": base,
                    "reason": "changed on the Hub since the archive was exported"
                    if base is not None
                    else "exists on the Hub with other content and the archive names no revision",
                }
            )
    if outcome.conflicts:
        return outcome
    await _ensure_folders(session, principal, project.key, tree, upload.folders, outcome)
    for item in sorted(upload.files, key=lambda i: i.parts):
        name, file_type = identities[item.path]
        existing = tree.files.get(item.path)
        if existing is None:
            created = await file_service.create(
                session,
                principal,
                name=name,
                project_key=project.key,
                folder_key=tree.folders.get(item.parts[:-1]),
                file_type=file_type,
                content=item.content,
            )
            outcome.files.append(_row(item.path, created, "created"))
        elif existing.content == item.content:
            outcome.files.append(_row(item.path, existing, "unchanged"))
        else:
            updated = await file_service.update(
                session,
                principal,
                existing.key,
                revision=existing.revision,
                changes={"content": item.content},
            )
            outcome.files.append(_row(item.path, updated, "updated"))
    return outcome


def _row(path: str, file: File, action: str) -> dict[str, Any]:
    return {"path": path, "fileKey": file.key, "revision": file.revision, "action": action}


async def create_project(
    session: AsyncSession, principal: Principal, *, name: str, workspace_key: str
) -> Project:
    return await project_service.create(session, principal, name=name, workspace_key=workspace_key)
