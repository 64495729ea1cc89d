"""The element-template catalog of an organization: ingestion, deletion, search with usage.

Ingestion replaces the published set as a whole, in one transaction: every asset of the request
is created or updated (matched by its template ``id``), every earlier asset missing from it
becomes ``unpublished`` (kept, so diagrams using it keep working and an administrator still
sees it). Nothing is written unless the whole request is valid. Ingestions of one organization
are serialized by locking its row, so two concurrent ones cannot both create the same asset.

Template versions are immutable: a template whose ``version`` is already stored must have the
same content, and a version below the asset's latest is refused (diagrams pin a version number,
so changed content under a known number would silently change them)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, and_, case, delete, literal, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from camunda_hub.server.search import Field, FieldKind, SearchRequest, SearchSpec
from camunda_hub.server.security.principal import Principal
from camunda_hub.server.services.errors import InvalidInput, NotFound
from camunda_hub.server.services.hub import catalog_usage, hub_events, lookups
from camunda_hub.server.services.hub.catalog_ingestion import IngestedAsset
from camunda_hub.server.services.hub.catalog_usage import Usage, UsageStatus
from camunda_hub.server.store.schema.base import utcnow
from camunda_hub.server.store.schema.catalog import (
    CatalogAsset,
    CatalogAssetTag,
    CatalogAssetVersion,
)
from camunda_hub.server.store.schema.identity import Organization

USAGE_STATUS = "usage.status"


@dataclass(frozen=True)
class AssetView:
    """An asset as the API shows it: the row, its tags and its usage."""

    asset: CatalogAsset
    tags: tuple[str, ...]
    usage: Usage


# --- ingestion -------------------------------------------------------------------------------


async def _lock_organization(session: AsyncSession, organization_id: str) -> None:
    await session.execute(
        select(Organization.id).where(Organization.id == organization_id).with_for_update()
    )


async def _tags_of(session: AsyncSession, keys: Sequence[str]) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {key: [] for key in keys}
    if keys:
        rows = await session.execute(
            select(CatalogAssetTag.asset_key, CatalogAssetTag.tag)
            .where(CatalogAssetTag.asset_key.in_(keys))
            .order_by(CatalogAssetTag.asset_key, CatalogAssetTag.tag)
        )
        for key, tag in rows:
            found[key].append(tag)
    return {key: tuple(tags) for key, tags in found.items()}


async def _latest_contents(session: AsyncSession, organization_id: str) -> dict[str, str]:
    """Asset key → content of its latest version, for every asset of the organization (one
    query, however large the catalog)."""
    rows = await session.execute(
        select(CatalogAssetVersion.asset_key, CatalogAssetVersion.content)
        .join(
            CatalogAsset,
            and_(
                CatalogAsset.key == CatalogAssetVersion.asset_key,
                CatalogAsset.latest_version == CatalogAssetVersion.version,
            ),
        )
        .where(CatalogAsset.organization_id == organization_id)
    )
    return {key: content for key, content in rows}


def _is_new_version(row: CatalogAsset, asset: IngestedAsset, latest_content: str | None) -> bool:
    """Whether ``asset`` brings a new version of ``row`` (False: the stored latest, unchanged)."""
    if asset.version > row.latest_version:
        return True
    if asset.version < row.latest_version:
        raise InvalidInput(
            f"template {asset.template_file!r}: version {asset.version} of {asset.resource_id!r} "
            f"is older than the catalog's latest version {row.latest_version}"
        )
    if latest_content is not None and latest_content != asset.content:
        raise InvalidInput(
            f"template {asset.template_file!r}: version {asset.version} of "
            f"{asset.resource_id!r} is already in the catalog with other content; a changed "
            "template needs a higher 'version'"
        )
    return latest_content is None


def _apply(row: CatalogAsset, asset: IngestedAsset) -> bool:
    """Copy the ingested metadata onto ``row``; whether anything changed."""
    values: dict[str, Any] = {
        "name": asset.name,
        "short_description": asset.short_description,
        "category": asset.category,
        "readme": asset.readme,
        "template_file": asset.template_file,
        "latest_version": asset.version,
        "deprecated": asset.deprecated,
        "unpublished": False,
    }
    changed = False
    for column, value in values.items():
        if getattr(row, column) != value:
            setattr(row, column, value)
            changed = True
    return changed


async def _set_tags(session: AsyncSession, key: str, tags: tuple[str, ...]) -> None:
    await session.execute(delete(CatalogAssetTag).where(CatalogAssetTag.asset_key == key))
    session.add_all(CatalogAssetTag(asset_key=key, tag=tag) for tag in tags)


async def ingest(session: AsyncSession, caller: Principal, assets: list[IngestedAsset]) -> None:
    organization_id = caller.organization_id
    hub_events.plain_event(
        session,
        caller,
        "catalog.ingested",
        resource_type="catalog",
        resource_key=organization_id,
        data={
            "assets": [
                {"resourceId": a.resource_id, "name": a.name, "version": a.version}
                for a in assets[:1000]
            ],
            "count": len(assets),
        },
    )
    await _lock_organization(session, organization_id)
    rows = (
        await session.scalars(
            select(CatalogAsset).where(CatalogAsset.organization_id == organization_id)
        )
    ).all()
    existing = {row.resource_id: row for row in rows}
    current_tags = await _tags_of(session, [row.key for row in rows])
    latest_contents = await _latest_contents(session, organization_id)
    now = utcnow()
    ingested: set[str] = set()
    for asset in assets:
        ingested.add(asset.resource_id)
        row = existing.get(asset.resource_id)
        if row is None:
            row = CatalogAsset(
                organization_id=organization_id,
                resource_id=asset.resource_id,
                created=now,
                updated=now,
            )
            _apply(row, asset)
            session.add(row)
            await session.flush()
            new_version, changed = True, True
        else:
            new_version = _is_new_version(row, asset, latest_contents.get(row.key))
            changed = _apply(row, asset) | new_version
        if new_version:
            session.add(
                CatalogAssetVersion(
                    asset_key=row.key, version=asset.version, content=asset.content, created=now
                )
            )
        if set(current_tags.get(row.key, ())) != set(asset.tags):
            await _set_tags(session, row.key, asset.tags)
            changed = True
        if changed:
            row.updated = now
    for resource_id, row in existing.items():
        if resource_id not in ingested and not row.unpublished:
            row.unpublished = True
            row.updated = now
    await session.flush()


# --- deletion --------------------------------------------------------------------------------


async def delete_asset(session: AsyncSession, caller: Principal, asset_key: str) -> None:
    # The organization's ingestion lock first: an ingestion running at the same time must not
    # update the row this removes (it would find it gone halfway through its transaction).
    await _lock_organization(session, caller.organization_id)
    row = None
    if lookups.storable(asset_key):
        row = await session.scalar(
            select(CatalogAsset)
            .where(
                CatalogAsset.key == asset_key,
                CatalogAsset.organization_id == caller.organization_id,
            )
            .with_for_update()
        )
    if row is None:
        raise NotFound(f"no catalog asset with key '{asset_key}' was found")
    # Children explicitly: SQLite enforces ON DELETE CASCADE only with foreign keys switched on.
    await session.execute(delete(CatalogAssetTag).where(CatalogAssetTag.asset_key == row.key))
    await session.execute(
        delete(CatalogAssetVersion).where(CatalogAssetVersion.asset_key == row.key)
    )
    await session.delete(row)
    await session.flush()


# --- search ----------------------------------------------------------------------------------


def _has_tag(condition: ColumnElement[bool]) -> ColumnElement[bool]:
    return (
        select(CatalogAssetTag.asset_key)
        .where(CatalogAssetTag.asset_key == CatalogAsset.key, condition)
        .exists()
    )


def search_spec(status: ColumnElement[str]) -> SearchSpec:
    """The catalog search; ``status`` is the SQL value of each asset's usage status."""
    return SearchSpec(
        fields={
            "name": Field(CatalogAsset.name, FieldKind.STRING),
            "resourceId": Field(CatalogAsset.resource_id, FieldKind.STRING),
            "category": Field(CatalogAsset.category, FieldKind.BASIC),
            "tag": Field(CatalogAssetTag.tag, FieldKind.BASIC, any_of=_has_tag),
            "unpublished": Field(CatalogAsset.unpublished, FieldKind.BOOLEAN),
            "created": Field(CatalogAsset.created, FieldKind.DATETIME),
            "updated": Field(CatalogAsset.updated, FieldKind.DATETIME),
            USAGE_STATUS: Field(status, FieldKind.BASIC),
        },
        sort_fields={
            "name": CatalogAsset.name,
            "created": CatalogAsset.created,
            "updated": CatalogAsset.updated,
        },
        tiebreaker=CatalogAsset.key,
        # A catalog reads alphabetically.
        default_sort=(("name", "ASC"),),
    )


# Declares the language (parsing, OpenAPI); each search binds the real usage statuses.
SEARCH = search_spec(literal(UsageStatus.UNUSED.value))


def check_statuses(request: SearchRequest) -> None:
    catalog_usage.check_status_filter(
        request, USAGE_STATUS, [status.value for status in UsageStatus]
    )


def search_base(caller: Principal) -> Select[Any]:
    return select(CatalogAsset).where(CatalogAsset.organization_id == caller.organization_id)


async def usages(session: AsyncSession, caller: Principal) -> dict[str, Usage]:
    """Asset key → usage, for the used assets of the caller's organization (the others are
    unused)."""
    return await catalog_usage.usage_by_asset(session, caller.organization_id)


def status_column(usage_by_key: dict[str, Usage]) -> ColumnElement[str]:
    """Each asset's usage status as SQL: a CASE over the used assets (bound parameters), the
    rest UNUSED."""
    used = {
        key: usage.status.value
        for key, usage in usage_by_key.items()
        if usage.status is not UsageStatus.UNUSED
    }
    unused = literal(UsageStatus.UNUSED.value)
    if not used:
        return unused
    return case(used, value=CatalogAsset.key, else_=unused)


async def views(
    session: AsyncSession, rows: Sequence[CatalogAsset], usage_by_key: dict[str, Usage]
) -> list[AssetView]:
    tags = await _tags_of(session, [row.key for row in rows])
    unused = catalog_usage.aggregate([], latest=0, retired=False)
    return [AssetView(row, tags[row.key], usage_by_key.get(row.key, unused)) for row in rows]
