"""Environments: the organization's, a workspace's assigned set (read and replace) and a
project's (its workspace's set)."""

from __future__ import annotations

from camunda_hub.server.api.deps import Caller, ReadSession, WriteSession
from camunda_hub.server.api.docs import problem
from camunda_hub.server.api.models.environments import (
    EnvironmentListResult,
    ReplaceWorkspaceEnvironmentsRequest,
)
from camunda_hub.server.api.route_table import RouteTable
from camunda_hub.server.services.hub import environments as service

router = RouteTable(tags=["Environment"])


@router.get("/environments", operation_id="getEnvironments", response_model=EnvironmentListResult)
async def get_environments(session: ReadSession, caller: Caller) -> EnvironmentListResult:
    """Every environment of the organization: one per registered cluster, plus removed ones
    that workspaces still have assigned."""
    return EnvironmentListResult.of(await service.list_all(session, caller))


@router.get(
    "/workspaces/{workspaceKey}/environments",
    operation_id="getWorkspaceEnvironments",
    response_model=EnvironmentListResult,
)
async def get_workspace_environments(
    workspaceKey: str, session: ReadSession, caller: Caller
) -> EnvironmentListResult:
    return EnvironmentListResult.of(await service.for_workspace(session, caller, workspaceKey))


@router.put(
    "/workspaces/{workspaceKey}/environments",
    operation_id="updateWorkspaceEnvironments",
    response_model=EnvironmentListResult,
    responses={
        400: problem("The body is invalid, or names an environment the organization does not have.")
    },
)
async def update_workspace_environments(
    workspaceKey: str,
    body: ReplaceWorkspaceEnvironmentsRequest,
    session: WriteSession,
    caller: Caller,
) -> EnvironmentListResult:
    """Replace the workspace's set: environments not listed are unassigned (an empty list
    unassigns all). An environment whose registration was removed may stay but not be added."""
    environments = await service.replace(session, caller, workspaceKey, body.environmentIds)
    return EnvironmentListResult.of(environments)


@router.get(
    "/projects/{projectKey}/environments",
    operation_id="getProjectEnvironments",
    response_model=EnvironmentListResult,
)
async def get_project_environments(
    projectKey: str, session: ReadSession, caller: Caller
) -> EnvironmentListResult:
    """The project's workspace's set."""
    return EnvironmentListResult.of(await service.for_project(session, caller, projectKey))
