"""Files: typed content inside a project (optionally in a folder), guarded by a revision.

Every change bumps ``revision``; an update must name the revision it was based on and a stale
one is refused without writing anything. The check and the write are one conditional UPDATE
(``WHERE key = :k AND revision = :r``), so two concurrent writers can never both succeed."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, Table, select
from sqlalchemy import update as sql_update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from camunda_hub.server.search import Field, FieldKind, Op, SearchRequest, SearchSpec
from camunda_hub.server.security.principal import Principal
from camunda_hub.server.services.errors import Conflict
from camunda_hub.server.services.hub import (
    audit_fields,
    hub_events,
    lookups,
    paths,
    placement,
    template_usages,
)
from camunda_hub.server.services.hub.folders import resolve_location
from camunda_hub.server.services.hub.listing import without_content
from camunda_hub.server.store.driver_statements import DriverStatement
from camunda_hub.server.store.schema.base import new_key, utcnow
from camunda_hub.server.store.schema.hub import File, Folder

_FILES: Table = File.__table__  # type: ignore[assignment]
_INSERT = _FILES.insert()
# On inline SQLite the INSERT goes straight to the driver (see store/driver_statements).
_INSERT_ON_THE_DRIVER = DriverStatement(_INSERT)

SEARCH = SearchSpec(
    fields={
        "name": Field(File.name, FieldKind.STRING),
        "projectKey": Field(File.project_key, FieldKind.BASIC),
        "folderKey": Field(File.folder_key, FieldKind.BASIC),
        "type": Field(File.type, FieldKind.BASIC),
        "created": Field(File.created, FieldKind.DATETIME),
        "updated": Field(File.updated, FieldKind.DATETIME),
        "createdBy": Field(File.created_by_email, FieldKind.BASIC),
        "updatedBy": Field(File.updated_by_email, FieldKind.BASIC),
    },
    sort_fields={
        "name": File.name,
        "type": File.type,
        "created": File.created,
        "updated": File.updated,
    },
    tiebreaker=File.key,
)

RECENTLY_DELETED_SEARCH = SearchSpec(
    fields={
        "fileKey": Field(File.key, FieldKind.BASIC),
        "name": Field(File.name, FieldKind.STRING),
        "projectKey": Field(File.project_key, FieldKind.BASIC),
        "type": Field(File.type, FieldKind.BASIC),
        "deleted": Field(File.deleted, FieldKind.DATETIME),
    },
    sort_fields={"name": File.name, "type": File.type, "deleted": File.deleted},
    tiebreaker=File.key,
)


async def create(
    session: AsyncSession,
    principal: Principal,
    *,
    name: str,
    project_key: str,
    folder_key: str | None,
    file_type: str,
    content: str,
) -> File:
    if session.new or session.dirty or session.deleted:
        # The row goes in as a Core INSERT, which does not flush the session first: whatever
        # the transaction changed through the ORM must be in the database before it.
        await session.flush()
    found = await placement.place(session, principal, project_key, folder_key)
    if found is None:
        # Some key does not resolve (or they disagree): the general lookup words the 400.
        project, folder = await resolve_location(
            session,
            principal,
            project_key=project_key,
            folder_key=folder_key,
            folder_field="folderKey",
        )
        found = placement.Place(project.key, project.workspace_key, None)
        if folder is not None:
            found = found._replace(
                folder_key=folder.key, path_keys=folder.path_keys, path_names=folder.path_names
            )
    folder_path = None if found.folder_key is None else found
    simple_path, canonical_path = paths.file_paths(folder_path, name, file_type)
    values = {
        "key": new_key(),
        "organization_id": principal.organization_id,
        "project_key": found.project_key,
        "folder_key": found.folder_key,
        "name": name,
        "type": file_type,
        "content": content,
        "revision": 1,
        "simple_path": simple_path,
        "canonical_path": canonical_path,
        "deletion_root": False,
        **audit_fields.created(principal, utcnow()),
    }
    connection = (await session.connection()).sync_connection
    assert connection is not None
    if _INSERT_ON_THE_DRIVER.execute(connection, values) is None:
        await session.execute(_INSERT, values)
    hub_events.remember_workspace(session, found.project_key, found.workspace_key)
    # Not added to the session: the row is written; the object carries it to the event and
    # the response.
    file = File(**values)
    await template_usages.record(session, file, new=True)
    await hub_events.resource_event(session, principal, file, "created")
    return file


async def get(session: AsyncSession, principal: Principal, key: str) -> File:
    return await lookups.live(session, File, principal, key)


async def _new_location(
    session: AsyncSession, principal: Principal, file: File, changes: dict[str, Any]
) -> tuple[str, Folder | None] | None:
    """(project key, folder) when ``changes`` move the file, else None."""
    moves_project = "projectKey" in changes and changes["projectKey"] != file.project_key
    if "folderKey" not in changes and not moves_project:
        return None
    folder_key = changes.get("folderKey")
    project_key = changes.get("projectKey")
    if project_key is None and folder_key is None:
        # ``folderKey: null`` alone: to the root of the file's own project.
        project_key = file.project_key
    project, folder = await resolve_location(
        session, principal, project_key=project_key, folder_key=folder_key, folder_field="folderKey"
    )
    return project.key, folder


async def update(
    session: AsyncSession,
    principal: Principal,
    key: str,
    *,
    revision: int,
    changes: dict[str, Any],
) -> File:
    file = await lookups.live(session, File, principal, key)
    if file.revision != revision:
        raise _stale(file, revision)
    values: dict[str, Any] = {}
    if "content" in changes and changes["content"] != file.content:
        values["content"] = changes["content"]
    name = changes.get("name", file.name)
    location = await _new_location(session, principal, file, changes)
    if location is not None:
        project_key, folder = location
        values["project_key"] = project_key
        values["folder_key"] = folder.key if folder else None
        values["simple_path"], values["canonical_path"] = paths.file_paths(folder, name, file.type)
    elif name != file.name:
        leaf_before = paths.file_name_with_extension(file.name, file.type)
        folder_part = file.simple_path[: len(file.simple_path) - len(leaf_before)]
        values["simple_path"] = folder_part + paths.file_name_with_extension(name, file.type)
    if name != file.name:
        values["name"] = name
    if not values:
        return file
    audited = audit_fields.updated(principal, utcnow())
    result = await session.execute(
        sql_update(File)
        .where(
            File.key == key,
            File.organization_id == principal.organization_id,
            File.deleted.is_(None),
            File.revision == revision,
        )
        .values(revision=File.revision + 1, **values, **audited)
        .execution_options(synchronize_session=False)
    )
    if getattr(result, "rowcount", 0) != 1:
        # Someone else changed (or deleted) the file since we read it: refuse, write nothing.
        raise Conflict(
            f"file '{key}' was changed concurrently; fetch it again and retry with its "
            "current revision"
        )
    if "content" in values:
        await template_usages.record(session, file, content=values["content"])
    before = hub_events.snapshot_of(file)
    # The row now holds exactly these values (the UPDATE matched this revision): set them on
    # the loaded object as committed state instead of reading the row back.
    for name, value in {"revision": revision + 1, **values, **audited}.items():
        set_committed_value(file, name, value)
    await _record_update(session, principal, file, before, content_changed="content" in values)
    return file


async def _record_update(
    session: AsyncSession,
    principal: Principal,
    file: File,
    before: dict[str, Any],
    *,
    content_changed: bool,
) -> None:
    """One event per update, typed by what matters most to a consumer: new content first
    (CI rebuilds), then a new location, else ``file.updated``; ``changes`` lists everything."""
    differences = hub_events.changed(before, hub_events.snapshot_of(file))
    if content_changed:
        differences["content"] = {"changed": True}
        action = "content_changed"
    elif "projectKey" in differences or "folderKey" in differences:
        action = "moved"
    else:
        action = "updated"
    await hub_events.resource_event(session, principal, file, action, changes=differences)


def _stale(file: File, revision: int) -> Conflict:
    return Conflict(
        f"revision {revision} is not the current revision of file '{file.key}' "
        f"(current: {file.revision}); fetch the file again and reapply the change"
    )


def searchable(principal: Principal) -> Select[Any]:
    return (
        select(File)
        .options(without_content())
        .where(File.organization_id == principal.organization_id, File.deleted.is_(None))
    )


def uses_key_order_indexes(request: SearchRequest, *narrowing: str) -> bool:
    """Whether a search of live files may select with the always-true ``key IS NOT NULL``, the
    predicate of the live indexes in key order (migration 0024; see ``File``'s indexes): in the
    default (key) order with no filter, and with one equality on a ``narrowing`` field (the
    API's name for the files' project) in any order. Elsewhere SQLite, which plans without
    statistics, would walk the organization in key order where an equality index and a sort
    serve far better."""
    conditions = request.conditions
    if not conditions:
        # Sorted otherwise, an index in that order serves the page.
        return not request.sort
    return len(conditions) == 1 and conditions[0].field in narrowing and conditions[0].op is Op.EQ


def recently_deleted(principal: Principal) -> Select[Any]:
    return (
        select(File)
        .options(without_content())
        .where(
            File.organization_id == principal.organization_id,
            File.deleted.is_not(None),
            File.deletion_root.is_(True),
        )
    )
