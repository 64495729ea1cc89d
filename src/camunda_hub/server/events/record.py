"""Recording events: in the transaction of the change (an outbox).

Services call :func:`record` while they change data; the events wait in the session and are
written by the session's ``before_commit`` hook, as the last statements of the transaction:
a change without its events, or events without their change, cannot be committed.

Sequences: every organization has one counter row (``hub_event_counters``). The hook adds the
number of its events to it with one upsert and numbers its events from the value it got. The
upsert locks the row until the transaction ends, so two transactions of one organization take
their numbers one after the other and the second cannot commit before the first has (it waits
on the lock): a reader that saw sequence N has seen every number below N that will ever exist,
and a rolled-back transaction gives its numbers back (no gaps). A plain autoincrement column
would hand out numbers at insert time, and a later number could commit first. The cost is
that writers of one organization serialise from the hook to their commit — a few statements,
not the whole request; SQLite serialises all writers anyway (BEGIN IMMEDIATE).

On SQLite a transaction with one event (the usual write) needs no separate counter statement:
the INSERT numbers the event from the counter in a subquery and a trigger (migration 0014)
advances the counter. That is safe only because the writer holds the database's write lock for
its whole transaction; a deferred transaction that raced it would fail on the write (busy
snapshot, or the unique (organization, sequence) pair), never reuse a number. Each statement
is a round trip to the driver's thread, and on a busy machine that, not SQL work, is most of
what an event costs. On PostgreSQL one event is one statement too: the counter upsert runs as
a data-modifying CTE of the event INSERT (same row lock, same ordering).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Table, bindparam, event, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from camunda_hub.server.store.driver_statements import DriverStatement
from camunda_hub.server.store.schema.base import new_key, utcnow
from camunda_hub.server.store.schema.events import EventCounter, HubEvent

_PENDING = "camunda_hub.pending_events"
_COMMITTED = "camunda_hub.committed_events"


@dataclass(frozen=True)
class Actor:
    name: str | None
    email: str | None


@dataclass
class _Pending:
    organization_id: str
    type: str
    actor: Actor
    resource_type: str
    resource_key: str
    parents: dict[str, str | None]
    data: dict[str, Any]
    correlation_id: str | None
    occurred: Any = field(default_factory=utcnow)


# Called after a commit that wrote events, with {organization id: last sequence}: wakes the
# long polls and the webhook dispatcher of this process at once (others poll the counters).
commit_listeners: list[Callable[[dict[str, int]], None]] = []


def record(
    session: Any,
    *,
    organization_id: str,
    actor: Any,
    type: str,
    resource_type: str,
    resource_key: str,
    parents: dict[str, str | None] | None = None,
    data: dict[str, Any] | None = None,
    correlation_id: str | None = None,
) -> None:
    """Queue one event on ``session`` (an AsyncSession or Session); it is written at commit.
    ``actor`` is anything with ``name`` and ``email`` (a Principal)."""
    sync = getattr(session, "sync_session", session)
    pending: list[_Pending] = sync.info.setdefault(_PENDING, [])
    pending.append(
        _Pending(
            organization_id=organization_id,
            type=type,
            actor=Actor(getattr(actor, "name", None), getattr(actor, "email", None)),
            resource_type=resource_type,
            resource_key=resource_key,
            parents=dict(parents or {}),
            data=dict(data or {}),
            correlation_id=correlation_id,
        )
    )


def pending_count(session: Any) -> int:
    sync = getattr(session, "sync_session", session)
    return len(sync.info.get(_PENDING, []))


def _counter_upsert(dialect: Any) -> Any:
    """``counter += :count`` (the row created on first use), returning the new value."""
    statement = dialect.insert(_COUNTERS).values(
        organization_id=bindparam("organization_id"),
        last_sequence=bindparam("count"),
        pruned_through=0,
    )
    return statement.on_conflict_do_update(
        index_elements=["organization_id"],
        set_={"last_sequence": _COUNTERS.c.last_sequence + statement.excluded.last_sequence},
    ).returning(_COUNTERS.c.last_sequence)


# Built once: constructing them per commit (``excluded`` builds a new alias every time) cost
# more than executing them. Core, not ORM statements: the ORM's bulk-insert path is heavier
# than the two plain statements it would issue.
_COUNTERS: Table = EventCounter.__table__  # type: ignore[assignment]
_TAKE_NUMBERS = {"postgresql": _counter_upsert(postgresql), "sqlite": _counter_upsert(sqlite)}
_EVENTS: Table = HubEvent.__table__  # type: ignore[assignment]
_INSERT_EVENTS = _EVENTS.insert()
# SQLite, one event: numbered from the counter inside the INSERT, whose trigger advances the
# counter (migration 0014) — one statement instead of two. Safe because SQLite writers hold
# the database's write lock for their whole transaction (BEGIN IMMEDIATE), so nobody else can
# read the same counter value before this transaction ends.
_INSERT_NEXT_EVENT = (
    _EVENTS.insert()
    .values(
        sequence=select(func.coalesce(func.max(_COUNTERS.c.last_sequence), 0) + 1)
        .where(_COUNTERS.c.organization_id == bindparam("counter_organization_id"))
        .scalar_subquery()
    )
    .returning(_EVENTS.c.sequence)
)


def _pg_insert_next_event() -> Any:
    """PostgreSQL, one event: the counter upsert as a data-modifying CTE feeding the INSERT —
    one statement, the same row lock (and so the same ordering) as the two statements."""
    taken = _counter_upsert(postgresql).cte("taken")
    columns = [c for c in _EVENTS.c if c.name not in ("id", "sequence")]
    source = select(*(bindparam(c.name, type_=c.type) for c in columns), taken.c.last_sequence)
    return (
        _EVENTS.insert()
        .from_select([*(c.name for c in columns), "sequence"], source)
        .add_cte(taken)
        .returning(_EVENTS.c.sequence)
    )


_PG_INSERT_NEXT_EVENT = _pg_insert_next_event()


def _take_numbers(connection: Connection, organization_id: str, count: int) -> int:
    """Add ``count`` to the organization's counter; the new last sequence."""
    statement = _TAKE_NUMBERS[connection.dialect.name]
    parameters = {"organization_id": organization_id, "count": count}
    return int(connection.execute(statement, parameters).scalar_one())


def _row(organization_id: str, sequence: int, item: _Pending) -> dict[str, Any]:
    return {
        "organization_id": organization_id,
        "sequence": sequence,
        "event_key": new_key(),
        "type": item.type,
        "occurred": item.occurred,
        "actor_name": item.actor.name,
        "actor_email": item.actor.email,
        "resource_type": item.resource_type,
        "resource_key": item.resource_key,
        "parents": item.parents,
        "data": item.data,
        "correlation_id": item.correlation_id,
    }


# One event's INSERT runs on every write: on inline SQLite it goes straight to the driver,
# where SQLAlchemy's execution of the cached statement would cost about as much as the INSERT
# (bench/events.py; tests/test_events_outbox_driver.py compares the stored rows).
_ON_THE_DRIVER = DriverStatement(_INSERT_NEXT_EVENT)


def _write_organization(connection: Connection, organization_id: str, items: list[_Pending]) -> int:
    """Number and insert one organization's events; its new last sequence."""
    if len(items) == 1 and connection.dialect.name == "sqlite":
        row = _row(organization_id, 0, items[0])
        del row["sequence"]
        row["counter_organization_id"] = organization_id
        cursor = _ON_THE_DRIVER.execute(connection, row)
        if cursor is not None:
            (sequence,) = cursor.fetchone()
            return int(sequence)
        return int(connection.execute(_INSERT_NEXT_EVENT, row).scalar_one())
    if len(items) == 1 and connection.dialect.name == "postgresql":
        row = _row(organization_id, 0, items[0])
        del row["sequence"]
        row["count"] = 1
        return int(connection.execute(_PG_INSERT_NEXT_EVENT, row).scalar_one())
    last = _take_numbers(connection, organization_id, len(items))
    first = last - len(items) + 1
    rows = [_row(organization_id, first + n, item) for n, item in enumerate(items)]
    connection.execute(_INSERT_EVENTS, rows[0] if len(rows) == 1 else rows)
    return last


@event.listens_for(Session, "before_commit")
def _write_pending(session: Session) -> None:
    pending: list[_Pending] = session.info.pop(_PENDING, [])
    if not pending:
        return
    by_org: dict[str, list[_Pending]] = {}
    for item in pending:
        by_org.setdefault(item.organization_id, []).append(item)
    connection = session.connection()
    # In a fixed order, so two transactions touching the same organizations cannot deadlock.
    session.info[_COMMITTED] = {
        organization_id: _write_organization(connection, organization_id, by_org[organization_id])
        for organization_id in sorted(by_org)
    }


@event.listens_for(Session, "after_commit")
def _announce(session: Session) -> None:
    written: dict[str, int] | None = session.info.pop(_COMMITTED, None)
    if written:
        for listener in list(commit_listeners):
            listener(written)


@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(_PENDING, None)
    session.info.pop(_COMMITTED, None)
