"""``/versions`` and ``/milestones``: both are v2 file versions (the same rows, the same keys);
milestones are the older name, without ``description`` and ``organizationPublic``.

Compare answers ``{url}``: the console's diff page of the two versions,
``{base}/console/orgs/{organizationId}/files/{fileKey}/diff?from={id1}&to={id2}``."""

from __future__ import annotations

from fastapi import Request, Response
from pydantic import ValidationError

from camunda_hub.server.api.deps import Caller, ReadSession, WriteSession
from camunda_hub.server.api.route_table import RouteTable
from camunda_hub.server.api.search_endpoint import read_body
from camunda_hub.server.api.v1 import shapes, wire
from camunda_hub.server.api.v1.search import V1Search, parse_v1_search
from camunda_hub.server.search import Field, FieldKind, SearchSpec, run_search
from camunda_hub.server.security.principal import Principal
from camunda_hub.server.services.errors import InvalidInput
from camunda_hub.server.services.hub import versions as service
from camunda_hub.server.store.schema.base import utcnow
from camunda_hub.server.store.schema.hub import FileVersion

router = RouteTable()

_COMMON = {
    "id": Field(FileVersion.key, FieldKind.BASIC),
    "name": Field(FileVersion.name, FieldKind.STRING),
    "fileId": Field(FileVersion.file_key, FieldKind.BASIC),
    "created": Field(FileVersion.created, FieldKind.DATETIME),
    "updated": Field(FileVersion.updated, FieldKind.DATETIME),
    "createdBy.email": Field(FileVersion.created_by_email, FieldKind.BASIC),
    "createdBy.name": Field(FileVersion.created_by_name, FieldKind.BASIC),
    "updatedBy.email": Field(FileVersion.updated_by_email, FieldKind.BASIC),
    "updatedBy.name": Field(FileVersion.updated_by_name, FieldKind.BASIC),
}
_SORT = {
    "id": FileVersion.key,
    "name": FileVersion.name,
    "fileId": FileVersion.file_key,
    "created": FileVersion.created,
    "updated": FileVersion.updated,
}
MILESTONE_SEARCH = V1Search(
    SearchSpec(
        fields=_COMMON,
        sort_fields=_SORT,
        tiebreaker=FileVersion.key,
        default_sort=(("created", "ASC"),),
    )
)
VERSION_SEARCH = V1Search(
    SearchSpec(
        fields={
            **_COMMON,
            "description": Field(FileVersion.description, FieldKind.BASIC),
            "organizationPublic": Field(FileVersion.organization_public, FieldKind.BOOLEAN),
        },
        sort_fields=_SORT,
        tiebreaker=FileVersion.key,
        default_sort=(("created", "ASC"),),
    )
)


async def _compare_url(
    request: Request, session: ReadSession, caller: Principal, first: str, second: str
) -> wire.ComparisonDto:
    one = await service.get(session, caller, first)
    other = await service.get(session, caller, second)
    if one.file_key != other.file_key:
        raise InvalidInput(f"'{first}' and '{second}' are versions of different files")
    base = str(request.base_url).rstrip("/")
    url = (
        f"{base}/console/orgs/{caller.organization_id}/files/{one.file_key}/diff"
        f"?from={one.key}&to={other.key}"
    )
    return wire.ComparisonDto(url=url)


async def _restore_body(request: Request) -> wire.RestoreVersionDto:
    raw = await read_body(request)
    if raw is None:
        return wire.RestoreVersionDto()
    try:
        return wire.RestoreVersionDto.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first.get("loc", ())) or "request body"
        raise InvalidInput(f"{where}: {first.get('msg', 'is invalid')}") from None


# -- versions ----------------------------------------------------------------------------------


@router.post(
    "/versions",
    operation_id="createVersion",
    tags=wire.tags("Versions"),
    response_model=wire.VersionMetadataDto,
    deprecated=True,
    response_model_exclude_none=True,
)
async def create_version(
    body: wire.CreateVersionDto, session: WriteSession, caller: Caller
) -> wire.VersionMetadataDto:
    """Snapshots the file's current content. Without ``name`` the version is named after the
    moment it was made."""
    name = body.name or f"Version {utcnow():%Y-%m-%d %H:%M:%S}"
    try:
        version = await service.create(
            session,
            caller,
            file_key=body.fileId,
            name=name,
            description=body.description,
            organization_public=bool(body.organizationPublic),
        )
    except InvalidInput as exc:
        raise InvalidInput(exc.detail.replace("fileKey", "fileId")) from None
    return shapes.version(version)


@router.post(
    "/versions/search",
    operation_id="searchVersions",
    tags=wire.tags("Versions"),
    response_model=wire.PubSearchResultVersionMetadataDto,
    openapi_extra=wire.search_body(wire.VersionMetadataDto),
    deprecated=True,
    response_model_exclude_none=True,
)
async def search_versions(
    request: Request, session: ReadSession, caller: Caller
) -> wire.PubSearchResultVersionMetadataDto:
    page = parse_v1_search(VERSION_SEARCH, await read_body(request))
    found = await run_search(
        session, service.search_base(caller), VERSION_SEARCH.spec, page.request
    )
    return wire.PubSearchResultVersionMetadataDto(
        items=[shapes.version(row) for row in found.rows[: page.shown]], total=found.total_items
    )


@router.get(
    "/versions/compare/{version1Id}...{version2Id}",
    operation_id="compareVersions",
    tags=wire.tags("Versions"),
    response_model=wire.ComparisonDto,
    deprecated=True,
    response_model_exclude_none=True,
)
async def compare_versions(
    version1Id: str, version2Id: str, request: Request, session: ReadSession, caller: Caller
) -> wire.ComparisonDto:
    return await _compare_url(request, session, caller, version1Id, version2Id)


@router.get(
    "/versions/{versionId}",
    operation_id="getVersion",
    tags=wire.tags("Versions"),
    response_model=wire.VersionDto,
    deprecated=True,
    response_model_exclude_none=True,
)
async def get_version(versionId: str, session: ReadSession, caller: Caller) -> wire.VersionDto:
    version = await service.get(session, caller, versionId)
    return wire.VersionDto(metadata=shapes.version(version), content=version.content)


@router.patch(
    "/versions/{versionId}",
    operation_id="updateVersion",
    tags=wire.tags("Versions"),
    response_model=wire.VersionMetadataDto,
    deprecated=True,
    response_model_exclude_none=True,
)
async def update_version(
    versionId: str, body: wire.UpdateVersionDto, session: WriteSession, caller: Caller
) -> wire.VersionMetadataDto:
    current = await service.get(session, caller, versionId)
    given = body.model_fields_set
    change = service.VersionUpdate(
        name=body.name if body.name is not None else current.name,
        description=body.description,
        description_given="description" in given,
        organization_public=body.organizationPublic,
    )
    return shapes.version(await service.update_metadata(session, caller, versionId, change))


@router.delete(
    "/versions/{versionId}",
    operation_id="deleteVersion",
    tags=wire.tags("Versions"),
    status_code=204,
    deprecated=True,
    response_model_exclude_none=True,
)
async def delete_version(versionId: str, session: WriteSession, caller: Caller) -> Response:
    await service.delete(session, caller, versionId)
    return Response(status_code=204)


@router.post(
    "/versions/{versionId}/restore",
    operation_id="restoreVersion",
    tags=wire.tags("Versions"),
    response_model=wire.VersionMetadataDto,
    openapi_extra=wire.optional_body(wire.RestoreVersionDto),
    deprecated=True,
    response_model_exclude_none=True,
)
async def restore_version(
    versionId: str, request: Request, session: WriteSession, caller: Caller
) -> wire.VersionMetadataDto:
    """Writes the version's content back to its file (a new file revision) and records that
    as a new version. The body may be empty, ``{versionId}`` (must be the path's) or
    ``{version}`` (for an element template: the template version number to write)."""
    body = await _restore_body(request)
    if body.versionId is not None and body.versionId != versionId:
        raise InvalidInput("versionId: must be the version named in the path")
    version = await service.restore(session, caller, versionId, target_number=body.version)
    return shapes.version(version)


# -- milestones --------------------------------------------------------------------------------


@router.post(
    "/milestones",
    operation_id="createMilestone",
    tags=wire.tags("Milestones"),
    response_model=wire.MilestoneMetadataDto,
    deprecated=True,
    response_model_exclude_none=True,
)
async def create_milestone(
    body: wire.CreateMilestoneDto, session: WriteSession, caller: Caller
) -> wire.MilestoneMetadataDto:
    try:
        version = await service.create(session, caller, file_key=body.fileId, name=body.name)
    except InvalidInput as exc:
        raise InvalidInput(exc.detail.replace("fileKey", "fileId")) from None
    return shapes.milestone(version)


@router.post(
    "/milestones/search",
    operation_id="searchMilestones",
    tags=wire.tags("Milestones"),
    response_model=wire.PubSearchResultMilestoneMetadataDto,
    openapi_extra=wire.search_body(wire.MilestoneMetadataDto),
    deprecated=True,
    response_model_exclude_none=True,
)
async def search_milestones(
    request: Request, session: ReadSession, caller: Caller
) -> wire.PubSearchResultMilestoneMetadataDto:
    page = parse_v1_search(MILESTONE_SEARCH, await read_body(request))
    found = await run_search(
        session, service.search_base(caller), MILESTONE_SEARCH.spec, page.request
    )
    return wire.PubSearchResultMilestoneMetadataDto(
        items=[shapes.milestone(row) for row in found.rows[: page.shown]], total=found.total_items
    )


@router.get(
    "/milestones/compare/{milestone1Id}...{milestone2Id}",
    operation_id="compareMilestones",
    tags=wire.tags("Milestones"),
    response_model=wire.ComparisonDto,
    deprecated=True,
    response_model_exclude_none=True,
)
async def compare_milestones(
    milestone1Id: str, milestone2Id: str, request: Request, session: ReadSession, caller: Caller
) -> wire.ComparisonDto:
    return await _compare_url(request, session, caller, milestone1Id, milestone2Id)


@router.get(
    "/milestones/{milestoneId}",
    operation_id="getMilestone",
    tags=wire.tags("Milestones"),
    response_model=wire.MilestoneDto,
    deprecated=True,
    response_model_exclude_none=True,
)
async def get_milestone(
    milestoneId: str, session: ReadSession, caller: Caller
) -> wire.MilestoneDto:
    version = await service.get(session, caller, milestoneId)
    return wire.MilestoneDto(metadata=shapes.milestone(version), content=version.content)


@router.patch(
    "/milestones/{milestoneId}",
    operation_id="patchMilestone",
    tags=wire.tags("Milestones"),
    response_model=wire.MilestoneMetadataDto,
    deprecated=True,
    response_model_exclude_none=True,
)
async def patch_milestone(
    milestoneId: str, body: wire.UpdateMilestoneDto, session: WriteSession, caller: Caller
) -> wire.MilestoneMetadataDto:
    change = service.VersionUpdate(name=body.name)
    return shapes.milestone(await service.update_metadata(session, caller, milestoneId, change))


@router.delete(
    "/milestones/{milestoneId}",
    operation_id="deleteMilestone",
    tags=wire.tags("Milestones"),
    status_code=204,
    deprecated=True,
    response_model_exclude_none=True,
)
async def delete_milestone(milestoneId: str, session: WriteSession, caller: Caller) -> Response:
    await service.delete(session, caller, milestoneId)
    return Response(status_code=204)


@router.post(
    "/milestones/{milestoneId}/restore",
    operation_id="restoreMilestone",
    tags=wire.tags("Milestones"),
    response_model=wire.MilestoneMetadataDto,
    deprecated=True,
    response_model_exclude_none=True,
)
async def restore_milestone(
    milestoneId: str, session: WriteSession, caller: Caller
) -> wire.MilestoneMetadataDto:
    """No body: the file gets the milestone's content back (a new revision and milestone)."""
    return shapes.milestone(await service.restore(session, caller, milestoneId, target_number=None))
