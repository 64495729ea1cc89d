"""``/workspaces``: create, read, update, search, soft delete, restore, permanently delete."""

from __future__ import annotations

from fastapi import Request, Response

from camunda_hub.server.api.deps import Caller, ReadSession, WriteSession
from camunda_hub.server.api.docs import problem
from camunda_hub.server.api.models.common import SearchResult
from camunda_hub.server.api.models.projects import ProjectResult
from camunda_hub.server.api.models.workspaces import (
    RecentlyDeletedWorkspaceResult,
    WorkspaceContent,
    WorkspaceCreateRequest,
    WorkspaceDetailResult,
    WorkspaceResult,
    WorkspaceUpdateRequest,
)
from camunda_hub.server.api.route_table import RouteTable
from camunda_hub.server.api.search_endpoint import openapi_body, read_body, search_page
from camunda_hub.server.services.hub import lifecycle
from camunda_hub.server.services.hub import workspaces as service
from camunda_hub.server.store.schema.hub import Workspace

router = RouteTable(tags=["Workspace"])


class WorkspaceSearchQueryResult(SearchResult[WorkspaceResult]):
    pass


class RecentlyDeletedWorkspaceSearchQueryResult(SearchResult[RecentlyDeletedWorkspaceResult]):
    pass


@router.post("/workspaces", operation_id="createWorkspace", response_model=WorkspaceResult)
async def create_workspace(
    body: WorkspaceCreateRequest, session: WriteSession, caller: Caller
) -> WorkspaceResult:
    workspace = await service.create(session, caller, name=body.name, description=body.description)
    return WorkspaceResult.of(workspace)


@router.post(
    "/workspaces/search",
    operation_id="searchWorkspaces",
    openapi_extra=openapi_body(service.SEARCH),
    response_model=WorkspaceSearchQueryResult,
)
async def search_workspaces(
    request: Request, session: ReadSession, caller: Caller
) -> WorkspaceSearchQueryResult:
    return await search_page(
        session,
        service.searchable(caller),
        service.SEARCH,
        await read_body(request),
        WorkspaceSearchQueryResult,
        WorkspaceResult.of,
    )


@router.post(
    "/workspaces/recently-deleted/search",
    operation_id="searchRecentlyDeletedWorkspaces",
    openapi_extra=openapi_body(service.RECENTLY_DELETED_SEARCH),
    response_model=RecentlyDeletedWorkspaceSearchQueryResult,
)
async def search_recently_deleted_workspaces(
    request: Request, session: ReadSession, caller: Caller
) -> RecentlyDeletedWorkspaceSearchQueryResult:
    return await search_page(
        session,
        service.recently_deleted(caller),
        service.RECENTLY_DELETED_SEARCH,
        await read_body(request),
        RecentlyDeletedWorkspaceSearchQueryResult,
        RecentlyDeletedWorkspaceResult.of,
    )


@router.get(
    "/workspaces/{workspaceKey}",
    operation_id="getWorkspace",
    response_model=WorkspaceDetailResult,
)
async def get_workspace(
    workspaceKey: str, session: ReadSession, caller: Caller
) -> WorkspaceDetailResult:
    workspace, projects = await service.get_with_projects(session, caller, workspaceKey)
    return WorkspaceDetailResult(
        workspace=WorkspaceResult.of(workspace),
        content=WorkspaceContent(projects=[ProjectResult.of(p) for p in projects]),
    )


@router.patch(
    "/workspaces/{workspaceKey}", operation_id="updateWorkspace", response_model=WorkspaceResult
)
async def update_workspace(
    workspaceKey: str, body: WorkspaceUpdateRequest, session: WriteSession, caller: Caller
) -> WorkspaceResult:
    """Rename a workspace or change its description: omitted fields keep their value,
    ``description: null`` clears it."""
    changes = body.model_dump(include=body.model_fields_set)
    return WorkspaceResult.of(await service.update(session, caller, workspaceKey, changes))


@router.delete("/workspaces/{workspaceKey}", operation_id="deleteWorkspace", status_code=204)
async def delete_workspace(workspaceKey: str, session: WriteSession, caller: Caller) -> Response:
    """Soft-delete a workspace and everything live in it, as one deletion event."""
    await lifecycle.soft_delete(session, caller, Workspace, workspaceKey)
    return Response(status_code=204)


@router.delete(
    "/workspaces/{workspaceKey}/permanent",
    operation_id="permanentlyDeleteWorkspace",
    responses={400: problem("The live workspace still contains live files.")},
    status_code=204,
)
async def permanently_delete_workspace(
    workspaceKey: str, session: WriteSession, caller: Caller
) -> Response:
    """Remove a workspace for good. A live workspace must hold no live file (empty projects
    and folders and soft-deleted items go with it); a soft-deleted one goes with everything."""
    await lifecycle.permanently_delete_workspace(session, caller, workspaceKey)
    return Response(status_code=204)


@router.post(
    "/workspaces/{workspaceKey}/restoration",
    operation_id="restoreWorkspace",
    response_model=WorkspaceResult,
)
async def restore_workspace(
    workspaceKey: str, session: WriteSession, caller: Caller
) -> WorkspaceResult:
    """Restore a deleted workspace with everything deleted with it (items deleted on their
    own before stay deleted)."""
    return WorkspaceResult.of(await lifecycle.restore_workspace(session, caller, workspaceKey))
