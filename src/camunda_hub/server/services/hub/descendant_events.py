"""Events for what a folder rename or move changes below the folder.

``paths.rewrite_descendants`` rewrites the subtree with set-based UPDATEs, so no descendant row
is loaded or touched one by one. Their paths change all the same, and a feed reader that keeps
a copy of the tree (``pull --watch``) must not have to re-read the subtree to learn that: each
live descendant gets its own event — ``folder.updated`` / ``file.moved`` with ``data.root:
false`` and ``changes.simplePath`` (plus ``projectKey`` when the subtree changed project) — after
the folder's own event (``data.root: true``), all with one correlation id. The old values are
read before the rewrite with one narrow query per table (no content); soft-deleted
descendants get no event: their restoration's event carries the path they then have."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from camunda_hub.server.security.principal import Principal
from camunda_hub.server.services.hub import hub_events, paths
from camunda_hub.server.store.schema.hub import File, Folder


@dataclass(frozen=True)
class Subtree:
    """The live descendants of a folder as they were before a rewrite."""

    folders: list[Any]
    files: list[Any]


async def read_subtree(session: AsyncSession, project_key: str, path_keys: str) -> Subtree:
    folders = (
        await session.execute(
            select(Folder.key, Folder.name, Folder.parent_folder_key, Folder.path_names)
            .where(paths.folders_below(project_key, path_keys), Folder.deleted.is_(None))
            .order_by(Folder.path_keys)
        )
    ).all()
    files = (
        await session.execute(
            select(File.key, File.name, File.type, File.revision, File.folder_key, File.simple_path)
            .where(paths.files_below(project_key, path_keys), File.deleted.is_(None))
            .order_by(File.canonical_path, File.key)
        )
    ).all()
    return Subtree(list(folders), list(files))


async def record_subtree(
    session: AsyncSession,
    principal: Principal,
    subtree: Subtree,
    *,
    old_project: str,
    old_names: str,
    new_project: str,
    new_names: str,
    correlation_id: str,
) -> None:
    """One event per descendant in ``subtree`` (containers first), with old and new values."""
    workspace_key = await hub_events.workspace_of(session, new_project)

    def changes(old_path: str) -> tuple[str, dict[str, Any]]:
        new_path = new_names + old_path[len(old_names) :]
        found: dict[str, Any] = {"simplePath": {"old": old_path, "new": new_path}}
        if new_project != old_project:
            found["projectKey"] = {"old": old_project, "new": new_project}
        return new_path, found

    for row in subtree.folders:
        new_path, found = changes(row.path_names)
        hub_events.plain_event(
            session,
            principal,
            "folder.updated",
            resource_type="folder",
            resource_key=row.key,
            parents={
                "workspaceKey": workspace_key,
                "projectKey": new_project,
                "folderKey": row.parent_folder_key,
            },
            data={"name": row.name, "simplePath": new_path, "changes": found, "root": False},
            correlation_id=correlation_id,
        )
    for row in subtree.files:
        new_path, found = changes(row.simple_path)
        hub_events.plain_event(
            session,
            principal,
            "file.moved",
            resource_type="file",
            resource_key=row.key,
            parents={
                "workspaceKey": workspace_key,
                "projectKey": new_project,
                "folderKey": row.folder_key,
            },
            data={
                "name": row.name,
                "type": row.type,
                "revision": row.revision,
                "simplePath": new_path,
                "changes": found,
                "root": False,
            },
            correlation_id=correlation_id,
        )
