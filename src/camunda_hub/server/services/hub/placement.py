"""Where a new file goes: its project and folder, read in one Core statement.

A create names a project and (optionally) a folder; both must be live, of the caller's
organization, and agree. ``folders.resolve_location`` checks that with one ORM lookup per key,
which on the create path cost more than the insert itself (bench/writes.py). Here the happy path
is one prebuilt SELECT of the few columns a create needs, share-locked like the lookups (on
PostgreSQL; SQLite writers are serialised by ``BEGIN IMMEDIATE``), run on the driver on inline
SQLite (``store/driver_statements``). When it finds nothing, the caller falls back to
``resolve_location``, which words the exact 400 (which key, which field)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from sqlalchemy import Table, bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from camunda_hub.server.security.principal import Principal
from camunda_hub.server.services.hub.lookups import storable
from camunda_hub.server.store.driver_statements import DriverStatement
from camunda_hub.server.store.schema.hub import Folder, Project


class Place(NamedTuple):
    project_key: str
    workspace_key: str | None
    folder_key: str | None  # None: the project root
    path_keys: str = ""  # the folder's materialised paths (see ``paths``)
    path_names: str = ""


_PROJECTS: Table = Project.__table__  # type: ignore[assignment]
_FOLDERS: Table = Folder.__table__  # type: ignore[assignment]

_LIVE_PROJECT = (
    _PROJECTS.c.key == bindparam("project_key"),
    _PROJECTS.c.organization_id == bindparam("organization_id"),
    _PROJECTS.c.deleted.is_(None),
)
_AT_ROOT = DriverStatement(
    select(_PROJECTS.c.key.label("project_key"), _PROJECTS.c.workspace_key)
    .where(*_LIVE_PROJECT)
    .with_for_update(read=True)
)
_IN_FOLDER = DriverStatement(
    select(
        _PROJECTS.c.key.label("project_key"),
        _PROJECTS.c.workspace_key,
        _FOLDERS.c.key,
        _FOLDERS.c.path_keys,
        _FOLDERS.c.path_names,
    )
    .join(_PROJECTS, _PROJECTS.c.key == _FOLDERS.c.project_key)
    .where(
        _FOLDERS.c.key == bindparam("folder_key"),
        _FOLDERS.c.organization_id == bindparam("organization_id"),
        _FOLDERS.c.deleted.is_(None),
        *_LIVE_PROJECT,
    )
    .with_for_update(read=True)
)


async def _first(
    session: AsyncSession, statement: DriverStatement, parameters: dict[str, str]
) -> Sequence[Any] | None:
    """The first row, as a tuple of the selected columns in order."""
    connection = (await session.connection()).sync_connection
    assert connection is not None
    cursor = statement.execute(connection, parameters)
    if cursor is not None:
        row: Sequence[Any] | None = cursor.fetchone()
        cursor.close()
        return row
    return (await session.execute(statement.statement, parameters)).first()


async def place(
    session: AsyncSession, principal: Principal, project_key: str, folder_key: str | None
) -> Place | None:
    """None when the keys do not name a live project (and a live folder of it) of the
    caller's organization."""
    if not storable(project_key) or (folder_key is not None and not storable(folder_key)):
        return None
    parameters = {"project_key": project_key, "organization_id": principal.organization_id}
    if folder_key is None:
        root = await _first(session, _AT_ROOT, parameters)
        return None if root is None else Place(root[0], root[1], None)
    parameters["folder_key"] = folder_key
    row = await _first(session, _IN_FOLDER, parameters)
    if row is None:
        return None
    project, workspace, folder, path_keys, path_names = row
    return Place(project, workspace, folder, path_keys, path_names)
