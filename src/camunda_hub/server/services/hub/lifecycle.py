"""Soft delete, restoration and permanent deletion.

A soft delete is one *deletion event* (a ``deletions`` row): the resource the caller deleted
(the event's root, ``deletion_root``) and every live descendant are stamped with the event's id.
Descendants that were already deleted keep their own earlier event, so they stay listed (and
restorable) in their own right. Restoring a root revives exactly the rows of its event.

Restoration rules: only a root can be restored (anything else is a 404, as if it did not exist);
a still-deleted project or workspace around it is a 409; a file or folder whose parent folder is
gone (deleted by another event, or removed) is restored into a new *wrapper folder* named after
that lost parent — for a file at the project root, for a folder under its nearest surviving
ancestor folder (or the project root).

Permanent deletion works in one step on live and soft-deleted resources. A live folder, project
or workspace must hold no live file anywhere below it (400); what it holds otherwise (empty
folders and projects, soft-deleted items, file versions) goes with it. A soft-deleted one must be
the root of its deletion (409 otherwise: delete the root instead) and goes with everything below
it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, delete, exists, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from camunda_hub.server.security.principal import Principal
from camunda_hub.server.services.errors import Conflict, InvalidInput, NotFound
from camunda_hub.server.services.hub import (
    audit_fields,
    hub_events,
    lookups,
    paths,
    snapshot_removal,
)
from camunda_hub.server.services.hub.listing import without_content
from camunda_hub.server.store.schema.base import new_key, utcnow
from camunda_hub.server.store.schema.hub import Deletion, File, Folder, Member, Project, Workspace

Model = type[Workspace] | type[Project] | type[Folder] | type[File]

_KIND = {Workspace: "workspace", Project: "project", Folder: "folder", File: "file"}
# Containers before what they contain: the order of a cascade's events.
_TOP_DOWN: tuple[Model, ...] = (Workspace, Project, Folder, File)


def _rows(model: Model, where: ColumnElement[bool]) -> Any:
    query = select(model).where(where).order_by(model.key)
    return query.options(without_content()) if model is File else query


async def _cascade_events(
    session: AsyncSession,
    principal: Principal,
    action: str,
    root: Any,
    parts: Sequence[tuple[Model, ColumnElement[bool]]],
    correlation_id: str,
) -> None:
    """The root's event, then one per other resource the operation affected (all with the
    operation's correlation id)."""
    await hub_events.resource_event(
        session, principal, root, action, correlation_id=correlation_id, extra={"root": True}
    )
    for model, where in parts:
        for row in await session.scalars(_rows(model, where)):
            if row.key == root.key and isinstance(row, type(root)):
                continue
            await hub_events.resource_event(
                session,
                principal,
                row,
                action,
                correlation_id=correlation_id,
                extra={"root": False},
            )


# -- soft delete ---------------------------------------------------------------------------


def _deleted_values(
    principal: Principal, now: datetime, deletion_id: str, *, root: bool
) -> dict[str, Any]:
    return {
        "deleted": now,
        "deleted_by_name": principal.name,
        "deleted_by_email": principal.email,
        "deletion_id": deletion_id,
        "deletion_root": root,
    }


async def _stamp(
    session: AsyncSession,
    model: Model,
    where: ColumnElement[bool],
    values: dict[str, Any],
) -> None:
    await session.execute(
        update(model)
        .where(where, model.deleted.is_(None))
        .values(**values)
        .execution_options(synchronize_session=False)
    )


async def soft_delete(session: AsyncSession, principal: Principal, model: Model, key: str) -> None:
    row = await lookups.live(session, model, principal, key, for_update=True)
    now = utcnow()
    deletion_id = new_key()
    session.add(
        Deletion(
            id=deletion_id,
            organization_id=principal.organization_id,
            root_kind=_KIND[model],
            root_key=key,
            deleted=now,
            deleted_by_name=principal.name,
            deleted_by_email=principal.email,
        )
    )
    await session.flush()
    descendant = _deleted_values(principal, now, deletion_id, root=False)
    await _stamp(
        session, model, model.key == key, _deleted_values(principal, now, deletion_id, root=True)
    )
    if isinstance(row, Workspace):
        project_keys = select(Project.key).where(Project.workspace_key == key).scalar_subquery()
        await _stamp(session, Project, Project.workspace_key == key, descendant)
        await _stamp(session, Folder, Folder.project_key.in_(project_keys), descendant)
        await _stamp(session, File, File.project_key.in_(project_keys), descendant)
    elif isinstance(row, Project):
        await _stamp(session, Folder, Folder.project_key == key, descendant)
        await _stamp(session, File, File.project_key == key, descendant)
    elif isinstance(row, Folder):
        await _stamp(
            session, Folder, paths.folders_below(row.project_key, row.path_keys), descendant
        )
        await _stamp(session, File, paths.files_below(row.project_key, row.path_keys), descendant)
    await _cascade_events(
        session,
        principal,
        "deleted",
        row,
        [(model, model.deletion_id == deletion_id) for model in _TOP_DOWN],
        deletion_id,
    )


# -- restoration ----------------------------------------------------------------------------


async def _deleted_root(session: AsyncSession, principal: Principal, model: Model, key: str) -> Any:
    row = await lookups.find(session, model, principal, key, live=False, for_update=True)
    if row is None or row.deleted is None or not row.deletion_root:
        raise NotFound(
            f"no recently deleted {_KIND[model]} with key '{key}' was found (a resource deleted "
            "together with its container is restored through that container)"
        )
    return row


async def _revive(session: AsyncSession, principal: Principal, root: Any, deletion_id: str) -> None:
    revived = {
        model: list(
            await session.scalars(select(model.key).where(model.deletion_id == deletion_id))
        )
        for model in _TOP_DOWN
    }
    cleared = {
        "deleted": None,
        "deleted_by_name": None,
        "deleted_by_email": None,
        "deletion_id": None,
        "deletion_root": False,
    }
    for model in (Workspace, Project, Folder, File):
        await session.execute(
            update(model)
            .where(model.deletion_id == deletion_id)
            .values(**cleared)
            .execution_options(synchronize_session=False)
        )
    await session.execute(delete(Deletion).where(Deletion.id == deletion_id))
    await session.refresh(root)
    await _cascade_events(
        session,
        principal,
        "restored",
        root,
        [(model, model.key.in_(keys)) for model, keys in revived.items() if keys],
        deletion_id,
    )


async def _live_container(
    session: AsyncSession, model: type[Workspace] | type[Project], key: str, what: str
) -> None:
    deleted = await session.scalar(select(model.deleted).where(model.key == key))
    if deleted is not None:
        raise Conflict(f"the {what} is still deleted; restore the {_KIND[model]} '{key}' first")


async def _wrapper_folder(
    session: AsyncSession,
    principal: Principal,
    *,
    project_key: str,
    parent: Folder | None,
    name: str,
) -> Folder:
    key = new_key()
    path_keys, path_names = paths.folder_paths(parent, key, name)
    wrapper = Folder(
        key=key,
        organization_id=principal.organization_id,
        project_key=project_key,
        parent_folder_key=parent.key if parent else None,
        name=name,
        path_keys=path_keys,
        path_names=path_names,
        deletion_root=False,
        **audit_fields.created(principal, utcnow()),
    )
    session.add(wrapper)
    await session.flush()
    await hub_events.resource_event(session, principal, wrapper, "created")
    return wrapper


async def _live_folders(session: AsyncSession, keys: Sequence[str]) -> dict[str, Folder]:
    if not keys:
        return {}
    rows = await session.scalars(
        select(Folder).where(Folder.key.in_(keys), Folder.deleted.is_(None))
    )
    return {folder.key: folder for folder in rows}


async def _folder_name(session: AsyncSession, key: str) -> str | None:
    name: str | None = await session.scalar(select(Folder.name).where(Folder.key == key))
    return name


async def restore_workspace(session: AsyncSession, principal: Principal, key: str) -> Workspace:
    workspace: Workspace = await _deleted_root(session, principal, Workspace, key)
    await _revive(session, principal, workspace, str(workspace.deletion_id))
    return workspace


async def restore_project(session: AsyncSession, principal: Principal, key: str) -> Project:
    project: Project = await _deleted_root(session, principal, Project, key)
    await _live_container(session, Workspace, project.workspace_key, "project's workspace")
    await _revive(session, principal, project, str(project.deletion_id))
    return project


async def restore_folder(session: AsyncSession, principal: Principal, key: str) -> Folder:
    folder: Folder = await _deleted_root(session, principal, Folder, key)
    await _live_container(session, Project, folder.project_key, "folder's project")
    if folder.parent_folder_key is not None:
        ancestors = paths.ancestor_keys(folder)
        live = await _live_folders(session, ancestors)
        if folder.parent_folder_key not in live:
            surviving = next((live[k] for k in reversed(ancestors) if k in live), None)
            lost_name = await _folder_name(session, folder.parent_folder_key)
            wrapper = await _wrapper_folder(
                session,
                principal,
                project_key=folder.project_key,
                parent=surviving,
                name=lost_name or "Restored",
            )
            await _move_folder(session, folder, wrapper)
    await _revive(session, principal, folder, str(folder.deletion_id))
    return folder


async def _move_folder(session: AsyncSession, folder: Folder, parent: Folder) -> None:
    path_keys, path_names = paths.folder_paths(parent, folder.key, folder.name)
    await paths.rewrite_descendants(
        session,
        old_project=folder.project_key,
        old_keys=folder.path_keys,
        old_names=folder.path_names,
        new_project=parent.project_key,
        new_keys=path_keys,
        new_names=path_names,
    )
    folder.parent_folder_key = parent.key
    folder.path_keys = path_keys
    folder.path_names = path_names
    await session.flush()


async def restore_file(session: AsyncSession, principal: Principal, key: str) -> File:
    file: File = await _deleted_root(session, principal, File, key)
    await _live_container(session, Project, file.project_key, "file's project")
    if file.folder_key is not None and not await _live_folders(session, [file.folder_key]):
        lost_name = await _folder_name(session, file.folder_key)
        wrapper = await _wrapper_folder(
            session,
            principal,
            project_key=file.project_key,
            parent=None,
            name=lost_name or "Restored",
        )
        file.folder_key = wrapper.key
        file.simple_path, file.canonical_path = paths.file_paths(wrapper, file.name, file.type)
        await session.flush()
    await _revive(session, principal, file, str(file.deletion_id))
    return file


# -- permanent deletion ---------------------------------------------------------------------


async def _target(session: AsyncSession, principal: Principal, model: Model, key: str) -> Any:
    row = await lookups.find(session, model, principal, key, live=False, for_update=True)
    if row is None:
        raise NotFound(f"no {_KIND[model]} with key '{key}' was found")
    if row.deleted is not None and not row.deletion_root:
        raise Conflict(
            f"the {_KIND[model]} was deleted together with its container; permanently delete "
            "the resource that was deleted instead"
        )
    return row


async def _refuse_live_files(
    session: AsyncSession, row: Any, files: ColumnElement[bool], *, spare_live: bool
) -> None:
    # A deleted target holds no live file by construction (nothing is created, moved or
    # restored into a deleted container); ``spare_live`` checks anyway, for callers that act
    # unattended (the retention sweep), where an inconsistency must never cost a live file.
    if row.deleted is not None and not spare_live:
        return
    if await session.scalar(select(exists().where(files, File.deleted.is_(None)))):
        raise InvalidInput(
            f"the {_KIND[type(row)]} still contains live files; delete or move them first"
        )


async def _remove(
    session: AsyncSession,
    principal: Principal,
    root: Any,
    parts: Sequence[tuple[Model, ColumnElement[bool]]],
) -> None:
    """Delete the rows ``parts`` select (innermost first) and the deletion events rooted there;
    ``<kind>.purged`` for each, the root first."""
    await _cascade_events(session, principal, "purged", root, list(reversed(parts)), new_key())
    events: set[str] = set()
    for model, where in parts:
        ids = await session.scalars(
            select(model.deletion_id).where(where, model.deletion_root.is_(True))
        )
        events.update(i for i in ids if i)
    for model, where in parts:
        # Snapshots outlive removed files (their entries are detached, keeping the fileKey)
        # but not removed projects.
        if model is File:
            await snapshot_removal.detach_files(session, select(File.key).where(where))
        elif model is Project:
            await snapshot_removal.forget_projects(session, select(Project.key).where(where))
        await session.execute(
            delete(model).where(where).execution_options(synchronize_session=False)
        )
    if events:
        await session.execute(delete(Deletion).where(Deletion.id.in_(events)))


async def permanently_delete_file(session: AsyncSession, principal: Principal, key: str) -> None:
    file = await lookups.find(session, File, principal, key, live=False, for_update=True)
    if file is None:
        raise NotFound(f"no file with key '{key}' was found")
    await _remove(session, principal, file, [(File, File.key == key)])


async def purge_file(session: AsyncSession, principal: Principal, key: str) -> None:
    """Idempotent: a file that never existed (or is already gone) is fine; only a file of
    another organization is refused, as that organization's data is not the caller's to drop."""
    if not lookups.storable(key):
        return
    # Also after a permanent delete, whose detached snapshot entries the purge drops.
    await snapshot_removal.drop_file_references(session, principal.organization_id, key)
    owner = await session.scalar(select(File.organization_id).where(File.key == key))
    if owner is None:
        return
    if owner != principal.organization_id:
        raise NotFound(f"no file with key '{key}' was found")
    file = await session.scalar(_rows(File, File.key == key))
    await _remove(session, principal, file, [(File, File.key == key)])


async def permanently_delete_folder(
    session: AsyncSession, principal: Principal, key: str, *, spare_live: bool = False
) -> None:
    folder: Folder = await _target(session, principal, Folder, key)
    files = paths.files_below(folder.project_key, folder.path_keys)
    await _refuse_live_files(session, folder, files, spare_live=spare_live)
    await _remove(
        session,
        principal,
        folder,
        [(File, files), (Folder, paths.folder_and_below(folder.project_key, folder.path_keys))],
    )


async def permanently_delete_project(
    session: AsyncSession, principal: Principal, key: str, *, spare_live: bool = False
) -> None:
    project: Project = await _target(session, principal, Project, key)
    await _refuse_live_files(session, project, File.project_key == key, spare_live=spare_live)
    await _remove(
        session,
        principal,
        project,
        [
            (File, File.project_key == key),
            (Folder, Folder.project_key == key),
            (Project, Project.key == key),
        ],
    )


async def permanently_delete_workspace(
    session: AsyncSession, principal: Principal, key: str, *, spare_live: bool = False
) -> None:
    workspace: Workspace = await _target(session, principal, Workspace, key)
    project_keys = select(Project.key).where(Project.workspace_key == key).scalar_subquery()
    await _refuse_live_files(
        session, workspace, File.project_key.in_(project_keys), spare_live=spare_live
    )
    await session.execute(delete(Member).where(Member.workspace_key == key))
    await _remove(
        session,
        principal,
        workspace,
        [
            (File, File.project_key.in_(project_keys)),
            (Folder, Folder.project_key.in_(project_keys)),
            (Project, Project.workspace_key == key),
            (Workspace, Workspace.key == key),
        ],
    )
