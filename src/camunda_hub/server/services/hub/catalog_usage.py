"""Where catalog assets are used: BPMN elements of live files that apply an element template.

A BPMN element applies a template with ``zeebe:modelerTemplate="<template id>"`` and
``zeebe:modelerTemplateVersion="<n>"`` (the attributes the Modeler writes). Usage is read from
the files themselves at query time, so it is never stale: there is no second copy to keep in
step with file edits, moves, deletions and restorations. Only BPMN files whose content mentions
``modelerTemplate`` are loaded (a LIKE the database evaluates); they are parsed by ``xml_scan``
(hardened expat) in a worker thread, off the event loop."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from camunda_hub.server.search import Op, SearchRequest
from camunda_hub.server.services.errors import InvalidInput
from camunda_hub.server.services.hub import xml_scan
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


async def uses_by_template(
    session: AsyncSession, organization_id: str, template_ids: Iterable[str]
) -> dict[str, list[Use]]:
    """Template id → the live files of the organization that apply it."""
    wanted = set(template_ids)
    if not wanted:
        return {}
    rows = await session.execute(
        select(File.key, File.project_key, Project.workspace_key, File.content)
        .join(Project, Project.key == File.project_key)
        .where(
            File.organization_id == organization_id,
            File.deleted.is_(None),
            File.type == "bpmn",
            File.content.contains("modelerTemplate", autoescape=True),
        )
    )
    # Parsing every model is CPU work: in a worker thread, not on the event loop.
    return await asyncio.to_thread(_uses, wanted, list(rows))


def _uses(wanted: set[str], rows: list[Any]) -> dict[str, list[Use]]:
    uses: dict[str, list[Use]] = defaultdict(list)
    for file_key, project_key, workspace_key, content in rows:
        for template, versions in template_versions(content).items():
            if template in wanted:
                uses[template].append(
                    Use(file_key, project_key, workspace_key, frozenset(versions))
                )
    return uses


def aggregate(uses: list[Use], *, latest: int, retired: bool) -> Usage:
    """``retired``: the asset is unpublished or its latest version is deprecated."""
    projects: dict[str, set[int | None]] = defaultdict(set)
    for use in uses:
        projects[use.project_key] |= use.versions
    on_latest = sum(1 for versions in projects.values() if versions == {latest})
    if not uses:
        status = UsageStatus.UNUSED
    elif retired:
        status = UsageStatus.DEPRECATED
    elif on_latest < len(projects):
        status = UsageStatus.UPDATE_AVAILABLE
    else:
        status = UsageStatus.UP_TO_DATE
    return Usage(
        status=status,
        workspace_count=len({use.workspace_key for use in uses}),
        project_count=len(projects),
        projects_on_latest_version_count=on_latest,
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
