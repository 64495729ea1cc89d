"""``/files`` (v2 files, same revisions) and ``/collaborators`` (v2 workspace members)."""

from __future__ import annotations

from typing import Any

from fastapi import Request, Response
from sqlalchemy import select

from camunda_hub.server.api.deps import Caller, ReadSession, WriteSession
from camunda_hub.server.api.docs import problem
from camunda_hub.server.api.route_table import RouteTable
from camunda_hub.server.api.search_endpoint import read_body
from camunda_hub.server.api.v1 import places, shapes, wire
from camunda_hub.server.api.v1.search import V1Search, parse_v1_search
from camunda_hub.server.search import Field, FieldKind, SearchSpec, run_search
from camunda_hub.server.services.hub import files as file_service
from camunda_hub.server.services.hub import lifecycle, lookups
from camunda_hub.server.services.hub import members as member_service
from camunda_hub.server.services.hub.listing import without_content
from camunda_hub.server.store.schema.hub import File, Member, Project, Workspace

router = RouteTable()


def _stored_type(value: Any) -> str:
    return places.V1_TYPE_TO_V2.get(str(value).upper(), str(value).lower())


def _stored_path(value: Any) -> str:
    # v2 keeps simplePath unescaped.
    return str(value).replace("\\/", "/")


FILE_SEARCH = V1Search(
    SearchSpec(
        fields={
            "id": Field(File.key, FieldKind.BASIC),
            "name": Field(File.name, FieldKind.STRING),
            "projectId": Field(Project.workspace_key, FieldKind.BASIC),
            "folderId": Field(File.folder_key, FieldKind.BASIC),
            "processApplicationId": Field(File.project_key, FieldKind.BASIC),
            "simplePath": Field(File.simple_path, FieldKind.BASIC),
            "revision": Field(File.revision, FieldKind.INTEGER),
            "type": Field(File.type, FieldKind.BASIC),
            "created": Field(File.created, FieldKind.DATETIME),
            "updated": Field(File.updated, FieldKind.DATETIME),
            "createdBy.email": Field(File.created_by_email, FieldKind.BASIC),
            "createdBy.name": Field(File.created_by_name, FieldKind.BASIC),
            "updatedBy.email": Field(File.updated_by_email, FieldKind.BASIC),
            "updatedBy.name": Field(File.updated_by_name, FieldKind.BASIC),
        },
        sort_fields={
            "id": File.key,
            "name": File.name,
            "type": File.type,
            "revision": File.revision,
            "created": File.created,
            "updated": File.updated,
        },
        tiebreaker=File.key,
    ),
    translate={"type": _stored_type, "simplePath": _stored_path},
)

COLLABORATOR_SEARCH = V1Search(
    SearchSpec(
        fields={
            "projectId": Field(Member.workspace_key, FieldKind.BASIC),
            "email": Field(Member.email, FieldKind.BASIC),
            "name": Field(Member.name, FieldKind.BASIC),
            "role": Field(Member.role, FieldKind.BASIC),
        },
        # Web Modeler does not sort collaborators by role either.
        sort_fields={"email": Member.email, "name": Member.name, "projectId": Member.workspace_key},
        tiebreaker=Member.email,
    ),
    translate={
        "role": lambda value: shapes.V2_ROLE.get(value, value),
        "email": lambda value: member_service.normalize_email(value),
    },
)


@router.post(
    "/files",
    operation_id="createFile",
    tags=wire.tags("Files"),
    response_model=wire.FileMetadataDto,
    deprecated=True,
    response_model_exclude_none=True,
)
async def create_file(
    body: wire.CreateFileDto, session: WriteSession, caller: Caller
) -> wire.FileMetadataDto:
    """``fileType`` is one of ``bpmn``, ``dmn``, ``form``, ``connector_template`` (any letter
    case; ``element_template`` too). Placement as for folders (``folderId`` instead of
    ``parentId``)."""
    file_type = places.file_type(body.fileType)
    project_key, folder_key = await places.placement(
        session,
        caller,
        project_id=body.projectId,
        folder_id=body.folderId,
        process_application_id=body.processApplicationId,
        folder_field="folderId",
    )
    file = await file_service.create(
        session,
        caller,
        name=body.name,
        project_key=project_key,
        folder_key=folder_key,
        file_type=file_type,
        content=body.content,
    )
    return await shapes.file(session, file)


@router.post(
    "/files/search",
    operation_id="searchFiles",
    tags=wire.tags("Files"),
    response_model=wire.PubSearchResultFileMetadataDto,
    openapi_extra=wire.search_body(wire.FileMetadataDto),
    deprecated=True,
    response_model_exclude_none=True,
)
async def search_files(
    request: Request, session: ReadSession, caller: Caller
) -> wire.PubSearchResultFileMetadataDto:
    """Items carry metadata only. Not filterable: ``canonicalPath``; ``simplePath`` matches
    the path with ``\\/`` read as ``/``."""
    page = parse_v1_search(FILE_SEARCH, await read_body(request))
    base = (
        select(File)
        .options(without_content())
        .join(Project, Project.key == File.project_key)
        .where(File.organization_id == caller.organization_id, File.deleted.is_(None))
    )
    # v1 names the files' own project a process application; its projects are workspaces,
    # which today's plan answers by reading every file of the organization and sorting the
    # workspace's: walking them in key order is never more, and a page when the workspace
    # holds a fair share of them (docs/benchmarks.md).
    if file_service.uses_key_order_indexes(page.request, "processApplicationId", "projectId"):
        base = base.where(File.key.is_not(None))
    found = await run_search(session, base, FILE_SEARCH.spec, page.request)
    return wire.PubSearchResultFileMetadataDto(
        items=await shapes.files(session, found.rows[: page.shown]), total=found.total_items
    )


@router.get(
    "/files/{fileId}",
    operation_id="getFile",
    tags=wire.tags("Files"),
    response_model=wire.FileDto,
    deprecated=True,
    response_model_exclude_none=True,
)
async def get_file(fileId: str, session: ReadSession, caller: Caller) -> wire.FileDto:
    file = await file_service.get(session, caller, fileId)
    return wire.FileDto(metadata=await shapes.file(session, file), content=file.content)


@router.patch(
    "/files/{fileId}",
    operation_id="patchFile",
    tags=wire.tags("Files"),
    response_model=wire.FileMetadataDto,
    responses={409: problem("The revision is not the current one; nothing was written.")},
    deprecated=True,
    response_model_exclude_none=True,
)
async def patch_file(
    fileId: str, body: wire.UpdateFileDto, session: WriteSession, caller: Caller
) -> wire.FileMetadataDto:
    """``revision`` must be the file's current one (409 otherwise, as in v2: the revision is
    the same number). Naming the file's own ``projectId`` moves nothing; ``folderId: null``
    moves it to its root."""
    file = await lookups.live(session, File, caller, fileId)
    project = await session.get(Project, file.project_key)
    assert project is not None
    changes: dict[str, Any] = {}
    if body.name is not None:
        changes["name"] = body.name
    if body.content is not None:
        changes["content"] = body.content
    if file.revision == body.revision:
        target = await places.relocation(
            session,
            caller,
            current_project=project,
            current_folder=file.folder_key,
            given=body.model_dump(include=body.model_fields_set),
            folder_field="folderId",
        )
        if target is not None:
            changes["projectKey"], changes["folderKey"] = target
    updated = await file_service.update(
        session, caller, fileId, revision=body.revision, changes=changes
    )
    return await shapes.file(session, updated)


@router.delete(
    "/files/{fileId}",
    operation_id="deleteFile",
    tags=wire.tags("Files"),
    status_code=204,
    deprecated=True,
    response_model_exclude_none=True,
)
async def delete_file(fileId: str, session: WriteSession, caller: Caller) -> Response:
    """A v2 soft delete: API v2 lists it as recently deleted and can restore it."""
    await lifecycle.soft_delete(session, caller, File, fileId)
    return Response(status_code=204)


# -- collaborators ---------------------------------------------------------------------------


@router.put(
    "/collaborators",
    operation_id="modifyCollaborator",
    tags=wire.tags("Collaborators"),
    status_code=204,
    responses={404: problem("No project with that id.")},
    deprecated=True,
    response_model_exclude_none=True,
)
async def modify_collaborator(
    body: wire.CreateCollaboratorDto, session: WriteSession, caller: Caller
) -> Response:
    """Adds a collaborator or changes their role: a v2 workspace member (``project_admin`` is
    v2's ``workspace_admin``; the other roles are the same)."""
    role = shapes.V2_ROLE.get(body.role, body.role)
    await member_service.upsert(session, caller, body.projectId, email=body.email, role=role)
    return Response(status_code=204)


@router.post(
    "/collaborators/search",
    operation_id="searchCollaborators",
    tags=wire.tags("Collaborators"),
    response_model=wire.PubSearchResultProjectCollaboratorDto,
    openapi_extra=wire.search_body(wire.ProjectCollaboratorDto),
    deprecated=True,
    response_model_exclude_none=True,
)
async def search_collaborators(
    request: Request, session: ReadSession, caller: Caller
) -> wire.PubSearchResultProjectCollaboratorDto:
    """``filter.projectId`` is optional (v2 requires a workspace)."""
    page = parse_v1_search(COLLABORATOR_SEARCH, await read_body(request))
    found = await run_search(
        session, member_service.searchable(caller), COLLABORATOR_SEARCH.spec, page.request
    )
    return wire.PubSearchResultProjectCollaboratorDto(
        items=[shapes.collaborator(row) for row in found.rows[: page.shown]],
        total=found.total_items,
    )


@router.delete(
    "/projects/{projectId}/collaborators/{email}",
    operation_id="deleteCollaborator",
    tags=wire.tags("Collaborators"),
    status_code=204,
    deprecated=True,
    response_model_exclude_none=True,
)
async def delete_collaborator(
    projectId: str, email: str, session: WriteSession, caller: Caller
) -> Response:
    """The e-mail address may arrive percent-encoded or raw (the Node SDK does not encode)."""
    await lookups.live(session, Workspace, caller, projectId)
    await member_service.remove(session, caller, projectId, email)
    return Response(status_code=204)
