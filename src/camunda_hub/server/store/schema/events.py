"""The change feed of Hub data (an outbox: events are written in the transaction of the change)
and its per-organization sequence counter."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from camunda_hub.server.store.schema.base import Base, UTCDateTime

# SQLite only autoincrements an INTEGER PRIMARY KEY.
_ID = BigInteger().with_variant(Integer, "sqlite")


class HubEvent(Base):
    __tablename__ = "hub_events"

    id: Mapped[int] = mapped_column(_ID, primary_key=True, autoincrement=True)
    organization_id: Mapped[str] = mapped_column(String(64))
    sequence: Mapped[int] = mapped_column(BigInteger)
    event_key: Mapped[str] = mapped_column(String(64))
    type: Mapped[str] = mapped_column(String(64))
    occurred: Mapped[datetime] = mapped_column(UTCDateTime)
    actor_name: Mapped[str | None] = mapped_column(String(255), nullable=True)
    actor_email: Mapped[str | None] = mapped_column(String(320), nullable=True)
    resource_type: Mapped[str] = mapped_column(String(32))
    resource_key: Mapped[str] = mapped_column(String(255))
    parents: Mapped[dict[str, Any]] = mapped_column(JSON)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    correlation_id: Mapped[str | None] = mapped_column(String(64), nullable=True)

    __table_args__ = (
        UniqueConstraint("organization_id", "sequence", name="uq_hub_events_org_sequence"),
        Index("ix_hub_events_occurred", "occurred"),
    )


class EventCounter(Base):
    """The last sequence handed out per organization. Writers update this row in their own
    transaction, so they take their numbers in commit order (see events/record.py)."""

    __tablename__ = "hub_event_counters"

    organization_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    last_sequence: Mapped[int] = mapped_column(BigInteger, default=0)
    # Events up to this sequence were dropped by retention: a reader behind it must resync.
    pruned_through: Mapped[int] = mapped_column(BigInteger, default=0)


class Webhook(Base):
    """A receiver of the organization's events. Its queue is the feed itself: ``cursor`` is the
    last sequence delivered (or skipped as not matching ``types``), so deliveries are in order
    and nothing is copied per event. One process at a time works on a webhook: the one holding
    its lease (``lease_until``), taken with FOR UPDATE SKIP LOCKED on PostgreSQL."""

    __tablename__ = "webhooks"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    organization_id: Mapped[str] = mapped_column(String(64), index=True)
    url: Mapped[str] = mapped_column(String(2048))
    types: Mapped[list[str]] = mapped_column(JSON)
    description: Mapped[str | None] = mapped_column(String(500), nullable=True)
    active: Mapped[bool] = mapped_column(Boolean)
    failing: Mapped[bool] = mapped_column(Boolean, default=False)
    # AES-GCM under the deployment's key-encryption key (the secret must be usable to sign).
    secret_encrypted: Mapped[bytes] = mapped_column(LargeBinary)
    previous_secret_encrypted: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    previous_secret_expires: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    created: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by_name: Mapped[str | None] = mapped_column(String(255), nullable=True)
    created_by_email: Mapped[str | None] = mapped_column(String(320), nullable=True)
    updated: Mapped[datetime] = mapped_column(UTCDateTime)
    cursor: Mapped[int] = mapped_column(BigInteger, default=0)
    # The head event's failed attempts so far, when they began, and when to try again.
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    failing_since: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    next_attempt: Mapped[datetime] = mapped_column(UTCDateTime)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    lease_owner: Mapped[str | None] = mapped_column(String(64), nullable=True)
    last_delivery: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_status: Mapped[int | None] = mapped_column(Integer, nullable=True)

    __table_args__ = (Index("ix_webhooks_due", "active", "failing", "next_attempt"),)


class WebhookAttempt(Base):
    """The delivery log: one row per attempt."""

    __tablename__ = "webhook_attempts"

    id: Mapped[int] = mapped_column(_ID, primary_key=True, autoincrement=True)
    webhook_key: Mapped[str] = mapped_column(
        ForeignKey("webhooks.key", ondelete="CASCADE"), index=True
    )
    event_sequence: Mapped[int] = mapped_column(BigInteger)
    event_key: Mapped[str] = mapped_column(String(64))
    event_type: Mapped[str] = mapped_column(String(64))
    attempt: Mapped[int] = mapped_column(Integer)
    started: Mapped[datetime] = mapped_column(UTCDateTime)
    duration_ms: Mapped[int] = mapped_column(Integer)
    status_code: Mapped[int | None] = mapped_column(Integer, nullable=True)
    error: Mapped[str | None] = mapped_column(String(255), nullable=True)
    delivered: Mapped[bool] = mapped_column(Boolean)
    next_attempt: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    process: Mapped[str] = mapped_column(String(64))
