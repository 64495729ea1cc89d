"""Workspaces: the top of the hierarchy, owned by one organization."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from camunda_hub.server.search import Field, FieldKind, SearchSpec
from camunda_hub.server.security.principal import Principal
from camunda_hub.server.services.hub import audit_fields, hub_events, lookups
from camunda_hub.server.store.schema.base import new_key, utcnow
from camunda_hub.server.store.schema.hub import Project, Workspace

SEARCH = SearchSpec(
    fields={
        "name": Field(Workspace.name, FieldKind.STRING),
        "created": Field(Workspace.created, FieldKind.DATETIME),
        "updated": Field(Workspace.updated, FieldKind.DATETIME),
        "createdBy": Field(Workspace.created_by_email, FieldKind.BASIC),
        "updatedBy": Field(Workspace.updated_by_email, FieldKind.BASIC),
    },
    sort_fields={
        "name": Workspace.name,
        "created": Workspace.created,
        "updated": Workspace.updated,
    },
    tiebreaker=Workspace.key,
)

RECENTLY_DELETED_SEARCH = SearchSpec(
    fields={
        "workspaceKey": Field(Workspace.key, FieldKind.BASIC),
        "name": Field(Workspace.name, FieldKind.STRING),
        "deleted": Field(Workspace.deleted, FieldKind.DATETIME),
    },
    sort_fields={"name": Workspace.name, "deleted": Workspace.deleted},
    tiebreaker=Workspace.key,
)


async def create(
    session: AsyncSession, principal: Principal, *, name: str, description: str | None
) -> Workspace:
    workspace = Workspace(
        key=new_key(),
        organization_id=principal.organization_id,
        name=name,
        description=description,
        deletion_root=False,
        **audit_fields.created(principal, utcnow()),
    )
    session.add(workspace)
    await session.flush()
    await hub_events.resource_event(session, principal, workspace, "created")
    return workspace


async def get_with_projects(
    session: AsyncSession, principal: Principal, key: str
) -> tuple[Workspace, list[Project]]:
    workspace = await lookups.live(session, Workspace, principal, key)
    projects = await session.scalars(
        select(Project)
        .where(Project.workspace_key == key, Project.deleted.is_(None))
        .order_by(Project.name, Project.key)
    )
    return workspace, list(projects)


async def update(
    session: AsyncSession, principal: Principal, key: str, changes: dict[str, Any]
) -> Workspace:
    """``changes`` holds only the fields the request named (``description: None`` clears)."""
    workspace = await lookups.live(session, Workspace, principal, key, for_update=True)
    before = hub_events.snapshot_of(workspace)
    if "name" in changes:
        workspace.name = changes["name"]
    if "description" in changes:
        workspace.description = changes["description"]
    if changes:
        for column, value in audit_fields.updated(principal, utcnow()).items():
            setattr(workspace, column, value)
    await session.flush()
    if differences := hub_events.changed(before, hub_events.snapshot_of(workspace)):
        await hub_events.resource_event(
            session, principal, workspace, "updated", changes=differences
        )
    return workspace


def searchable(principal: Principal) -> Select[Any]:
    return select(Workspace).where(
        Workspace.organization_id == principal.organization_id, Workspace.deleted.is_(None)
    )


def recently_deleted(principal: Principal) -> Select[Any]:
    return select(Workspace).where(
        Workspace.organization_id == principal.organization_id,
        Workspace.deleted.is_not(None),
        Workspace.deletion_root.is_(True),
    )
