"""``/catalog/assets``: ingest the organization's element-template catalog, delete an asset,
search assets with their usage."""

from __future__ import annotations

import asyncio
import copy
from typing import Any

from fastapi import Request, Response
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException

from camunda_hub.server.api.deps import Caller, ReadSession, WriteSession
from camunda_hub.server.api.models.catalog import (
    CatalogAssetFileUsageResult,
    CatalogAssetFileUsageSearchQueryResult,
    CatalogAssetProjectUsageResult,
    CatalogAssetProjectUsageSearchQueryResult,
    CatalogAssetSearchQueryResult,
    catalog_asset_result,
)
from camunda_hub.server.api.models.common import PageInfo
from camunda_hub.server.api.route_table import RouteTable
from camunda_hub.server.api.search_endpoint import openapi_body, query_schema, read_body
from camunda_hub.server.errors import InvalidInput
from camunda_hub.server.search import parse_search, run_search
from camunda_hub.server.services.hub import catalog as service
from camunda_hub.server.services.hub import catalog_usage_search as usages
from camunda_hub.server.services.hub.catalog_ingestion import Part, assemble

router = RouteTable(tags=["Catalog"])

PART_NAMES = ("readme", "template")
# Two parts per asset; generous for a catalog, small enough to bound the parser's work.
MAX_PARTS = 4000
MAX_TEXT_PART_BYTES = 8 * 1024 * 1024

_INGESTION_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": list(PART_NAMES),
                    "properties": {
                        "readme": {
                            "description": "The README files. Each starts with YAML front matter "
                            "naming its element template file (`template: <file>.json`), "
                            "optionally `category` and `tags`.",
                            "type": "array",
                            "items": {"type": "string", "format": "binary"},
                            "minItems": 1,
                        },
                        "template": {
                            "description": "The element template files (JSON objects with `id`, "
                            "`name`, integer `version`, `appliesTo`, `properties`), each with "
                            "exactly one README.",
                            "type": "array",
                            "items": {"type": "string", "format": "binary"},
                            "minItems": 1,
                        },
                    },
                }
            }
        },
    }
}


def _search_openapi() -> dict[str, Any]:
    """The search body as the contract nests it: ``filter.usage.status`` (the search module
    knows the field as ``usage.status``)."""
    schema = copy.deepcopy(query_schema(service.SEARCH))
    properties = schema["properties"]["filter"]["properties"]
    properties["usage"] = {
        "type": "object",
        "properties": {"status": properties.pop(service.USAGE_STATUS)},
        "additionalProperties": False,
    }
    return {
        "requestBody": {
            "required": False,
            "content": {"application/json": {"schema": schema}},
        }
    }


async def _parts(request: Request) -> tuple[list[Part], list[Part]]:
    content_type = request.headers.get("content-type", "")
    if content_type.split(";", 1)[0].strip().lower() != "multipart/form-data":
        raise InvalidInput(
            "request body: must be multipart/form-data with 'readme' and 'template' parts"
        )
    parts: dict[str, list[Part]] = {name: [] for name in PART_NAMES}
    try:
        async with request.form(
            max_files=MAX_PARTS, max_fields=MAX_PARTS, max_part_size=MAX_TEXT_PART_BYTES
        ) as form:
            for name, value in form.multi_items():
                if name not in parts:
                    raise InvalidInput(f"{name[:80]!r}: unknown part (allowed: readme, template)")
                if isinstance(value, UploadFile):
                    parts[name].append(Part(value.filename, await value.read()))
                else:
                    # A part without a file name arrives as text; the catalog still takes it.
                    parts[name].append(Part(None, value.encode("utf-8", "surrogatepass")))
    except (MultiPartException, HTTPException) as exc:
        detail = exc.message if isinstance(exc, MultiPartException) else exc.detail
        raise InvalidInput(f"request body: malformed multipart/form-data ({detail})") from None
    return parts["readme"], parts["template"]


@router.put(
    "/catalog/assets/ingestion",
    operation_id="ingestCatalogAssets",
    status_code=204,
    openapi_extra=_INGESTION_BODY,
)
async def ingest_catalog_assets(
    request: Request, session: WriteSession, caller: Caller
) -> Response:
    """Replace the organization's published catalog with the uploaded assets. Assets missing
    from the upload stay, unpublished; nothing changes unless every part is valid."""
    readmes, templates = await _parts(request)
    # Up to thousands of YAML front matters and JSON templates: parsed in a worker thread, so
    # a large upload never holds the event loop for other requests.
    assets = await asyncio.to_thread(assemble, readmes, templates)
    await service.ingest(session, caller, assets)
    return Response(status_code=204)


@router.delete("/catalog/assets/{assetKey}", operation_id="deleteCatalogAsset", status_code=204)
async def delete_catalog_asset(assetKey: str, session: WriteSession, caller: Caller) -> Response:
    await service.delete_asset(session, caller, assetKey)
    return Response(status_code=204)


def _flatten_usage(body: object) -> object:
    """``filter.usage: {status}`` → ``filter["usage.status"]``; anything else stays for the
    search parser to judge (including a literal ``usage.status`` key, which it must refuse)."""
    if not isinstance(body, dict) or not isinstance(body.get("filter"), dict):
        return body
    filter_ = dict(body["filter"])
    if service.USAGE_STATUS in filter_:
        raise InvalidInput(
            f"filter.{service.USAGE_STATUS}: unknown field (use filter.usage.status)"
        )
    if "usage" not in filter_:
        return body
    usage = filter_.pop("usage")
    if usage is not None:
        if not isinstance(usage, dict):
            raise InvalidInput("filter.usage: must be an object {status}")
        for key in usage:
            if key != "status":
                raise InvalidInput(f"filter.usage.{str(key)[:80]}: unknown field (status)")
        if "status" in usage:
            filter_[service.USAGE_STATUS] = usage["status"]
    return {**body, "filter": filter_}


@router.post(
    "/catalog/assets/search",
    operation_id="searchCatalogAssets",
    openapi_extra=_search_openapi(),
    response_model=CatalogAssetSearchQueryResult,
)
async def search_catalog_assets(
    request: Request, session: ReadSession, caller: Caller
) -> CatalogAssetSearchQueryResult:
    """The organization's assets, published or not, alphabetically unless sorted otherwise."""
    query = parse_search(service.SEARCH, _flatten_usage(await read_body(request)))
    service.check_statuses(query)
    usage = await service.usages(session, caller)
    spec = service.search_spec(service.status_column(usage))
    page = await run_search(session, service.search_base(caller), spec, query)
    views = await service.views(session, page.rows, usage)
    return CatalogAssetSearchQueryResult(
        items=[catalog_asset_result(view) for view in views],
        page=PageInfo.of(page),
    )


@router.post(
    "/catalog/assets/{assetKey}/project-usages/search",
    operation_id="searchCatalogAssetProjectUsages",
    openapi_extra=openapi_body(usages.PROJECT_SEARCH),
    response_model=CatalogAssetProjectUsageSearchQueryResult,
)
async def search_catalog_asset_project_usages(
    assetKey: str, request: Request, session: ReadSession, caller: Caller
) -> CatalogAssetProjectUsageSearchQueryResult:
    """The live projects with BPMN files that apply the asset, alphabetically by default."""
    query = parse_search(usages.PROJECT_SEARCH, await read_body(request))
    usages.check_statuses(query)
    uses = await usages.asset_uses(session, caller, assetKey)
    base, spec = usages.project_search(caller, uses)
    page = await run_search(session, base, spec, query)
    items = []
    for project in page.rows:
        usage = uses.projects[project.key]
        items.append(
            CatalogAssetProjectUsageResult(
                projectKey=project.key,
                name=project.name,
                workspaceKey=project.workspace_key,
                status=usage.status,
                usedVersions=list(usage.used_versions),
            )
        )
    return CatalogAssetProjectUsageSearchQueryResult(
        items=items,
        page=PageInfo.of(page),
    )


@router.post(
    "/catalog/assets/{assetKey}/file-usages/search",
    operation_id="searchCatalogAssetFileUsages",
    openapi_extra=openapi_body(usages.FILE_SEARCH),
    response_model=CatalogAssetFileUsageSearchQueryResult,
)
async def search_catalog_asset_file_usages(
    assetKey: str, request: Request, session: ReadSession, caller: Caller
) -> CatalogAssetFileUsageSearchQueryResult:
    """The live BPMN files that apply the asset, alphabetically by default."""
    query = parse_search(usages.FILE_SEARCH, await read_body(request))
    usages.check_statuses(query)
    uses = await usages.asset_uses(session, caller, assetKey)
    base, spec = usages.file_search(caller, uses)
    page = await run_search(session, base, spec, query)
    items = []
    for file in page.rows:
        usage = uses.files[file.key]
        items.append(
            CatalogAssetFileUsageResult(
                fileKey=file.key,
                name=file.name,
                projectKey=file.project_key,
                status=usage.status,
                usedVersions=list(usage.used_versions),
            )
        )
    return CatalogAssetFileUsageSearchQueryResult(
        items=items,
        page=PageInfo.of(page),
    )
