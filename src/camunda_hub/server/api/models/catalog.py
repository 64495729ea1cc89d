"""Wire models of the catalog operations (names follow the contract's components)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel

from camunda_hub.server.api.models.common import SearchResult
from camunda_hub.server.services.hub.catalog import AssetView

UsageStatusName = Literal["UP_TO_DATE", "UPDATE_AVAILABLE", "DEPRECATED", "UNUSED"]


class CatalogAssetUsageResult(BaseModel):
    status: UsageStatusName
    workspaceCount: int
    projectCount: int
    projectsOnLatestVersionCount: int


class CatalogAssetResult(BaseModel):
    assetKey: str
    name: str
    resourceId: str
    shortDescription: str | None
    category: str | None
    tags: list[str]
    latestVersion: int
    unpublished: bool
    created: datetime
    updated: datetime
    usage: CatalogAssetUsageResult


class CatalogAssetSearchQueryResult(SearchResult[CatalogAssetResult]):
    pass


def catalog_asset_result(view: AssetView) -> CatalogAssetResult:
    asset, usage = view.asset, view.usage
    return CatalogAssetResult(
        assetKey=asset.key,
        name=asset.name,
        resourceId=asset.resource_id,
        shortDescription=asset.short_description,
        category=asset.category,
        tags=list(view.tags),
        latestVersion=asset.latest_version,
        unpublished=asset.unpublished,
        created=asset.created,
        updated=asset.updated,
        usage=CatalogAssetUsageResult(
            status=usage.status.value,
            workspaceCount=usage.workspace_count,
            projectCount=usage.project_count,
            projectsOnLatestVersionCount=usage.projects_on_latest_version_count,
        ),
    )


TargetStatusName = Literal["UP_TO_DATE", "UPDATE_AVAILABLE", "DEPRECATED"]


class CatalogAssetProjectUsageResult(BaseModel):
    projectKey: str
    name: str
    workspaceKey: str
    status: TargetStatusName
    usedVersions: list[int]


class CatalogAssetFileUsageResult(BaseModel):
    fileKey: str
    name: str
    projectKey: str
    status: TargetStatusName
    usedVersions: list[int]


class CatalogAssetProjectUsageSearchQueryResult(SearchResult[CatalogAssetProjectUsageResult]):
    pass


class CatalogAssetFileUsageSearchQueryResult(SearchResult[CatalogAssetFileUsageResult]):
    pass
