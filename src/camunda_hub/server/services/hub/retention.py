"""Retention of soft-deleted resources: a deletion event older than the retention period is
removed for good, exactly as if its root had been permanently deleted then (``lifecycle``).

Only whole events expire, oldest first, each in its own transaction, so a failure leaves every
other event as it was and nothing half-removed. Removing an expired root also removes what was
deleted below it earlier (those events are older still, so expired too); what is deleted later
inside a live container is its own, younger event and waits its turn.

Several server processes may sweep at once: the root row is locked before removal, and an event
another process removed meanwhile is simply gone."""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from camunda_hub.server.security.principal import Principal
from camunda_hub.server.services.errors import NotFound, ServiceError
from camunda_hub.server.services.hub import lifecycle
from camunda_hub.server.store.db import Database
from camunda_hub.server.store.schema.hub import Deletion, File, Folder, Project, Workspace

log = logging.getLogger("camunda_hub.retention")

# Events read per query; each is still removed in its own transaction.
BATCH = 100
# Whom the lifecycle code records as acting (it needs an organization and a user reference).
ACTOR_NAME = "camunda-hub retention"
ACTOR_EMAIL = "retention@camunda-hub.invalid"

_Remove = Callable[[AsyncSession, Principal, str], Awaitable[None]]
# A container whose subtree somehow holds a live file is kept (and said in the log), never
# removed with it: ``spare_live``.
_ROOTS: dict[str, tuple[type[Workspace | Project | Folder | File], _Remove]] = {
    "workspace": (
        Workspace,
        functools.partial(lifecycle.permanently_delete_workspace, spare_live=True),
    ),
    "project": (Project, functools.partial(lifecycle.permanently_delete_project, spare_live=True)),
    "folder": (Folder, functools.partial(lifecycle.permanently_delete_folder, spare_live=True)),
    "file": (File, lifecycle.permanently_delete_file),
}


@dataclass(frozen=True)
class _Event:
    id: str
    organization_id: str
    root_kind: str
    root_key: str
    deleted: datetime


@dataclass
class Sweep:
    removed: int = 0
    kept: int = 0  # refused by a lifecycle rule; tried again by the next sweep


async def expired(db: Database, cutoff: datetime) -> int:
    """How many deletion events are older than ``cutoff`` (what a sweep would remove)."""
    async with db.session() as session:
        count = await session.scalar(
            select(func.count()).select_from(Deletion).where(Deletion.deleted < cutoff)
        )
        return int(count or 0)


async def sweep(db: Database, cutoff: datetime) -> Sweep:
    """Remove every deletion event older than ``cutoff``."""
    result = Sweep()
    after: tuple[datetime, str] | None = None
    while True:
        events = await _next_events(db, cutoff, after)
        for event in events:
            try:
                async with db.transaction() as session:
                    removed = await _remove(session, event)
            except ServiceError as exc:
                result.kept += 1
                log.warning(
                    "kept the expired deletion %s (%s %s): %s",
                    event.id,
                    event.root_kind,
                    event.root_key,
                    exc,
                )
                continue
            result.removed += removed
        if len(events) < BATCH:
            return result
        # Keyset paging: a kept event is never read twice in one sweep.
        after = (events[-1].deleted, events[-1].id)


async def _next_events(
    db: Database, cutoff: datetime, after: tuple[datetime, str] | None
) -> list[_Event]:
    query = select(
        Deletion.id,
        Deletion.organization_id,
        Deletion.root_kind,
        Deletion.root_key,
        Deletion.deleted,
    ).where(Deletion.deleted < cutoff)
    if after is not None:
        query = query.where(tuple_(Deletion.deleted, Deletion.id) > tuple_(*after))
    query = query.order_by(Deletion.deleted, Deletion.id).limit(BATCH)
    async with db.session() as session:
        return [_Event(*row) for row in await session.execute(query)]


async def _remove(session: AsyncSession, event: _Event) -> int:
    """1 when the event's root (and everything below it) was removed, 0 when there was
    nothing left to remove."""
    model, remove = _ROOTS[event.root_kind]
    still_deleted = await session.execute(
        select(model.key)
        .where(model.key == event.root_key, model.deletion_id == event.id)
        .with_for_update()
    )
    if still_deleted.first() is None:
        # Restored or removed meanwhile (both also drop the event), or an event left behind:
        # nothing of it remains to expire.
        await session.execute(delete(Deletion).where(Deletion.id == event.id))
        return 0
    actor = Principal(
        client_id="retention",
        organization_id=event.organization_id,
        permissions=frozenset(),
        name=ACTOR_NAME,
        email=ACTOR_EMAIL,
    )
    try:
        await remove(session, actor, event.root_key)
    except NotFound:
        return 0
    return 1
