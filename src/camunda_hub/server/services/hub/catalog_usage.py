"""Where catalog assets are used: BPMN elements of live files that apply an element template.

A BPMN element applies a template with ``zeebe:modelerTemplate="<template id>"`` and
``zeebe:modelerTemplateVersion="<n>"`` (the attributes the Modeler writes). What each file
applies is parsed (``template_versions``, hardened expat) when its content is written and kept
in ``file_template_usages`` (see ``template_usages``); a search reads those rows, joined to the
live files and their current projects, so it never loads or parses a model."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import Select, case, distinct, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from camunda_hub.server.search import Op, SearchRequest
from camunda_hub.server.services.errors import InvalidInput
from camunda_hub.server.services.hub import xml_scan
from camunda_hub.server.store.schema.catalog import CatalogAsset, FileTemplateUsage
from camunda_hub.server.store.schema.hub import File, Project

ZEEBE = "http://camunda.org/schema/zeebe/1.0"
_TEMPLATE = f"{ZEEBE}{xml_scan.SEPARATOR}modelerTemplate"
_TEMPLATE_VERSION = f"{ZEEBE}{xml_scan.SEPARATOR}modelerTemplateVersion"


class UsageStatus(StrEnum):
    UP_TO_DATE = "UP_TO_DATE"
    UPDATE_AVAILABLE = "UPDATE_AVAILABLE"
    DEPRECATED = "DEPRECATED"
    UNUSED = "UNUSED"


@dataclass(frozen=True)
class Use:
    """One file applying the template, with the template versions its elements use (``None``:
    an element without a version attribute, which counts as not on the latest version)."""

    file_key: str
    project_key: str
    workspace_key: str
    versions: frozenset[int | None]


@dataclass(frozen=True)
class Usage:
    status: UsageStatus
    workspace_count: int
    project_count: int
    projects_on_latest_version_count: int


def _version(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        return int(text.strip())
    except ValueError:
        return None


def template_versions(content: str) -> dict[str, set[int | None]]:
    """Template id → versions applied in one BPMN document (empty if it cannot be parsed)."""
    found: dict[str, set[int | None]] = defaultdict(set)

    def start(_namespace: str, _local: str, attributes: dict[str, str]) -> None:
        template = attributes.get(_TEMPLATE)
        if template:
            found[template].add(_version(attributes.get(_TEMPLATE_VERSION)))

    if not xml_scan.scan(content, start):
        return {}
    return found


def _live_usages() -> Select[Any]:
    """``file_template_usages`` of live BPMN files, with each file's current project."""
    return (
        select(FileTemplateUsage)
        .join(File, File.key == FileTemplateUsage.file_key)
        .join(Project, Project.key == File.project_key)
        .where(File.deleted.is_(None), File.type == "bpmn")
    )


async def uses_by_template(
    session: AsyncSession, organization_id: str, template_ids: Iterable[str]
) -> dict[str, list[Use]]:
    """Template id → the live files of the organization that apply it."""
    wanted = list(set(template_ids))
    if not wanted:
        return {}
    query = _live_usages().with_only_columns(
        FileTemplateUsage.template_id,
        FileTemplateUsage.versions,
        File.key,
        File.project_key,
        Project.workspace_key,
    )
    uses: dict[str, list[Use]] = defaultdict(list)
    for template, versions, file_key, project_key, workspace_key in await session.execute(
        query.where(
            FileTemplateUsage.organization_id == organization_id,
            FileTemplateUsage.template_id.in_(wanted),
        )
    ):
        uses[template].append(Use(file_key, project_key, workspace_key, frozenset(versions)))
    return uses


async def usage_by_asset(session: AsyncSession, organization_id: str) -> dict[str, Usage]:
    """Asset key → usage, for the used assets of the organization's catalog, aggregated in SQL
    (one row per asset comes back, however many files use it). A project is on the latest
    version when each of its files' rows has that version as its sole one."""
    off_latest = case((FileTemplateUsage.sole_version == CatalogAsset.latest_version, 0), else_=1)
    retired = CatalogAsset.unpublished | CatalogAsset.deprecated
    per_project = (
        _live_usages()
        .with_only_columns(
            CatalogAsset.key.label("asset_key"),
            retired.label("retired"),
            Project.workspace_key.label("workspace_key"),
            func.max(off_latest).label("off_latest"),
        )
        .join(
            CatalogAsset,
            (CatalogAsset.organization_id == FileTemplateUsage.organization_id)
            & (CatalogAsset.resource_id == FileTemplateUsage.template_id),
        )
        .where(FileTemplateUsage.organization_id == organization_id)
        .group_by(CatalogAsset.key, retired, File.project_key, Project.workspace_key)
        .subquery()
    )
    counts = select(
        per_project.c.asset_key,
        per_project.c.retired,
        func.count(distinct(per_project.c.workspace_key)),
        func.count(),
        func.sum(case((per_project.c.off_latest == 0, 1), else_=0)),
    ).group_by(per_project.c.asset_key, per_project.c.retired)
    return {
        key: _usage(int(projects), int(workspaces), int(on_latest), retired=bool(is_retired))
        for key, is_retired, workspaces, projects, on_latest in await session.execute(counts)
    }


def _usage(projects: int, workspaces: int, on_latest: int, *, retired: bool) -> Usage:
    if not projects:
        status = UsageStatus.UNUSED
    elif retired:
        status = UsageStatus.DEPRECATED
    elif on_latest < projects:
        status = UsageStatus.UPDATE_AVAILABLE
    else:
        status = UsageStatus.UP_TO_DATE
    return Usage(
        status=status,
        workspace_count=workspaces,
        project_count=projects,
        projects_on_latest_version_count=on_latest,
    )


def aggregate(uses: list[Use], *, latest: int, retired: bool) -> Usage:
    """The usage of ``uses`` (what ``usage_by_asset`` computes in SQL). ``retired``: the asset
    is unpublished or its latest version is deprecated."""
    projects: dict[str, set[int | None]] = defaultdict(set)
    for use in uses:
        projects[use.project_key] |= use.versions
    on_latest = sum(1 for versions in projects.values() if versions == {latest})
    return _usage(
        len(projects), len({use.workspace_key for use in uses}), on_latest, retired=retired
    )


def check_status_filter(request: SearchRequest, field: str, allowed: Sequence[str]) -> None:
    """A status filter takes the documented statuses only: another value is a typo that would
    silently match nothing. ``field`` is the search field; errors name it as the client wrote
    it (``usage.status`` is nested on the wire)."""
    for condition in request.conditions:
        if condition.field != field or condition.op is Op.EXISTS:
            continue
        values = condition.value if isinstance(condition.value, tuple) else (condition.value,)
        for value in values:
            if value not in allowed:
                raise InvalidInput(
                    f"filter.{field}: {str(value)[:80]!r} is not a usage status "
                    f"({', '.join(allowed)})"
                )
