"""Folders: nested inside a project; renaming or moving one carries its whole subtree along."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from camunda_hub.server.search import Field, FieldKind, SearchSpec
from camunda_hub.server.security.principal import Principal
from camunda_hub.server.services.errors import InvalidInput
from camunda_hub.server.services.hub import (
    audit_fields,
    descendant_events,
    hub_events,
    lookups,
    paths,
)
from camunda_hub.server.services.hub.listing import without_content
from camunda_hub.server.store.schema.base import new_key, utcnow
from camunda_hub.server.store.schema.hub import File, Folder, Project

# Far above any real tree; bounds the stored paths (each folder keeps its whole path, so a
# chain's storage grows with the square of its depth) and every walk along them.
MAX_DEPTH = 32
_TOO_DEEP = f"parentFolderKey: folders nest at most {MAX_DEPTH} levels deep"


def _depth(path_keys: str) -> int:
    return path_keys.count(paths.SEPARATOR) + 1


async def _height_below(session: AsyncSession, folder: Folder) -> int:
    """Levels of descendants under ``folder`` (0 without any), soft-deleted ones included."""
    separators = func.length(Folder.path_keys) - func.length(
        func.replace(Folder.path_keys, paths.SEPARATOR, "")
    )
    deepest = await session.scalar(
        select(func.max(separators)).where(
            paths.folders_below(folder.project_key, folder.path_keys)
        )
    )
    return 0 if deepest is None else int(deepest) + 1 - _depth(folder.path_keys)


RECENTLY_DELETED_SEARCH = SearchSpec(
    fields={
        "folderKey": Field(Folder.key, FieldKind.BASIC),
        "name": Field(Folder.name, FieldKind.STRING),
        "projectKey": Field(Folder.project_key, FieldKind.BASIC),
        "deleted": Field(Folder.deleted, FieldKind.DATETIME),
    },
    sort_fields={"name": Folder.name, "deleted": Folder.deleted},
    tiebreaker=Folder.key,
)


async def resolve_location(
    session: AsyncSession,
    principal: Principal,
    *,
    project_key: str | None,
    folder_key: str | None,
    folder_field: str,
) -> tuple[Project, Folder | None]:
    """The live project and (optional) live folder a request body points at.

    Either key may be omitted (None): a folder alone implies its project; a project alone means
    its root. Both given must agree."""
    folder = None
    if folder_key is not None:
        folder = await lookups.referenced(session, Folder, principal, folder_key, folder_field)
    if project_key is None:
        if folder is None:
            raise InvalidInput("projectKey is required")
        project_key = folder.project_key
    project = await lookups.referenced(session, Project, principal, project_key, "projectKey")
    if folder is not None and folder.project_key != project.key:
        raise InvalidInput(
            f"{folder_field}: folder '{folder.key}' belongs to another project than projectKey"
        )
    return project, folder


async def create(
    session: AsyncSession,
    principal: Principal,
    *,
    name: str,
    project_key: str,
    parent_folder_key: str | None,
) -> Folder:
    project, parent = await resolve_location(
        session,
        principal,
        project_key=project_key,
        folder_key=parent_folder_key,
        folder_field="parentFolderKey",
    )
    if parent is not None and _depth(parent.path_keys) >= MAX_DEPTH:
        raise InvalidInput(_TOO_DEEP)
    key = new_key()
    path_keys, path_names = paths.folder_paths(parent, key, name)
    folder = Folder(
        key=key,
        organization_id=principal.organization_id,
        project_key=project.key,
        parent_folder_key=parent.key if parent else None,
        name=name,
        path_keys=path_keys,
        path_names=path_names,
        deletion_root=False,
        **audit_fields.created(principal, utcnow()),
    )
    session.add(folder)
    await session.flush()
    await hub_events.resource_event(session, principal, folder, "created")
    return folder


async def get_with_content(
    session: AsyncSession, principal: Principal, key: str
) -> tuple[Folder, list[Folder], list[File]]:
    folder = await lookups.live(session, Folder, principal, key)
    folders = await session.scalars(
        select(Folder)
        .where(
            Folder.project_key == folder.project_key,
            Folder.parent_folder_key == key,
            Folder.deleted.is_(None),
        )
        .order_by(Folder.name, Folder.key)
    )
    files = await session.scalars(
        select(File)
        .options(without_content())
        .where(
            File.project_key == folder.project_key,
            File.folder_key == key,
            File.deleted.is_(None),
        )
        .order_by(File.name, File.key)
    )
    return folder, list(folders), list(files)


async def _target_parent(
    session: AsyncSession, principal: Principal, folder: Folder, changes: dict[str, Any]
) -> tuple[str, Folder | None, bool]:
    """(project key, parent folder, whether the location changes) after applying ``changes``."""
    moves_project = "projectKey" in changes and changes["projectKey"] != folder.project_key
    if "parentFolderKey" not in changes and not moves_project:
        return folder.project_key, None, False
    if changes.get("parentFolderKey") == folder.key:
        raise InvalidInput("parentFolderKey: a folder cannot be its own parent")
    parent_key = changes.get("parentFolderKey")
    project_key = changes.get("projectKey")
    if project_key is None and parent_key is None:
        # ``parentFolderKey: null`` alone: to the root of the folder's own project.
        project_key = folder.project_key
    project, parent = await resolve_location(
        session,
        principal,
        project_key=project_key,
        folder_key=parent_key,
        folder_field="parentFolderKey",
    )
    if parent is not None and folder.key in parent.path_keys.split(paths.SEPARATOR):
        raise InvalidInput("parentFolderKey: a folder cannot move into one of its own descendants")
    return project.key, parent, True


async def update(
    session: AsyncSession, principal: Principal, key: str, changes: dict[str, Any]
) -> Folder:
    folder = await lookups.live(session, Folder, principal, key, for_update=True)
    before = hub_events.snapshot_of(folder)
    project_key, parent, relocates = await _target_parent(session, principal, folder, changes)
    name = changes.get("name", folder.name)
    if relocates:
        above = _depth(parent.path_keys) if parent is not None else 0
        if above + 1 + await _height_below(session, folder) > MAX_DEPTH:
            raise InvalidInput(_TOO_DEEP)
        path_keys, path_names = paths.folder_paths(parent, folder.key, name)
    else:
        # Same place: only the last segment of the names path changes.
        path_keys = folder.path_keys
        path_names = folder.path_names[: len(folder.path_names) - len(folder.name)] + name
    old_project, old_names = folder.project_key, folder.path_names
    subtree = None
    if (old_project, old_names) != (project_key, path_names):
        subtree = await descendant_events.read_subtree(session, old_project, folder.path_keys)
    await paths.rewrite_descendants(
        session,
        old_project=folder.project_key,
        old_keys=folder.path_keys,
        old_names=folder.path_names,
        new_project=project_key,
        new_keys=path_keys,
        new_names=path_names,
    )
    folder.name = name
    folder.project_key = project_key
    if relocates:
        folder.parent_folder_key = parent.key if parent else None
    folder.path_keys = path_keys
    folder.path_names = path_names
    if changes:
        for column, value in audit_fields.updated(principal, utcnow()).items():
            setattr(folder, column, value)
    await session.flush()
    differences = hub_events.changed(before, hub_events.snapshot_of(folder))
    if subtree is None:
        if differences:
            await hub_events.resource_event(
                session, principal, folder, "updated", changes=differences
            )
        return folder
    # The path changed: the folder's event, then one per descendant, one correlation id.
    with hub_events.correlated(session, hub_events.correlation_of(session) or new_key()) as cid:
        await hub_events.resource_event(
            session, principal, folder, "updated", changes=differences, extra={"root": True}
        )
        await descendant_events.record_subtree(
            session,
            principal,
            subtree,
            old_project=old_project,
            old_names=old_names,
            new_project=project_key,
            new_names=path_names,
            correlation_id=cid,
        )
    return folder


def recently_deleted(principal: Principal) -> Select[Any]:
    return select(Folder).where(
        Folder.organization_id == principal.organization_id,
        Folder.deleted.is_not(None),
        Folder.deletion_root.is_(True),
    )
