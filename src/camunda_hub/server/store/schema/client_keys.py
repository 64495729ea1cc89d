"""API-client public keys (``private_key_jwt``, RFC 7523) and the single-use record of the
client assertions they signed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from camunda_hub.server.store.schema.base import Base, UTCDateTime, utcnow


class ClientKey(Base):
    """One public key a client signs its assertions with; several may be active (rotation)."""

    __tablename__ = "client_keys"
    __table_args__ = (UniqueConstraint("client_id", "kid", name="uq_client_keys_client_kid"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    client_id: Mapped[str] = mapped_column(
        ForeignKey("api_clients.client_id", ondelete="CASCADE"), index=True
    )
    # The JWK's own kid, or its RFC 7638 thumbprint when it has none.
    kid: Mapped[str] = mapped_column(String(255))
    # Fixed by the key type: an assertion signed with any other algorithm is refused.
    alg: Mapped[str] = mapped_column(String(16))
    public_jwk: Mapped[dict[str, str]] = mapped_column(JSON)
    thumbprint: Mapped[str] = mapped_column(String(64))
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(255))


class UsedAssertion(Base):
    """A client assertion's ``jti`` seen by any process: the primary key makes a second use fail
    on every process alike. Kept until the assertion's own ``exp`` (it is refused after that
    anyway)."""

    __tablename__ = "used_client_assertions"

    # SHA-256 of client id and jti: fixed length whatever the client sends.
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    expires: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
