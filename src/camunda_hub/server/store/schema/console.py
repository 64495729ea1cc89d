"""The admin console: organization admins, their sign-in sessions, one-time setup/invitation
tokens and sign-in throttling. Secrets (session ids, setup tokens) are stored as SHA-256 hashes:
a copy of the database does not let anyone sign in."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from camunda_hub.server.store.schema.base import Base, UTCDateTime, new_key, utcnow


class ConsoleAdmin(Base):
    __tablename__ = "console_admins"

    id: Mapped[str] = mapped_column(String(64), primary_key=True, default=new_key)
    organization_id: Mapped[str] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    # The sign-in name; stored lower-cased and unique across the deployment.
    email: Mapped[str] = mapped_column(String(320), unique=True)
    name: Mapped[str | None] = mapped_column(String(255), nullable=True)
    # argon2id, in the PHC string format (parameters travel with the hash).
    password_hash: Mapped[str] = mapped_column(String(255))
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(255))
    last_sign_in: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class ConsoleSession(Base):
    __tablename__ = "console_sessions"

    # SHA-256 of the random session id the browser holds in its cookie.
    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    admin_id: Mapped[str] = mapped_column(
        ForeignKey("console_admins.id", ondelete="CASCADE"), index=True
    )
    # Synchronizer token every form of this session must carry.
    csrf_token: Mapped[str] = mapped_column(String(64))
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class ConsoleSetupToken(Base):
    """A one-time link that lets someone become an admin: the first admin of an organization
    (``email`` empty, valid only while the organization has no admin) or an invited one."""

    __tablename__ = "console_setup_tokens"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    organization_id: Mapped[str] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    email: Mapped[str | None] = mapped_column(String(320), nullable=True)
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(255))
    expires: Mapped[datetime] = mapped_column(UTCDateTime)
    used: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class SignInThrottle(Base):
    """Failed sign-ins per key (``account:<email>`` or ``address:<ip>``) and the time before
    which the next attempt is refused without looking at the password."""

    __tablename__ = "console_sign_in_throttle"

    key: Mapped[str] = mapped_column(String(400), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failure: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    __table_args__ = (Index("ix_console_sign_in_throttle_last_failure", "last_failure"),)
