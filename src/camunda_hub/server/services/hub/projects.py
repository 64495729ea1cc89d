"""Projects: live in a workspace, hold folders and files."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from camunda_hub.server.search import Field, FieldKind, SearchSpec
from camunda_hub.server.security.principal import Principal
from camunda_hub.server.services.hub import audit_fields, hub_events, lookups
from camunda_hub.server.services.hub.listing import without_content
from camunda_hub.server.store.schema.base import new_key, utcnow
from camunda_hub.server.store.schema.hub import File, Folder, Project, Workspace

SEARCH = SearchSpec(
    fields={
        "workspaceKey": Field(Project.workspace_key, FieldKind.BASIC),
        "name": Field(Project.name, FieldKind.STRING),
        "created": Field(Project.created, FieldKind.DATETIME),
        "updated": Field(Project.updated, FieldKind.DATETIME),
        "createdBy": Field(Project.created_by_email, FieldKind.BASIC),
        "updatedBy": Field(Project.updated_by_email, FieldKind.BASIC),
    },
    sort_fields={"name": Project.name, "created": Project.created, "updated": Project.updated},
    tiebreaker=Project.key,
)

RECENTLY_DELETED_SEARCH = SearchSpec(
    fields={
        "projectKey": Field(Project.key, FieldKind.BASIC),
        "name": Field(Project.name, FieldKind.STRING),
        "workspaceKey": Field(Project.workspace_key, FieldKind.BASIC),
        "deleted": Field(Project.deleted, FieldKind.DATETIME),
    },
    sort_fields={"name": Project.name, "deleted": Project.deleted},
    tiebreaker=Project.key,
)


async def create(
    session: AsyncSession,
    principal: Principal,
    *,
    name: str,
    workspace_key: str,
    key: str | None = None,
) -> Project:
    """``key``: a chosen key instead of a new random one (API v1's per-workspace default
    project has a key derived from its workspace's)."""
    await lookups.referenced(session, Workspace, principal, workspace_key, "workspaceKey")
    project = Project(
        key=key or new_key(),
        organization_id=principal.organization_id,
        workspace_key=workspace_key,
        name=name,
        deletion_root=False,
        **audit_fields.created(principal, utcnow()),
    )
    session.add(project)
    await session.flush()
    await hub_events.resource_event(session, principal, project, "created")
    return project


async def get_with_content(
    session: AsyncSession, principal: Principal, key: str
) -> tuple[Project, list[Folder], list[File]]:
    """The project with its direct children: root folders and root files."""
    project = await lookups.live(session, Project, principal, key)
    folders = await session.scalars(
        select(Folder)
        .where(
            Folder.project_key == key,
            Folder.parent_folder_key.is_(None),
            Folder.deleted.is_(None),
        )
        .order_by(Folder.name, Folder.key)
    )
    files = await session.scalars(
        select(File)
        .options(without_content())
        .where(File.project_key == key, File.folder_key.is_(None), File.deleted.is_(None))
        .order_by(File.name, File.key)
    )
    return project, list(folders), list(files)


async def update(
    session: AsyncSession, principal: Principal, key: str, changes: dict[str, Any]
) -> Project:
    project = await lookups.live(session, Project, principal, key, for_update=True)
    before = hub_events.snapshot_of(project)
    if "name" in changes:
        project.name = changes["name"]
    if "workspaceKey" in changes and changes["workspaceKey"] != project.workspace_key:
        target = await lookups.referenced(
            session, Workspace, principal, changes["workspaceKey"], "workspaceKey"
        )
        project.workspace_key = target.key
    if changes:
        for column, value in audit_fields.updated(principal, utcnow()).items():
            setattr(project, column, value)
    await session.flush()
    if differences := hub_events.changed(before, hub_events.snapshot_of(project)):
        await hub_events.resource_event(session, principal, project, "updated", changes=differences)
    return project


def searchable(principal: Principal) -> Select[Any]:
    return select(Project).where(
        Project.organization_id == principal.organization_id, Project.deleted.is_(None)
    )


def recently_deleted(principal: Principal) -> Select[Any]:
    return select(Project).where(
        Project.organization_id == principal.organization_id,
        Project.deleted.is_not(None),
        Project.deletion_root.is_(True),
    )
