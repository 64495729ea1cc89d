"""Loading one resource of the caller's organization.

A key of another organization, a key that never existed and (for live lookups) a soft-deleted
resource all give the same answer, so nothing reveals what exists elsewhere. Keys in the URL
path that do not resolve are a 404; keys named inside a request body are a 400 (the request is
wrong, the addressed resource is not missing)."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from camunda_hub.server.security.principal import Principal
from camunda_hub.server.services.errors import InvalidInput, NotFound
from camunda_hub.server.store.schema.hub import File, Folder, Project, Workspace

Resource = TypeVar("Resource", bound=Workspace | Project | Folder | File)

_NOUN = {Workspace: "workspace", Project: "project", Folder: "folder", File: "file"}


def storable(text: str) -> bool:
    """Whether ``text`` can be compared with stored text: PostgreSQL refuses NUL characters,
    and no key or address contains one, so such a value simply matches nothing."""
    return "\x00" not in text


async def find(
    session: AsyncSession,
    model: type[Resource],
    principal: Principal,
    key: str,
    *,
    live: bool = True,
    for_update: bool = False,
    for_share: bool = False,
) -> Resource | None:
    """``for_update``: the row is about to change. ``for_share``: the row must stay as read
    (live, in place) until the transaction ends. Both matter on PostgreSQL only; SQLite writers
    are serialized by ``BEGIN IMMEDIATE``."""
    if not storable(key):
        return None
    shape = (model, live, for_update, for_share)
    query = _QUERIES.get(shape)
    if query is None:
        query = _QUERIES[shape] = _query(*shape)
    parameters = {"key": key, "organization_id": principal.organization_id}
    row: Resource | None = await session.scalar(query, parameters)
    return row


# Built once per shape, with bound parameters: building the statement cost more than running
# it (every write looks up its project, folder or file).
_QUERIES: dict[tuple[type[Any], bool, bool, bool], Any] = {}


def _query(model: type[Any], live: bool, for_update: bool, for_share: bool) -> Any:
    query = select(model).where(
        model.key == bindparam("key"), model.organization_id == bindparam("organization_id")
    )
    if live:
        query = query.where(model.deleted.is_(None))
    if for_update:
        query = query.with_for_update()
    elif for_share:
        query = query.with_for_update(read=True)
    return query


async def live(
    session: AsyncSession,
    model: type[Resource],
    principal: Principal,
    key: str,
    *,
    for_update: bool = False,
) -> Resource:
    """The live resource addressed by the URL, or 404."""
    row = await find(session, model, principal, key, for_update=for_update)
    if row is None:
        raise NotFound(f"no {_NOUN[model]} with key '{key}' was found")
    return row


async def referenced(
    session: AsyncSession,
    model: type[Resource],
    principal: Principal,
    key: str,
    field: str,
) -> Resource:
    """The live resource a request body points at, or 400 naming the field. Share-locked, so a
    concurrent soft delete or move of it waits for (or is seen by) this transaction, and nothing
    is ever created inside a container that is being deleted."""
    row = await find(session, model, principal, key, for_share=True)
    if row is None:
        raise InvalidInput(f"{field}: no {_NOUN[model]} with key '{key}' was found")
    return row
