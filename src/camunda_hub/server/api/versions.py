"""``/versions``: immutable snapshots of one file's content, and restoring a file to one."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Body, Response

from camunda_hub.server.api.deps import Caller, ReadSession, WriteSession
from camunda_hub.server.api.docs import problem
from camunda_hub.server.api.models.versions import (
    VersionCreateRequest,
    VersionDetailResult,
    VersionRestorationRequest,
    VersionResult,
    VersionSearchQueryResult,
    VersionUpdateRequest,
    version_detail,
    version_result,
)
from camunda_hub.server.api.route_table import RouteTable
from camunda_hub.server.api.search_endpoint import search_page
from camunda_hub.server.services.hub import versions as service

router = RouteTable(tags=["Version"])


@router.post(
    "/versions",
    operation_id="createVersion",
    response_model=VersionResult,
    responses={409: problem("The element template's version number already has a version.")},
)
async def create_version(
    body: VersionCreateRequest, session: WriteSession, caller: Caller
) -> VersionResult:
    version = await service.create(
        session,
        caller,
        file_key=body.fileKey,
        name=body.name,
        description=body.description,
        organization_public=body.organizationPublic,
    )
    return version_result(version)


@router.get("/versions/{versionKey}", operation_id="getVersion", response_model=VersionDetailResult)
async def get_version(versionKey: str, session: ReadSession, caller: Caller) -> VersionDetailResult:
    return version_detail(await service.get(session, caller, versionKey))


@router.patch("/versions/{versionKey}", operation_id="updateVersion", response_model=VersionResult)
async def update_version(
    versionKey: str, body: VersionUpdateRequest, session: WriteSession, caller: Caller
) -> VersionResult:
    given = body.model_fields_set
    change = service.VersionUpdate(
        name=body.name,
        description=body.description,
        description_given="description" in given,
        organization_public=body.organizationPublic if "organizationPublic" in given else None,
    )
    return version_result(await service.update_metadata(session, caller, versionKey, change))


@router.delete("/versions/{versionKey}", operation_id="deleteVersion", status_code=204)
async def delete_version(versionKey: str, session: WriteSession, caller: Caller) -> Response:
    await service.delete(session, caller, versionKey)
    return Response(status_code=204)


@router.post(
    "/versions/search", operation_id="searchVersions", response_model=VersionSearchQueryResult
)
async def search_versions(
    session: ReadSession, caller: Caller, body: Annotated[dict[str, Any] | None, Body()] = None
) -> VersionSearchQueryResult:
    return await search_page(
        session,
        service.search_base(caller),
        service.SEARCH,
        body,
        VersionSearchQueryResult,
        version_result,
    )


@router.post(
    "/versions/{versionKey}/restoration",
    operation_id="restoreVersion",
    response_model=VersionResult,
    responses={409: problem("The target element-template version number is already taken.")},
)
async def restore_version(
    versionKey: str,
    session: WriteSession,
    caller: Caller,
    body: Annotated[VersionRestorationRequest | None, Body()] = None,
) -> VersionResult:
    target = body.version if body is not None else None
    version = await service.restore(session, caller, versionKey, target_number=target)
    return version_result(version)
