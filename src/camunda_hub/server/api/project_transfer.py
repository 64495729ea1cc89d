"""``/projects/{key}/export`` and ``/projects/import``, ``/projects/{key}/import``: a whole project
as one zip (Hub API extension; layout and limits in docs/hub-api.md)."""

from __future__ import annotations

import logging
import zipfile
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

from fastapi import Request, Response
from fastapi.responses import JSONResponse, StreamingResponse
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException

from camunda_hub.server.api.deps import Caller, ReadSession, WriteSession
from camunda_hub.server.api.problems import problem
from camunda_hub.server.api.route_table import RouteTable
from camunda_hub.server.runtime import runtime_of
from camunda_hub.server.security.principal import Principal
from camunda_hub.server.services.errors import InvalidInput
from camunda_hub.server.services.hub import project_archive as archive
from camunda_hub.server.services.hub import project_transfer as transfer

router = RouteTable(tags=["Project export and import"])
log = logging.getLogger(__name__)

ZIP = "application/zip"
_UPLOAD_DOC: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["archive"],
                    "properties": {
                        "archive": {"type": "string", "format": "binary"},
                        "workspaceKey": {"type": "string"},
                        "name": {"type": "string"},
                    },
                }
            }
        },
    }
}


class _Chunks:
    """A write-only, unseekable sink: zipfile then writes data descriptors and never seeks."""

    def __init__(self) -> None:
        self.buffer = bytearray()

    def write(self, data: bytes) -> int:
        self.buffer += data
        return len(data)

    def flush(self) -> None:
        pass

    def close(self) -> None:
        pass

    def take(self) -> bytes:
        data = bytes(self.buffer)
        self.buffer.clear()
        return data


def _info(name: str, when: datetime | None) -> zipfile.ZipInfo:
    stamp = when.timetuple()[:6] if when is not None else (1980, 1, 1, 0, 0, 0)
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.compress_type = zipfile.ZIP_DEFLATED if not name.endswith("/") else zipfile.ZIP_STORED
    info.external_attr = (0o40755 if name.endswith("/") else 0o100644) << 16
    return info


async def _stream(
    request: Request, caller: Principal, plan: transfer.ExportPlan
) -> AsyncIterator[bytes]:
    sink = _Chunks()
    zf = zipfile.ZipFile(sink, "w")
    zf.writestr(_info(archive.MANIFEST, plan.project.updated), plan.manifest_bytes)
    for folder in plan.folder_paths:
        zf.writestr(_info(folder + "/", None), b"")
    yield sink.take()
    async with runtime_of(request).db.session() as session:
        try:
            async for path, content, updated in transfer.contents(session, caller, plan):
                zf.writestr(_info(path, updated), content.encode("utf-8"))
                yield sink.take()
        except transfer.ChangedDuringExport as exc:
            # Headers are sent: ending without the central directory leaves an unreadable zip,
            # which a client cannot mistake for a complete export.
            log.warning("project export aborted: %s changed during the download", exc)
            raise
    zf.close()
    yield sink.take()


@router.get(
    "/projects/{projectKey}/export",
    operation_id="exportProject",
    response_class=StreamingResponse,
    responses={200: {"content": {ZIP: {}}}, 304: {"description": "Not modified (ETag)"}},
)
async def export_project(
    projectKey: str, request: Request, session: ReadSession, caller: Caller
) -> Response:
    plan = await transfer.plan_export(session, caller, projectKey)
    headers = {"ETag": plan.etag, "Cache-Control": "private, no-cache"}
    if request.headers.get("if-none-match") in (plan.etag, f"W/{plan.etag}"):
        return Response(status_code=304, headers=headers)
    safe_name = "".join(c if c.isalnum() or c in "-_." else "_" for c in plan.project.name)[:80]
    headers["Content-Disposition"] = f'attachment; filename="{safe_name or "project"}.zip"'
    return StreamingResponse(_stream(request, caller, plan), media_type=ZIP, headers=headers)


async def _upload(request: Request) -> tuple[archive.ProjectUpload, dict[str, str]]:
    content_type = request.headers.get("content-type", "")
    if content_type.split(";", 1)[0].strip().lower() != "multipart/form-data":
        raise InvalidInput("request body: must be multipart/form-data with an 'archive' part")
    fields: dict[str, str] = {}
    try:
        async with request.form(max_files=1, max_fields=4, max_part_size=4096) as form:
            upload = form.get("archive")
            if not isinstance(upload, UploadFile):
                raise InvalidInput("request body: the 'archive' part (a zip file) is missing")
            for name in ("workspaceKey", "name"):
                value = form.get(name)
                if isinstance(value, str):
                    fields[name] = value
            # The upload is spooled to a temporary file: reading it keeps memory bounded.
            return archive.read_upload(upload.file), fields
    except (MultiPartException, HTTPException) as exc:
        detail = exc.message if isinstance(exc, MultiPartException) else exc.detail
        raise InvalidInput(f"request body: malformed multipart/form-data ({detail})") from None


def _answer(request: Request, outcome: transfer.ImportOutcome) -> Response:
    if outcome.conflicts:
        return problem(
            409,
            f"{len(outcome.conflicts)} file(s) changed on the Hub since the archive was made; "
            "nothing was imported",
            instance=request.url.path,
            conflicts=outcome.conflicts,
        )
    body = {
        "projectKey": outcome.project_key,
        "summary": {**outcome.counts(), "foldersCreated": outcome.folders_created},
        "files": outcome.files,
    }
    return JSONResponse(body)


@router.post(
    "/projects/import",
    operation_id="importNewProject",
    openapi_extra=_UPLOAD_DOC,
    responses={200: {"description": "The new project and what was created"}},
)
async def import_new_project(request: Request, session: WriteSession, caller: Caller) -> Response:
    upload, fields = await _upload(request)
    workspace_key = fields.get("workspaceKey")
    if not workspace_key:
        raise InvalidInput("workspaceKey: required (the workspace of the new project)")
    name = fields.get("name") or upload.manifest.project_name
    if not name or len(name) > 255:
        raise InvalidInput("name: required (1-255 characters) when the archive has no manifest")

    async def new_project() -> Any:
        return await transfer.create_project(
            session, caller, name=name, workspace_key=workspace_key
        )

    outcome = await transfer.apply_upload(session, caller, upload, new_project=new_project)
    return _answer(request, outcome)


@router.put(
    "/projects/{projectKey}/import",
    operation_id="importIntoProject",
    openapi_extra=_UPLOAD_DOC,
    responses={200: {"description": "What was created, updated or left unchanged"}, 409: {}},
)
async def import_into_project(
    projectKey: str, request: Request, session: WriteSession, caller: Caller
) -> Response:
    upload, _ = await _upload(request)
    outcome = await transfer.apply_upload(session, caller, upload, project_key=projectKey)
    return _answer(request, outcome)
