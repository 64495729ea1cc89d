"""Token-endpoint throttling state shared by every process of a deployment (PostgreSQL)."""

from __future__ import annotations

from sqlalchemy import BigInteger, Float, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from camunda_hub.server.store.schema.base import Base


class TokenRateWindow(Base):
    """Requests counted in the current fixed window of one throttling key (client or address,
    hashed: the raw values are caller-chosen text)."""

    __tablename__ = "token_rate_windows"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    window_index: Mapped[int] = mapped_column(BigInteger)
    hits: Mapped[int] = mapped_column(Integer)


class TokenLockout(Base):
    """Consecutive wrong secrets of a known client, and until when it is locked (epoch s)."""

    __tablename__ = "token_lockouts"

    client_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer)
    locked_until: Mapped[float] = mapped_column(Float)
