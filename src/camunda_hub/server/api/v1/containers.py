"""``/projects`` (= v2 workspaces), ``/process-applications`` (= v2 projects), ``/folders`` and
what they list, plus ``/info``.

v1's deletion rule applies on top of v2's soft delete: a project, process application or
folder is only deleted while no live file is anywhere inside it (400 otherwise); what it
holds (empty folders) goes with it, into the same v2 deletion event, so API v2 can restore it."""

from __future__ import annotations

from typing import Any

from fastapi import Request, Response
from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from camunda_hub.server.api.deps import Caller, ReadSession, WriteSession
from camunda_hub.server.api.route_table import RouteTable
from camunda_hub.server.api.search_endpoint import read_body
from camunda_hub.server.api.v1 import places, shapes, wire
from camunda_hub.server.api.v1.search import V1Search, parse_v1_search
from camunda_hub.server.search import Field, FieldKind, SearchSpec, run_search
from camunda_hub.server.security.principal import Principal
from camunda_hub.server.services.errors import InvalidInput, NotFound
from camunda_hub.server.services.hub import folders as folder_service
from camunda_hub.server.services.hub import lifecycle, lookups, paths
from camunda_hub.server.services.hub import projects as project_service
from camunda_hub.server.services.hub import workspaces as workspace_service
from camunda_hub.server.services.hub.listing import without_content
from camunda_hub.server.store.schema.hub import File, Folder, Project, Workspace

router = RouteTable()

PROJECT_SEARCH = V1Search(
    SearchSpec(
        fields={
            "id": Field(Workspace.key, FieldKind.BASIC),
            "name": Field(Workspace.name, FieldKind.STRING),
            "created": Field(Workspace.created, FieldKind.DATETIME),
            "updated": Field(Workspace.updated, FieldKind.DATETIME),
            "createdBy.email": Field(Workspace.created_by_email, FieldKind.BASIC),
            "createdBy.name": Field(Workspace.created_by_name, FieldKind.BASIC),
            "updatedBy.email": Field(Workspace.updated_by_email, FieldKind.BASIC),
            "updatedBy.name": Field(Workspace.updated_by_name, FieldKind.BASIC),
        },
        sort_fields={
            "id": Workspace.key,
            "name": Workspace.name,
            "created": Workspace.created,
            "updated": Workspace.updated,
        },
        tiebreaker=Workspace.key,
    )
)


@router.get(
    "/info",
    operation_id="getInfo",
    tags=wire.tags("Info"),
    response_model=wire.InfoDto,
    deprecated=True,
)
async def get_info(caller: Caller) -> wire.InfoDto:
    """The organization of the token and which of the four API permissions it carries."""
    return wire.InfoDto(
        version="v1",
        authorizedOrganization=caller.organization_id,
        createPermission=caller.can("create"),
        readPermission=caller.can("read"),
        updatePermission=caller.can("update"),
        deletePermission=caller.can("delete"),
    )


# -- projects --------------------------------------------------------------------------------


@router.post(
    "/projects",
    operation_id="createProject",
    tags=wire.tags("Projects"),
    response_model=wire.ProjectMetadataDto,
    deprecated=True,
    response_model_exclude_none=True,
)
async def create_project(
    body: wire.CreateProjectDto, session: WriteSession, caller: Caller
) -> wire.ProjectMetadataDto:
    """Creates a project: a v2 workspace with the same key."""
    workspace = await workspace_service.create(session, caller, name=body.name, description=None)
    return shapes.project(workspace)


@router.post(
    "/projects/search",
    operation_id="searchProjects",
    tags=wire.tags("Projects"),
    response_model=wire.PubSearchResultProjectMetadataDto,
    openapi_extra=wire.search_body(wire.ProjectMetadataDto),
    deprecated=True,
    response_model_exclude_none=True,
)
async def search_projects(
    request: Request, session: ReadSession, caller: Caller
) -> wire.PubSearchResultProjectMetadataDto:
    page = parse_v1_search(PROJECT_SEARCH, await read_body(request))
    found = await run_search(
        session, workspace_service.searchable(caller), PROJECT_SEARCH.spec, page.request
    )
    return wire.PubSearchResultProjectMetadataDto(
        items=[shapes.project(row) for row in found.rows[: page.shown]],
        total=found.total_items,
    )


async def _live_folders_and_files(
    session: AsyncSession, where: Any, file_where: Any
) -> tuple[list[Folder], list[File]]:
    folders = await session.scalars(
        select(Folder)
        .where(where, Folder.deleted.is_(None))
        .order_by(Folder.path_names, Folder.key)
    )
    files = await session.scalars(
        select(File)
        .options(without_content())
        .where(file_where, File.deleted.is_(None))
        .order_by(File.simple_path, File.key)
    )
    return list(folders), list(files)


@router.get(
    "/projects/{projectId}",
    operation_id="getProject",
    tags=wire.tags("Projects"),
    response_model=wire.ProjectDto,
    deprecated=True,
    response_model_exclude_none=True,
)
async def get_project(projectId: str, session: ReadSession, caller: Caller) -> wire.ProjectDto:
    """The project with every folder and file in it, at any depth, and its process
    applications (v2 projects other than the default one)."""
    workspace, projects = await workspace_service.get_with_projects(session, caller, projectId)
    keys = [project.key for project in projects]
    folders, files = await _live_folders_and_files(
        session, Folder.project_key.in_(keys), File.project_key.in_(keys)
    )
    return wire.ProjectDto(
        metadata=shapes.project(workspace),
        content=wire.ProjectContent(
            folders=await shapes.folders(session, folders),
            files=await shapes.files(session, files),
            processApplications=[
                shapes.process_application(project)
                for project in projects
                if not places.is_default(project)
            ],
        ),
    )


@router.patch(
    "/projects/{projectId}",
    operation_id="updateProject",
    tags=wire.tags("Projects"),
    response_model=wire.ProjectMetadataDto,
    deprecated=True,
    response_model_exclude_none=True,
)
async def update_project(
    projectId: str, body: wire.UpdateProjectDto, session: WriteSession, caller: Caller
) -> wire.ProjectMetadataDto:
    workspace = await workspace_service.update(session, caller, projectId, {"name": body.name})
    return shapes.project(workspace)


async def _refuse_live_files(session: AsyncSession, where: Any, what: str) -> None:
    if await session.scalar(select(exists().where(where, File.deleted.is_(None)))):
        raise InvalidInput(f"{what} still holds files; delete or move them first")


@router.delete(
    "/projects/{projectId}",
    operation_id="deleteProject",
    tags=wire.tags("Projects"),
    status_code=204,
    deprecated=True,
    response_model_exclude_none=True,
)
async def delete_project(projectId: str, session: WriteSession, caller: Caller) -> Response:
    """Deletes an empty project (no files in it). It is a v2 soft delete of the workspace:
    API v2 can restore it until the retention period ends."""
    workspace = await lookups.live(session, Workspace, caller, projectId, for_update=True)
    in_workspace = select(Project.key).where(Project.workspace_key == workspace.key)
    await _refuse_live_files(
        session, File.project_key.in_(in_workspace.scalar_subquery()), f"project '{projectId}'"
    )
    await lifecycle.soft_delete(session, caller, Workspace, projectId)
    return Response(status_code=204)


# -- process applications ----------------------------------------------------------------------
# One revision of Camunda's migration guide spells the path ``/processApplications``: served
# too, outside the OpenAPI document.


async def _process_application(session: AsyncSession, caller: Principal, key: str) -> Project:
    project = await lookups.live(session, Project, caller, key)
    if places.is_default(project):
        raise NotFound(f"no process application with id '{key}' was found")
    return project


@router.post("/processApplications", include_in_schema=False, response_model_exclude_none=True)
@router.post(
    "/process-applications",
    operation_id="createProcessApplication",
    tags=wire.tags("Process Applications"),
    response_model=wire.ProcessApplicationMetadataDto,
    deprecated=True,
    response_model_exclude_none=True,
)
async def create_process_application(
    body: wire.CreateProcessApplicationDto, session: WriteSession, caller: Caller
) -> wire.ProcessApplicationMetadataDto:
    """Creates a process application: a v2 project in the workspace ``projectId``."""
    try:
        project = await project_service.create(
            session, caller, name=body.name, workspace_key=body.projectId
        )
    except InvalidInput as exc:
        raise InvalidInput(exc.detail.replace("workspaceKey", "projectId")) from None
    return shapes.process_application(project)


@router.get(
    "/processApplications/{processApplicationId}",
    include_in_schema=False,
    response_model_exclude_none=True,
)
@router.get(
    "/process-applications/{processApplicationId}",
    operation_id="getProcessApplication",
    tags=wire.tags("Process Applications"),
    response_model=wire.ProcessApplicationDto,
    deprecated=True,
    response_model_exclude_none=True,
)
async def get_process_application(
    processApplicationId: str, session: ReadSession, caller: Caller
) -> wire.ProcessApplicationDto:
    """The process application with its root folders and root files."""
    await _process_application(session, caller, processApplicationId)
    project, folders, files = await project_service.get_with_content(
        session, caller, processApplicationId
    )
    return wire.ProcessApplicationDto(
        metadata=shapes.process_application(project),
        content=wire.FolderContentDto(
            folders=await shapes.folders(session, folders),
            files=await shapes.files(session, files),
        ),
    )


@router.patch(
    "/processApplications/{processApplicationId}",
    include_in_schema=False,
    response_model_exclude_none=True,
)
@router.patch(
    "/process-applications/{processApplicationId}",
    operation_id="updateProcessApplication",
    tags=wire.tags("Process Applications"),
    response_model=wire.ProcessApplicationMetadataDto,
    deprecated=True,
    response_model_exclude_none=True,
)
async def update_process_application(
    processApplicationId: str,
    body: wire.UpdateProcessApplicationDto,
    session: WriteSession,
    caller: Caller,
) -> wire.ProcessApplicationMetadataDto:
    """Renames it, or moves it (``projectId``) to another project."""
    await _process_application(session, caller, processApplicationId)
    changes: dict[str, Any] = {}
    if body.name is not None:
        changes["name"] = body.name
    if body.projectId is not None:
        changes["workspaceKey"] = body.projectId
    try:
        project = await project_service.update(session, caller, processApplicationId, changes)
    except InvalidInput as exc:
        raise InvalidInput(exc.detail.replace("workspaceKey", "projectId")) from None
    return shapes.process_application(project)


@router.delete(
    "/processApplications/{processApplicationId}",
    include_in_schema=False,
    status_code=204,
    response_model_exclude_none=True,
)
@router.delete(
    "/process-applications/{processApplicationId}",
    operation_id="deleteProcessApplication",
    tags=wire.tags("Process Applications"),
    status_code=204,
    deprecated=True,
    response_model_exclude_none=True,
)
async def delete_process_application(
    processApplicationId: str, session: WriteSession, caller: Caller
) -> Response:
    await _process_application(session, caller, processApplicationId)
    await _refuse_live_files(
        session,
        File.project_key == processApplicationId,
        f"process application '{processApplicationId}'",
    )
    await lifecycle.soft_delete(session, caller, Project, processApplicationId)
    return Response(status_code=204)


# -- folders ---------------------------------------------------------------------------------


@router.post(
    "/folders",
    operation_id="createFolder",
    tags=wire.tags("Folders"),
    response_model=wire.FolderMetadataDto,
    deprecated=True,
    response_model_exclude_none=True,
)
async def create_folder(
    body: wire.CreateFolderDto, session: WriteSession, caller: Caller
) -> wire.FolderMetadataDto:
    """``parentId`` alone: inside that folder; ``processApplicationId``: at its root;
    ``projectId`` alone: at the project's root. What is given must agree."""
    project_key, parent_key = await places.placement(
        session,
        caller,
        project_id=body.projectId,
        folder_id=body.parentId,
        process_application_id=body.processApplicationId,
        folder_field="parentId",
    )
    folder = await folder_service.create(
        session, caller, name=body.name, project_key=project_key, parent_folder_key=parent_key
    )
    return await shapes.folder(session, folder)


@router.get(
    "/folders/{folderId}",
    operation_id="getFolder",
    tags=wire.tags("Folders"),
    response_model=wire.FolderDto,
    deprecated=True,
    response_model_exclude_none=True,
)
async def get_folder(folderId: str, session: ReadSession, caller: Caller) -> wire.FolderDto:
    """The folder with its direct sub-folders and files."""
    folder, folders, files = await folder_service.get_with_content(session, caller, folderId)
    return wire.FolderDto(
        metadata=await shapes.folder(session, folder),
        content=wire.FolderContentDto(
            folders=await shapes.folders(session, folders),
            files=await shapes.files(session, files),
        ),
    )


@router.patch(
    "/folders/{folderId}",
    operation_id="patchFolder",
    tags=wire.tags("Folders"),
    response_model=wire.FolderMetadataDto,
    deprecated=True,
    response_model_exclude_none=True,
)
async def patch_folder(
    folderId: str, body: wire.UpdateFolderDto, session: WriteSession, caller: Caller
) -> wire.FolderMetadataDto:
    """Renames or moves a folder with everything in it. ``parentId: null`` moves it to the root
    of its process application (or project)."""
    folder = await lookups.live(session, Folder, caller, folderId)
    project = await session.get(Project, folder.project_key)
    assert project is not None
    given = body.model_dump(include=body.model_fields_set)
    changes: dict[str, Any] = {}
    if body.name is not None:
        changes["name"] = body.name
    target = await places.relocation(
        session,
        caller,
        current_project=project,
        current_folder=folder.parent_folder_key,
        given=given,
        folder_field="parentId",
    )
    if target is not None:
        changes["projectKey"], changes["parentFolderKey"] = target
    try:
        updated = await folder_service.update(session, caller, folderId, changes)
    except InvalidInput as exc:
        raise InvalidInput(exc.detail.replace("parentFolderKey", "parentId")) from None
    return await shapes.folder(session, updated)


@router.delete(
    "/folders/{folderId}",
    operation_id="deleteFolder",
    tags=wire.tags("Folders"),
    status_code=204,
    deprecated=True,
    response_model_exclude_none=True,
)
async def delete_folder(folderId: str, session: WriteSession, caller: Caller) -> Response:
    """Deletes a folder without files (empty sub-folders go with it): a v2 soft delete."""
    folder = await lookups.live(session, Folder, caller, folderId, for_update=True)
    await _refuse_live_files(
        session, paths.files_below(folder.project_key, folder.path_keys), f"folder '{folderId}'"
    )
    await lifecycle.soft_delete(session, caller, Folder, folderId)
    return Response(status_code=204)
