"""Environments: where a workspace's projects may deploy. Each cluster registration of the
organization provides one cluster-backed environment (id = cluster id); a workspace is assigned
a set of them, and its projects all see that set.

An environment is listed while its cluster is registered, and after its registration was
removed for as long as a workspace still has it assigned (``discoveryState: NOT_REPORTED``);
such an environment can be kept in a workspace's set but not newly assigned."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from sqlalchemy import delete, exists, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.expression import Exists

from camunda_hub.server.security.principal import Principal
from camunda_hub.server.services.errors import InvalidInput
from camunda_hub.server.services.hub import hub_events, lookups
from camunda_hub.server.store.schema.base import utcnow
from camunda_hub.server.store.schema.clusters import (
    ClusterRegistration,
    WorkspaceEnvironment,
)
from camunda_hub.server.store.schema.hub import Project, Workspace

MAX_ENVIRONMENTS = 500


@dataclass(frozen=True)
class Environment:
    registration: ClusterRegistration
    # Live workspaces the environment is assigned to, ordered by name.
    workspaces: list[Workspace]


def _assigned_to_live_workspace() -> Exists:
    return exists().where(
        WorkspaceEnvironment.organization_id == ClusterRegistration.organization_id,
        WorkspaceEnvironment.environment_id == ClusterRegistration.cluster_id,
        WorkspaceEnvironment.workspace_key == Workspace.key,
        Workspace.deleted.is_(None),
    )


async def _with_workspaces(
    session: AsyncSession, principal: Principal, rows: Iterable[ClusterRegistration]
) -> list[Environment]:
    registrations = sorted(rows, key=lambda row: (row.name, row.cluster_id))
    if not registrations:
        return []
    assignments = await session.execute(
        select(WorkspaceEnvironment.environment_id, Workspace)
        .join(Workspace, Workspace.key == WorkspaceEnvironment.workspace_key)
        .where(
            WorkspaceEnvironment.organization_id == principal.organization_id,
            WorkspaceEnvironment.environment_id.in_([r.cluster_id for r in registrations]),
            Workspace.deleted.is_(None),
        )
        .order_by(Workspace.name, Workspace.key)
    )
    by_environment: dict[str, list[Workspace]] = {}
    for environment_id, workspace in assignments:
        by_environment.setdefault(environment_id, []).append(workspace)
    return [Environment(row, by_environment.get(row.cluster_id, [])) for row in registrations]


async def list_all(session: AsyncSession, principal: Principal) -> list[Environment]:
    rows = await session.scalars(
        select(ClusterRegistration).where(
            ClusterRegistration.organization_id == principal.organization_id,
            or_(ClusterRegistration.removed.is_(None), _assigned_to_live_workspace()),
        )
    )
    return await _with_workspaces(session, principal, rows)


async def _assigned(
    session: AsyncSession, principal: Principal, workspace_key: str
) -> list[Environment]:
    rows = await session.scalars(
        select(ClusterRegistration)
        .join(
            WorkspaceEnvironment,
            (WorkspaceEnvironment.organization_id == ClusterRegistration.organization_id)
            & (WorkspaceEnvironment.environment_id == ClusterRegistration.cluster_id),
        )
        .where(
            WorkspaceEnvironment.workspace_key == workspace_key,
            ClusterRegistration.organization_id == principal.organization_id,
        )
    )
    return await _with_workspaces(session, principal, rows)


async def for_workspace(
    session: AsyncSession, principal: Principal, workspace_key: str
) -> list[Environment]:
    await lookups.live(session, Workspace, principal, workspace_key)
    return await _assigned(session, principal, workspace_key)


async def for_project(
    session: AsyncSession, principal: Principal, project_key: str
) -> list[Environment]:
    """A project has no set of its own: it sees its workspace's (a live project is always in
    a live workspace)."""
    project = await lookups.live(session, Project, principal, project_key)
    return await _assigned(session, principal, project.workspace_key)


async def replace(
    session: AsyncSession, principal: Principal, workspace_key: str, environment_ids: list[str]
) -> list[Environment]:
    """Make ``environment_ids`` the workspace's exact set (duplicates count once)."""
    await lookups.live(session, Workspace, principal, workspace_key, for_update=True)
    wanted = list(dict.fromkeys(environment_ids))
    if len(wanted) > MAX_ENVIRONMENTS:
        raise InvalidInput(f"environmentIds: at most {MAX_ENVIRONMENTS} environments")
    current = set(
        await session.scalars(
            select(WorkspaceEnvironment.environment_id).where(
                WorkspaceEnvironment.workspace_key == workspace_key
            )
        )
    )
    registrations = await _locked(session, principal, set(wanted) | current)
    for environment_id in wanted:
        row = registrations.get(environment_id)
        if row is None:
            raise InvalidInput(f"environmentIds: no environment with id '{environment_id}'")
        if row.removed is not None and environment_id not in current:
            raise InvalidInput(
                f"environmentIds: environment '{environment_id}' is no longer reported (its "
                "cluster registration was removed) and cannot be newly assigned"
            )
    dropped = current - set(wanted)
    if dropped:
        await session.execute(
            delete(WorkspaceEnvironment)
            .where(
                WorkspaceEnvironment.workspace_key == workspace_key,
                WorkspaceEnvironment.environment_id.in_(dropped),
            )
            .execution_options(synchronize_session=False)
        )
    now = utcnow()
    for environment_id in wanted:
        if environment_id not in current:
            session.add(
                WorkspaceEnvironment(
                    workspace_key=workspace_key,
                    environment_id=environment_id,
                    organization_id=principal.organization_id,
                    assigned=now,
                )
            )
    await session.flush()
    await _forget_unassigned_removed(
        session, principal, [registrations[i] for i in dropped if i in registrations]
    )
    added = [i for i in wanted if i not in current]
    if added or dropped:
        hub_events.plain_event(
            session,
            principal,
            "environment.assignment_changed",
            resource_type="workspace",
            resource_key=workspace_key,
            parents={"workspaceKey": workspace_key},
            data={
                "environmentIds": wanted,
                "changes": {"environmentIds": {"old": sorted(current), "new": wanted}},
            },
        )
    return await _assigned(session, principal, workspace_key)


async def _locked(
    session: AsyncSession, principal: Principal, ids: Collection[str]
) -> dict[str, ClusterRegistration]:
    """The registrations named, locked until the transaction ends, so a concurrent removal
    either sees these assignments or happens before this check (never a dangling one). Locked
    in id order, so two replacements never wait for each other crosswise."""
    ids = [i for i in ids if lookups.storable(i)]
    if not ids:
        return {}
    rows = await session.scalars(
        select(ClusterRegistration)
        .where(
            ClusterRegistration.organization_id == principal.organization_id,
            ClusterRegistration.cluster_id.in_(ids),
        )
        .order_by(ClusterRegistration.cluster_id)
        .with_for_update()
    )
    return {row.cluster_id: row for row in rows}


async def _forget_unassigned_removed(
    session: AsyncSession, principal: Principal, rows: Iterable[ClusterRegistration]
) -> None:
    """A removed registration is only kept for the workspaces that had it: once the last one
    lets go, it is deleted (as removing it would have done)."""
    for row in rows:
        if row.removed is None:
            continue
        still = await session.scalar(
            select(func.count())
            .select_from(WorkspaceEnvironment)
            .where(
                WorkspaceEnvironment.organization_id == principal.organization_id,
                WorkspaceEnvironment.environment_id == row.cluster_id,
            )
        )
        if not still:
            await session.delete(row)
    await session.flush()
