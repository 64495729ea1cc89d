"""What the Hub services record in the change feed (events/record.py): one helper per resource,
so every event of a type carries the same ``parents`` and ``data`` — names, revision,
simplePath, type; never file content. Updates add ``changes``: ``{field: {old, new}}`` (for
content only ``{"changed": true}`` and the revisions)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from camunda_hub.server.events.record import record
from camunda_hub.server.security.principal import Principal
from camunda_hub.server.store.schema.hub import File, FileVersion, Folder, Project, Workspace

_WORKSPACE_OF = "camunda_hub.workspace_of_project"
_CORRELATION = "camunda_hub.event_correlation"


@contextmanager
def correlated(session: AsyncSession, correlation_id: str) -> Iterator[str]:
    """Every event recorded on ``session`` inside the block without a correlation id of its own
    gets ``correlation_id``: one operation (a snapshot restore) that calls other services
    (folder moves, file creations) ties all their events to its root event."""
    info = session.sync_session.info
    outer = info.get(_CORRELATION)
    info[_CORRELATION] = correlation_id
    try:
        yield correlation_id
    finally:
        if outer is None:
            info.pop(_CORRELATION, None)
        else:
            info[_CORRELATION] = outer


def correlation_of(session: AsyncSession) -> str | None:
    """The correlation id of the operation ``session`` is inside (see :func:`correlated`)."""
    value = session.sync_session.info.get(_CORRELATION)
    return None if value is None else str(value)


async def workspace_of(session: AsyncSession, project_key: str) -> str | None:
    """The workspace of a project (cached for the transaction: cascades ask for it per row)."""
    cache: dict[str, str | None] = session.sync_session.info.setdefault(_WORKSPACE_OF, {})
    if project_key not in cache:
        # Usually in the session already (the service resolved the location): no query then.
        project = await session.get(Project, project_key)
        cache[project_key] = None if project is None else project.workspace_key
    return cache[project_key]


def remember_workspace(session: AsyncSession, project_key: str, workspace_key: str | None) -> None:
    """Tell :func:`workspace_of` a project's workspace the caller has just read (a service that
    looked the project up without loading it into the session)."""
    session.sync_session.info.setdefault(_WORKSPACE_OF, {})[project_key] = workspace_key


def changed(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        name: {"old": before.get(name), "new": after.get(name)}
        for name in after
        if before.get(name) != after.get(name)
    }


def snapshot_of(row: Any) -> dict[str, Any]:
    """The event-visible fields of a resource row (what ``changed`` compares)."""
    if isinstance(row, Workspace):
        return {"name": row.name, "description": row.description}
    if isinstance(row, Project):
        return {"name": row.name, "workspaceKey": row.workspace_key}
    if isinstance(row, Folder):
        return {
            "name": row.name,
            "projectKey": row.project_key,
            "parentFolderKey": row.parent_folder_key,
        }
    if isinstance(row, FileVersion):
        return {
            "name": row.name,
            "description": row.description,
            "organizationPublic": row.organization_public,
        }
    if isinstance(row, File):
        return {
            "name": row.name,
            "projectKey": row.project_key,
            "folderKey": row.folder_key,
            "simplePath": row.simple_path,
            "revision": row.revision,
        }
    raise TypeError(type(row).__name__)


async def _parents_and_data(session: AsyncSession, row: Any) -> tuple[str, dict, dict]:
    if isinstance(row, Workspace):
        return "workspace", {}, {"name": row.name}
    if isinstance(row, Project):
        return "project", {"workspaceKey": row.workspace_key}, {"name": row.name}
    if isinstance(row, Folder):
        parents = {
            "workspaceKey": await workspace_of(session, row.project_key),
            "projectKey": row.project_key,
            "folderKey": row.parent_folder_key,
        }
        return "folder", parents, {"name": row.name}
    if isinstance(row, File):
        parents = {
            "workspaceKey": await workspace_of(session, row.project_key),
            "projectKey": row.project_key,
            "folderKey": row.folder_key,
        }
        data = {
            "name": row.name,
            "type": row.type,
            "revision": row.revision,
            "simplePath": row.simple_path,
        }
        return "file", parents, data
    if isinstance(row, FileVersion):
        place = (
            await session.execute(
                select(File.project_key, File.folder_key).where(File.key == row.file_key)
            )
        ).first()
        project_key, folder_key = place if place is not None else (None, None)
        parents = {
            "workspaceKey": None
            if project_key is None
            else await workspace_of(session, project_key),
            "projectKey": project_key,
            "folderKey": folder_key,
            "fileKey": row.file_key,
        }
        data = {"name": row.name, "fileKey": row.file_key}
        if row.template_version is not None:
            data["version"] = row.template_version
        return "version", parents, data
    raise TypeError(type(row).__name__)


async def resource_event(
    session: AsyncSession,
    principal: Principal,
    row: Any,
    action: str,
    *,
    changes: dict[str, dict[str, Any]] | None = None,
    correlation_id: str | None = None,
    extra: dict[str, Any] | None = None,
    type_: str | None = None,
) -> None:
    """Record ``<resource>.<action>`` (or ``type_``) for a workspace/project/folder/file/version
    row as it is now. ``correlation_id`` is a deletion's id (also put in ``data``); without one
    the event takes the surrounding operation's (:func:`correlated`), if any."""
    resource_type, parents, data = await _parents_and_data(session, row)
    if changes:
        data["changes"] = changes
    if correlation_id is not None:
        data["deletionEvent"] = correlation_id
    if extra:
        data.update(extra)
    record(
        session,
        organization_id=principal.organization_id,
        actor=principal,
        type=type_ or f"{resource_type}.{action}",
        resource_type=resource_type,
        resource_key=row.key,
        parents=parents,
        data=data,
        correlation_id=correlation_id or correlation_of(session),
    )


def plain_event(
    session: AsyncSession,
    principal: Principal,
    type_: str,
    *,
    resource_type: str,
    resource_key: str,
    parents: dict[str, str | None] | None = None,
    data: dict[str, Any] | None = None,
    correlation_id: str | None = None,
) -> None:
    """An event about something that is not a resource row (members, clusters, environments,
    the descendants of a moved folder)."""
    record(
        session,
        organization_id=principal.organization_id,
        actor=principal,
        type=type_,
        resource_type=resource_type,
        resource_key=resource_key,
        parents=parents,
        data=data,
        correlation_id=correlation_id or correlation_of(session),
    )


async def snapshot_event(
    session: AsyncSession,
    principal: Principal,
    snapshot: Any,
    action: str,
    *,
    data: dict[str, Any] | None = None,
) -> None:
    """``project_snapshot.<action>`` for a ProjectSnapshot row."""
    record(
        session,
        organization_id=principal.organization_id,
        actor=principal,
        type=f"project_snapshot.{action}",
        resource_type="project_snapshot",
        resource_key=snapshot.key,
        parents={
            "workspaceKey": await workspace_of(session, snapshot.project_key),
            "projectKey": snapshot.project_key,
        },
        data={"name": snapshot.name, **(data or {})},
        correlation_id=correlation_of(session),
    )
