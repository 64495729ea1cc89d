"""``/files``: create, read (with content), update (rename, move, edit; revision-checked),
search, soft delete, restore, permanently delete, purge."""

from __future__ import annotations

from fastapi import Request, Response

from camunda_hub.server.api.deps import Caller, ReadSession, WriteSession
from camunda_hub.server.api.docs import problem
from camunda_hub.server.api.models.common import SearchResult
from camunda_hub.server.api.models.files import (
    FileCreateRequest,
    FileResult,
    FileUpdateRequest,
    RecentlyDeletedFileResult,
)
from camunda_hub.server.api.route_table import RouteTable
from camunda_hub.server.api.search_endpoint import openapi_body, read_body, search_page
from camunda_hub.server.api.wire_json import (
    file_json,
    file_search_body,
    json_response,
    written_file_json,
)
from camunda_hub.server.runtime import runtime_of
from camunda_hub.server.search import parse_search
from camunda_hub.server.services.hub import file_reads, lifecycle
from camunda_hub.server.services.hub import files as service
from camunda_hub.server.store.schema.hub import File

router = RouteTable(tags=["File"])


class FileSearchQueryResult(SearchResult[FileResult]):
    pass


class RecentlyDeletedFileSearchQueryResult(SearchResult[RecentlyDeletedFileResult]):
    pass


@router.post("/files", operation_id="createFile", response_model=FileResult)
async def create_file(body: FileCreateRequest, session: WriteSession, caller: Caller) -> Response:
    """Create a file. ``simplePath`` is the folder names plus the file name and its type's
    extension: bpmn `.bpmn`, dmn `.dmn`, form `.form`, element-template `.json`, rpa `.rpa`,
    markdown `.md`, tests `.json` (not doubled when the name already ends with it). Keys in the
    body that name no live resource of the caller's organization are a 400."""
    file = await service.create(
        session,
        caller,
        name=body.name,
        project_key=body.projectKey,
        folder_key=body.folderKey,
        file_type=body.type,
        content=body.content,
    )
    # FileResult, encoded from the written row (see wire_json).
    return json_response(written_file_json(file))


async def _search(request: Request, caller: Caller, body: object) -> Response:
    query = parse_search(service.SEARCH, body)
    # service.searchable(caller) as rows, encoded as FileSearchQueryResult (see wire_json).
    direct = runtime_of(request).db.direct
    body = await file_reads.search_body(direct, caller, query, file_search_body, "v2 file search")
    return Response(body, media_type="application/json")


@router.post(
    "/files/search",
    operation_id="searchFiles",
    openapi_extra=openapi_body(service.SEARCH),
    response_model=FileSearchQueryResult,
)
async def search_files(request: Request, caller: Caller) -> Response:
    """Search live files. Items carry ``content: null`` (fetch a file for its content). The
    same search answers ``GET /files/search`` (no body: the first page)."""
    return await _search(request, caller, await read_body(request))


# Camunda's published authentication guide calls ``GET /files/search``: answer it with the first
# page of an unfiltered search. Kept out of the OpenAPI document (one operation, one method).
@router.get("/files/search", response_model=FileSearchQueryResult, include_in_schema=False)
async def search_files_get(request: Request, caller: Caller) -> Response:
    return await _search(request, caller, None)


@router.post(
    "/files/recently-deleted/search",
    operation_id="searchRecentlyDeletedFiles",
    openapi_extra=openapi_body(service.RECENTLY_DELETED_SEARCH),
    response_model=RecentlyDeletedFileSearchQueryResult,
)
async def search_recently_deleted_files(
    request: Request, session: ReadSession, caller: Caller
) -> RecentlyDeletedFileSearchQueryResult:
    return await search_page(
        session,
        service.recently_deleted(caller),
        service.RECENTLY_DELETED_SEARCH,
        await read_body(request),
        RecentlyDeletedFileSearchQueryResult,
        RecentlyDeletedFileResult.of,
    )


@router.get("/files/{fileKey}", operation_id="getFile", response_model=FileResult)
async def get_file(fileKey: str, request: Request, caller: Caller) -> Response:
    # service.get as a row, encoded as FileResult (see wire_json).
    row = await file_reads.file(runtime_of(request).db.direct, caller, fileKey)
    return json_response(file_json(row))


@router.patch(
    "/files/{fileKey}",
    operation_id="updateFile",
    responses={409: problem("The revision is not the current one; nothing was written.")},
    response_model=FileResult,
)
async def update_file(
    fileKey: str, body: FileUpdateRequest, session: WriteSession, caller: Caller
) -> Response:
    """Rename, move or edit a file. ``revision`` must be the file's current revision, else
    409 and nothing is written; every change bumps it. Omitted fields keep their value;
    ``folderKey: null`` moves to the project root; ``projectKey`` alone moves to that project's
    root."""
    changes = body.model_dump(include=body.model_fields_set - {"revision"})
    file = await service.update(session, caller, fileKey, revision=body.revision, changes=changes)
    # FileResult, encoded from the written row (see wire_json).
    return json_response(written_file_json(file))


@router.delete("/files/{fileKey}", operation_id="deleteFile", status_code=204)
async def delete_file(fileKey: str, session: WriteSession, caller: Caller) -> Response:
    await lifecycle.soft_delete(session, caller, File, fileKey)
    return Response(status_code=204)


@router.delete("/files/{fileKey}/permanent", operation_id="permanentlyDeleteFile", status_code=204)
async def permanently_delete_file(fileKey: str, session: WriteSession, caller: Caller) -> Response:
    """Remove a live or soft-deleted file and its versions for good."""
    await lifecycle.permanently_delete_file(session, caller, fileKey)
    return Response(status_code=204)


@router.delete("/files/{fileKey}/purge", operation_id="purgeFile", status_code=204)
async def purge_file(fileKey: str, session: WriteSession, caller: Caller) -> Response:
    """Remove a file and every reference to it. Idempotent: 204 also when it does not exist;
    404 only for a file of another organization."""
    await lifecycle.purge_file(session, caller, fileKey)
    return Response(status_code=204)


@router.post(
    "/files/{fileKey}/restoration",
    operation_id="restoreFile",
    responses={409: problem("The file's project is deleted; restore it first.")},
    response_model=FileResult,
)
async def restore_file(fileKey: str, session: WriteSession, caller: Caller) -> FileResult:
    """Restore a file deleted on its own (a file deleted with its folder or project is
    restored through that). If its folder is still deleted, it lands in a new folder at the
    project root named like the lost one."""
    return FileResult.of(await lifecycle.restore_file(session, caller, fileKey))
