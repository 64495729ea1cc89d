"""``/projects``: create, read, update (rename, move), search, soft delete, restore, permanently
delete."""

from __future__ import annotations

from fastapi import Request, Response

from camunda_hub.server.api.deps import Caller, ReadSession, WriteSession
from camunda_hub.server.api.docs import problem
from camunda_hub.server.api.models.common import SearchResult
from camunda_hub.server.api.models.projects import (
    ProjectCreateRequest,
    ProjectDetailResult,
    ProjectResult,
    ProjectUpdateRequest,
    RecentlyDeletedProjectResult,
)
from camunda_hub.server.api.route_table import RouteTable
from camunda_hub.server.api.search_endpoint import openapi_body, read_body, search_page
from camunda_hub.server.api.wire_json import project_detail_body
from camunda_hub.server.runtime import runtime_of
from camunda_hub.server.services.hub import file_reads, lifecycle
from camunda_hub.server.services.hub import projects as service
from camunda_hub.server.store.schema.hub import Project

router = RouteTable(tags=["Project"])


class ProjectSearchQueryResult(SearchResult[ProjectResult]):
    pass


class RecentlyDeletedProjectSearchQueryResult(SearchResult[RecentlyDeletedProjectResult]):
    pass


@router.post("/projects", operation_id="createProject", response_model=ProjectResult)
async def create_project(
    body: ProjectCreateRequest, session: WriteSession, caller: Caller
) -> ProjectResult:
    project = await service.create(session, caller, name=body.name, workspace_key=body.workspaceKey)
    return ProjectResult.of(project)


@router.post(
    "/projects/search",
    operation_id="searchProjects",
    openapi_extra=openapi_body(service.SEARCH),
    response_model=ProjectSearchQueryResult,
)
async def search_projects(
    request: Request, session: ReadSession, caller: Caller
) -> ProjectSearchQueryResult:
    return await search_page(
        session,
        service.searchable(caller),
        service.SEARCH,
        await read_body(request),
        ProjectSearchQueryResult,
        ProjectResult.of,
    )


@router.post(
    "/projects/recently-deleted/search",
    operation_id="searchRecentlyDeletedProjects",
    openapi_extra=openapi_body(service.RECENTLY_DELETED_SEARCH),
    response_model=RecentlyDeletedProjectSearchQueryResult,
)
async def search_recently_deleted_projects(
    request: Request, session: ReadSession, caller: Caller
) -> RecentlyDeletedProjectSearchQueryResult:
    return await search_page(
        session,
        service.recently_deleted(caller),
        service.RECENTLY_DELETED_SEARCH,
        await read_body(request),
        RecentlyDeletedProjectSearchQueryResult,
        RecentlyDeletedProjectResult.of,
    )


@router.get("/projects/{projectKey}", operation_id="getProject", response_model=ProjectDetailResult)
async def get_project(projectKey: str, request: Request, caller: Caller) -> Response:
    """A project with its root folders and root files (files with ``content: null``)."""
    direct = runtime_of(request).db.direct
    # service.get_with_content as rows, encoded as ProjectDetailResult (see wire_json).
    body = await file_reads.project_body(
        direct, caller, projectKey, project_detail_body, "v2 project"
    )
    return Response(body, media_type="application/json")


@router.patch("/projects/{projectKey}", operation_id="updateProject", response_model=ProjectResult)
async def update_project(
    projectKey: str, body: ProjectUpdateRequest, session: WriteSession, caller: Caller
) -> ProjectResult:
    """Rename a project or move it to another workspace of the organization."""
    changes = body.model_dump(include=body.model_fields_set)
    return ProjectResult.of(await service.update(session, caller, projectKey, changes))


@router.delete("/projects/{projectKey}", operation_id="deleteProject", status_code=204)
async def delete_project(projectKey: str, session: WriteSession, caller: Caller) -> Response:
    """Soft-delete a project and everything live in it, as one deletion event."""
    await lifecycle.soft_delete(session, caller, Project, projectKey)
    return Response(status_code=204)


@router.delete(
    "/projects/{projectKey}/permanent",
    operation_id="permanentlyDeleteProject",
    responses={
        400: problem("The live project still contains live files."),
        409: problem("The project was deleted with its workspace; delete that instead."),
    },
    status_code=204,
)
async def permanently_delete_project(
    projectKey: str, session: WriteSession, caller: Caller
) -> Response:
    """Remove a project for good. A live project must hold no live file; a soft-deleted one
    must be the one that was deleted (409 if it went with its workspace)."""
    await lifecycle.permanently_delete_project(session, caller, projectKey)
    return Response(status_code=204)


@router.post(
    "/projects/{projectKey}/restoration",
    operation_id="restoreProject",
    responses={409: problem("The project's workspace is deleted; restore it first.")},
    response_model=ProjectResult,
)
async def restore_project(projectKey: str, session: WriteSession, caller: Caller) -> ProjectResult:
    """Restore a project deleted on its own, with what was deleted with it; 409 while its
    workspace is deleted."""
    return ProjectResult.of(await lifecycle.restore_project(session, caller, projectKey))
