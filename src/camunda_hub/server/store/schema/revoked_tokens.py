"""Access tokens revoked before their expiry (RFC 7009, oauth/token_services.py)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from camunda_hub.server.store.schema.base import Base, UTCDateTime


class RevokedToken(Base):
    """An access token its client revoked (RFC 7009), by ``jti``: every process loads these
    through the change feed and refuses the token until it would have expired anyway."""

    __tablename__ = "revoked_tokens"

    jti: Mapped[str] = mapped_column(String(64), primary_key=True)
    client_id: Mapped[str] = mapped_column(String(64))
    expires: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
