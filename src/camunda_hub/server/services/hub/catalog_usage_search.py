"""The two usage searches of one catalog asset: the projects and the files that apply it.

Each project or file that applies the asset gets a status of its own: ``DEPRECATED`` when the
asset is unpublished or its latest version is deprecated, ``UP_TO_DATE`` when every element
uses the latest version, ``UPDATE_AVAILABLE`` otherwise (``UNUSED`` cannot occur: only users
are listed). ``usedVersions`` lists the distinct version numbers in use, ascending; an element
without a version attribute adds none but keeps its project or file off ``UP_TO_DATE``.

Usage is read from ``file_template_usages`` (see ``catalog_usage``); the listed rows are then searched in SQL
like every other resource, with each row's status bound as a CASE over its key."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, case, literal, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import defer
from sqlalchemy.sql.elements import ColumnElement

from camunda_hub.server.search import Field, FieldKind, SearchRequest, SearchSpec
from camunda_hub.server.security.principal import Principal
from camunda_hub.server.services.errors import NotFound
from camunda_hub.server.services.hub import catalog_usage, lookups
from camunda_hub.server.services.hub.catalog_usage import UsageStatus
from camunda_hub.server.store.schema.catalog import CatalogAsset
from camunda_hub.server.store.schema.hub import File, Project

TARGET_STATUSES = (
    UsageStatus.UP_TO_DATE.value,
    UsageStatus.UPDATE_AVAILABLE.value,
    UsageStatus.DEPRECATED.value,
)
_PLACEHOLDER = literal(UsageStatus.UP_TO_DATE.value)


@dataclass(frozen=True)
class TargetUsage:
    status: str
    used_versions: tuple[int, ...]


@dataclass(frozen=True)
class AssetUses:
    """Per project key and per file key: how the asset is used there."""

    projects: dict[str, TargetUsage]
    files: dict[str, TargetUsage]


def _target(versions: set[int | None], latest: int, retired: bool) -> TargetUsage:
    if retired:
        status = UsageStatus.DEPRECATED
    elif versions == {latest}:
        status = UsageStatus.UP_TO_DATE
    else:
        status = UsageStatus.UPDATE_AVAILABLE
    numbers = tuple(sorted(v for v in versions if v is not None))
    return TargetUsage(status.value, numbers)


async def asset_uses(session: AsyncSession, caller: Principal, asset_key: str) -> AssetUses:
    """The asset's users; 404 when the caller's organization has no such asset."""
    asset = None
    if lookups.storable(asset_key):
        asset = await session.scalar(
            select(CatalogAsset).where(
                CatalogAsset.key == asset_key,
                CatalogAsset.organization_id == caller.organization_id,
            )
        )
    if asset is None:
        raise NotFound(f"no catalog asset with key '{asset_key}' was found")
    uses = (
        await catalog_usage.uses_by_template(session, caller.organization_id, [asset.resource_id])
    ).get(asset.resource_id, [])
    retired = asset.unpublished or asset.deprecated
    by_project: dict[str, set[int | None]] = defaultdict(set)
    for use in uses:
        by_project[use.project_key] |= use.versions
    return AssetUses(
        projects={
            key: _target(versions, asset.latest_version, retired)
            for key, versions in by_project.items()
        },
        files={
            use.file_key: _target(set(use.versions), asset.latest_version, retired) for use in uses
        },
    )


def _status_column(key_column: Any, usages: dict[str, TargetUsage]) -> ColumnElement[str]:
    if not usages:
        return _PLACEHOLDER
    return case(
        {key: usage.status for key, usage in usages.items()},
        value=key_column,
        else_=_PLACEHOLDER,
    )


def project_spec(status: ColumnElement[str] = _PLACEHOLDER) -> SearchSpec:
    return SearchSpec(
        fields={
            "projectKey": Field(Project.key, FieldKind.BASIC),
            "workspaceKey": Field(Project.workspace_key, FieldKind.BASIC),
            "name": Field(Project.name, FieldKind.STRING),
            "status": Field(status, FieldKind.BASIC),
        },
        sort_fields={"name": Project.name},
        tiebreaker=Project.key,
        default_sort=(("name", "ASC"),),
    )


def file_spec(status: ColumnElement[str] = _PLACEHOLDER) -> SearchSpec:
    return SearchSpec(
        fields={
            "fileKey": Field(File.key, FieldKind.BASIC),
            "projectKey": Field(File.project_key, FieldKind.BASIC),
            "name": Field(File.name, FieldKind.STRING),
            "status": Field(status, FieldKind.BASIC),
        },
        sort_fields={"name": File.name},
        tiebreaker=File.key,
        default_sort=(("name", "ASC"),),
    )


PROJECT_SEARCH = project_spec()
FILE_SEARCH = file_spec()


def check_statuses(request: SearchRequest) -> None:
    catalog_usage.check_status_filter(request, "status", TARGET_STATUSES)


def project_search(caller: Principal, uses: AssetUses) -> tuple[Select[Any], SearchSpec]:
    # Projects of live files are live themselves (a soft delete cascades to the files).
    base = select(Project).where(
        Project.organization_id == caller.organization_id,
        Project.key.in_(list(uses.projects)),
    )
    return base, project_spec(_status_column(Project.key, uses.projects))


def file_search(caller: Principal, uses: AssetUses) -> tuple[Select[Any], SearchSpec]:
    # Without the content: it can be large and is not shown.
    base = (
        select(File)
        .options(defer(File.content))
        .where(
            File.organization_id == caller.organization_id,
            File.key.in_(list(uses.files)),
        )
    )
    return base, file_spec(_status_column(File.key, uses.files))
