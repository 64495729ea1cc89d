"""Organizations, API clients, signing keys, the change feed and the audit trail."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy import JSON, BigInteger, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from camunda_hub.server.store.schema.base import Base, UTCDateTime, new_key, utcnow


class Organization(Base):
    __tablename__ = "organizations"

    id: Mapped[str] = mapped_column(String(64), primary_key=True, default=new_key)
    name: Mapped[str] = mapped_column(String(255))
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ApiClient(Base):
    __tablename__ = "api_clients"

    client_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    organization_id: Mapped[str] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(255))
    # HMAC-SHA-256(pepper, secret), hex. The secret itself is never stored.
    secret_hash: Mapped[str] = mapped_column(String(64))
    # During a rotation grace period the previous secret still authenticates.
    previous_secret_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)
    previous_secret_expires: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    permissions: Mapped[list[str]] = mapped_column(JSON)
    # Bumped by every secret rotation and permission change; tokens carry the generation they
    # were minted under and are refused once it falls below ``min_token_generation``.
    generation: Mapped[int] = mapped_column(Integer, default=1)
    min_token_generation: Mapped[int] = mapped_column(Integer, default=1)
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(255))
    secret_rotated: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_used: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    tokens_issued: Mapped[int] = mapped_column(BigInteger, default=0)
    # RFC 9449: the client only gets DPoP-bound tokens (a token request without a proof fails).
    dpop_required: Mapped[bool] = mapped_column(
        sa.Boolean, default=False, server_default=sa.false()
    )
    # private_key_jwt keys published by the client at a JWK Set URL (clients/remote_jwks.py),
    # beside or instead of keys in client_keys.
    jwks_url: Mapped[str | None] = mapped_column(sa.String(2048), nullable=True, default=None)


class SigningKey(Base):
    __tablename__ = "signing_keys"

    kid: Mapped[str] = mapped_column(String(64), primary_key=True)
    alg: Mapped[str] = mapped_column(String(16))
    public_jwk: Mapped[dict[str, str]] = mapped_column(JSON)
    # AES-256-GCM(nonce || ciphertext) of the PKCS#8 private key, under the key-encryption key.
    private_key_encrypted: Mapped[bytes] = mapped_column(LargeBinary)
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The newest non-retired key signs; retired keys only verify until ``verify_until``.
    retired: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    verify_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class Change(Base):
    """An append-only feed other processes poll to refresh their in-memory caches."""

    __tablename__ = "changes"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(32))
    ref: Mapped[str] = mapped_column(String(255))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


class AuditEvent(Base):
    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    organization_id: Mapped[str | None] = mapped_column(String(64), index=True, nullable=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(255))
    action: Mapped[str] = mapped_column(String(64))
    target: Mapped[str] = mapped_column(String(255))
    detail: Mapped[str | None] = mapped_column(Text, nullable=True)


class DeploymentMeta(Base):
    """Small key/value facts about the deployment (e.g. a check value for the secret key)."""

    __tablename__ = "deployment_meta"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
