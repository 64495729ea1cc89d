"""``/folders``: create, read (with direct children), update (rename, move), soft delete,
restore, permanently delete. The contract has no folder search."""

from __future__ import annotations

from fastapi import Request, Response

from camunda_hub.server.api.deps import Caller, ReadSession, WriteSession
from camunda_hub.server.api.docs import problem
from camunda_hub.server.api.models.common import SearchResult
from camunda_hub.server.api.models.files import FileResult
from camunda_hub.server.api.models.folders import (
    FolderContent,
    FolderCreateRequest,
    FolderDetailResult,
    FolderResult,
    FolderUpdateRequest,
    RecentlyDeletedFolderResult,
)
from camunda_hub.server.api.route_table import RouteTable
from camunda_hub.server.api.search_endpoint import openapi_body, read_body, search_page
from camunda_hub.server.services.hub import folders as service
from camunda_hub.server.services.hub import lifecycle
from camunda_hub.server.store.schema.hub import Folder

router = RouteTable(tags=["Folder"])


class RecentlyDeletedFolderSearchQueryResult(SearchResult[RecentlyDeletedFolderResult]):
    pass


@router.post("/folders", operation_id="createFolder", response_model=FolderResult)
async def create_folder(
    body: FolderCreateRequest, session: WriteSession, caller: Caller
) -> FolderResult:
    folder = await service.create(
        session,
        caller,
        name=body.name,
        project_key=body.projectKey,
        parent_folder_key=body.parentFolderKey,
    )
    return FolderResult.of(folder)


@router.post(
    "/folders/recently-deleted/search",
    operation_id="searchRecentlyDeletedFolders",
    openapi_extra=openapi_body(service.RECENTLY_DELETED_SEARCH),
    response_model=RecentlyDeletedFolderSearchQueryResult,
)
async def search_recently_deleted_folders(
    request: Request,
    session: ReadSession,
    caller: Caller,
) -> RecentlyDeletedFolderSearchQueryResult:
    return await search_page(
        session,
        service.recently_deleted(caller),
        service.RECENTLY_DELETED_SEARCH,
        await read_body(request),
        RecentlyDeletedFolderSearchQueryResult,
        RecentlyDeletedFolderResult.of,
    )


@router.get("/folders/{folderKey}", operation_id="getFolder", response_model=FolderDetailResult)
async def get_folder(folderKey: str, session: ReadSession, caller: Caller) -> FolderDetailResult:
    """A folder with its direct child folders and files (files with ``content: null``)."""
    folder, folders, files = await service.get_with_content(session, caller, folderKey)
    return FolderDetailResult(
        folder=FolderResult.of(folder),
        content=FolderContent(
            folders=[FolderResult.of(f) for f in folders],
            files=[FileResult.of(f, with_content=False) for f in files],
        ),
    )


@router.patch("/folders/{folderKey}", operation_id="updateFolder", response_model=FolderResult)
async def update_folder(
    folderKey: str, body: FolderUpdateRequest, session: WriteSession, caller: Caller
) -> FolderResult:
    """Rename or move a folder with everything in it (paths of all descendants follow).
    Never into itself or one of its descendants (400). Omitted fields keep their value;
    ``parentFolderKey: null`` moves to the project root; ``projectKey`` alone moves to that
    project's root."""
    changes = body.model_dump(include=body.model_fields_set)
    return FolderResult.of(await service.update(session, caller, folderKey, changes))


@router.delete("/folders/{folderKey}", operation_id="deleteFolder", status_code=204)
async def delete_folder(folderKey: str, session: WriteSession, caller: Caller) -> Response:
    """Soft-delete a folder and everything live in it, as one deletion event."""
    await lifecycle.soft_delete(session, caller, Folder, folderKey)
    return Response(status_code=204)


@router.delete(
    "/folders/{folderKey}/permanent",
    operation_id="permanentlyDeleteFolder",
    responses={
        400: problem("The live folder still contains live files."),
        409: problem("The folder was deleted with its container; delete that instead."),
    },
    status_code=204,
)
async def permanently_delete_folder(
    folderKey: str, session: WriteSession, caller: Caller
) -> Response:
    """Remove a folder for good. A live folder must hold no live file anywhere below it;
    its empty folders and soft-deleted items go with it. A soft-deleted folder must be the one
    that was deleted (409 if it went with a container) and goes with all it holds."""
    await lifecycle.permanently_delete_folder(session, caller, folderKey)
    return Response(status_code=204)


@router.post(
    "/folders/{folderKey}/restoration",
    operation_id="restoreFolder",
    responses={409: problem("The folder's project or workspace is deleted; restore it first.")},
    response_model=FolderResult,
)
async def restore_folder(folderKey: str, session: WriteSession, caller: Caller) -> FolderResult:
    """Restore a folder deleted on its own, with what was deleted with it. If its parent
    folder is still deleted, it lands in a new folder (named like the lost parent) under the
    nearest live ancestor folder, or at the project root."""
    return FolderResult.of(await lifecycle.restore_folder(session, caller, folderKey))
