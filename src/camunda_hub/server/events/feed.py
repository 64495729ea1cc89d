"""Reading the change feed: pages after a sequence, and dropping what retention no longer keeps."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from camunda_hub.server.store.schema.events import EventCounter, HubEvent

MAX_LIMIT = 1000


class ResyncRequired(Exception):
    """The reader asked for events that retention dropped already."""

    def __init__(self, after: int, pruned_through: int) -> None:
        super().__init__(after, pruned_through)
        self.after = after
        self.pruned_through = pruned_through


@dataclass(frozen=True)
class Page:
    items: list[HubEvent]
    next_after: int


async def counter(session: AsyncSession, organization_id: str) -> tuple[int, int]:
    """(last sequence, pruned through) of the organization; (0, 0) before its first event."""
    row = (
        await session.execute(
            select(EventCounter.last_sequence, EventCounter.pruned_through).where(
                EventCounter.organization_id == organization_id
            )
        )
    ).first()
    return (0, 0) if row is None else (int(row[0]), int(row[1]))


def _type_filter(prefixes: Sequence[str]) -> Any:
    conditions = []
    for prefix in prefixes:
        # A full type matches itself; "file." or "file" matches the family.
        family = prefix if prefix.endswith(".") else prefix + "."
        conditions += [HubEvent.type == prefix, HubEvent.type.startswith(family, autoescape=True)]
    return or_(*conditions)


async def page(
    session: AsyncSession,
    organization_id: str,
    *,
    after: int,
    limit: int,
    types: Sequence[str] = (),
) -> Page:
    """Events with a sequence above ``after``, in order. The counter is read first: every
    sequence up to it is committed (events/record.py), so when fewer than ``limit`` events
    match, the reader may continue from the counter without missing anything — a filter that
    matched nothing still moves the reader on."""
    last, pruned_through = await counter(session, organization_id)
    if after < pruned_through:
        raise ResyncRequired(after, pruned_through)
    query = (
        select(HubEvent)
        .where(
            HubEvent.organization_id == organization_id,
            HubEvent.sequence > after,
            HubEvent.sequence <= last,
        )
        .order_by(HubEvent.sequence)
        .limit(limit)
    )
    if types:
        query = query.where(_type_filter(types))
    items = list(await session.scalars(query))
    if len(items) == limit:
        return Page(items, items[-1].sequence)
    return Page(items, max(after, last))


async def prune(session: AsyncSession, cutoff: datetime) -> int:
    """Drop events older than ``cutoff``; each organization's counter remembers up to which
    sequence, so a reader behind it is told to resync instead of silently missing events."""
    rows = await session.execute(
        select(HubEvent.organization_id, func.max(HubEvent.sequence))
        .where(HubEvent.occurred < cutoff)
        .group_by(HubEvent.organization_id)
    )
    removed = 0
    for organization_id, through in rows.all():
        result = await session.execute(
            delete(HubEvent)
            .where(HubEvent.organization_id == organization_id, HubEvent.sequence <= through)
            .execution_options(synchronize_session=False)
        )
        removed += int(getattr(result, "rowcount", 0) or 0)
        await session.execute(
            update(EventCounter)
            .where(
                EventCounter.organization_id == organization_id,
                EventCounter.pruned_through < through,
            )
            .values(pruned_through=through)
        )
    return removed
