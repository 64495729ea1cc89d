"""Keeping ``file_template_usages`` in step with file content, in the writing transaction.

Every path that gives a file new content (create, content update, version restore, snapshot
restore, project import, duplication) calls ``record`` once with the new content; nothing else
is needed elsewhere: soft deletion and restoration keep the rows (searches join live files),
moves keep them (searches join the file's current project), removal cascades. A backup carries
the table like any other; migration 0016 derived it for files written before it existed.

Only BPMN content that mentions ``modelerTemplate`` is parsed (attribute names cannot be
escaped, so other content applies no template), so most writes cost no parse and, for a new
file, no statement."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import Table, delete
from sqlalchemy.ext.asyncio import AsyncSession

from camunda_hub.server.services.hub import catalog_usage
from camunda_hub.server.store.schema.catalog import FileTemplateUsage
from camunda_hub.server.store.schema.hub import File

# The longest catalog resource id (catalog_ingestion.TEXT_MAX): a longer one matches no asset.
TEMPLATE_ID_MAX = 255
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
MARKER = "modelerTemplate"
_TABLE = cast(Table, FileTemplateUsage.__table__)


def _version_order(version: int | None) -> tuple[bool, int]:
    return (version is not None, version or 0)


def derive(file_type: str, content: str) -> dict[str, list[int | None]]:
    """Template id → the versions applied (sorted, ``None`` first), as the table stores them."""
    if file_type != "bpmn" or MARKER not in content:
        return {}
    return {
        template: sorted(versions, key=_version_order)
        for template, versions in catalog_usage.template_versions(content).items()
        if len(template) <= TEMPLATE_ID_MAX
    }


def sole_version(versions: list[int | None]) -> int | None:
    if len(versions) == 1 and versions[0] is not None and INT64_MIN <= versions[0] <= INT64_MAX:
        return versions[0]
    return None


def rows(organization_id: str, file_key: str, file_type: str, content: str) -> list[dict[str, Any]]:
    """The table's rows for one file with ``content``."""
    return [
        {
            "file_key": file_key,
            "template_id": template,
            "organization_id": organization_id,
            "versions": versions,
            "sole_version": sole_version(versions),
        }
        for template, versions in derive(file_type, content).items()
    ]


async def record(
    session: AsyncSession, file: File, *, content: str | None = None, new: bool = False
) -> None:
    """Replace the rows of ``file`` (flushed) by those its new content derives: ``content``, or
    the row's own when not given. ``new``: the file has none yet."""
    await record_content(
        session,
        organization_id=file.organization_id,
        file_key=file.key,
        file_type=file.type,
        content=file.content if content is None else content,
        new=new,
    )


async def record_content(
    session: AsyncSession,
    *,
    organization_id: str,
    file_key: str,
    file_type: str,
    content: str,
    new: bool = False,
) -> None:
    """As ``record``, for a file written by a bulk UPDATE (no loaded row)."""
    if file_type != "bpmn":
        return
    if not new:
        await session.execute(
            delete(FileTemplateUsage)
            .where(FileTemplateUsage.file_key == file_key)
            .execution_options(synchronize_session=False)
        )
    found = rows(organization_id, file_key, file_type, content)
    if found:
        # The table, not the ORM entity: a plain executemany, no unit-of-work bookkeeping.
        await session.execute(_TABLE.insert(), found)
