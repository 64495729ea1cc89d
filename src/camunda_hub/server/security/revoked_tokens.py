"""Access tokens revoked by their clients (RFC 7009), as every process holds them: a set of
``jti`` values checked on each API call (also for tokens already in the verified-token cache).

Revoking writes a row and a change-feed entry; the answering process adds the jti at once, the
others when they next read the feed (within ``sync_interval``), like a revoked client."""

from __future__ import annotations

import time
from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from camunda_hub.server.store import changes
from camunda_hub.server.store.schema.base import utcnow
from camunda_hub.server.store.schema.revoked_tokens import RevokedToken

# The change-feed kind of a revoked token (its ref is the jti).
TOKEN = "token"


class RevokedTokens:
    def __init__(self) -> None:
        # jti → epoch seconds after which the token is expired anyway and can be forgotten.
        self._until: dict[str, float] = {}

    def __contains__(self, jti: object) -> bool:
        return jti in self._until

    def __len__(self) -> int:
        return len(self._until)

    def add(self, jti: str, until: float) -> None:
        self._until[jti] = until

    async def load_all(self, session: AsyncSession) -> None:
        rows = await session.scalars(select(RevokedToken).where(RevokedToken.expires > utcnow()))
        self._until = {row.jti: row.expires.timestamp() for row in rows.all()}

    async def refresh(self, session: AsyncSession, jtis: Iterable[str]) -> None:
        wanted = list(set(jtis))
        if wanted:
            query = select(RevokedToken).where(RevokedToken.jti.in_(wanted))
            for row in (await session.scalars(query)).all():
                self._until[row.jti] = row.expires.timestamp()
        now = time.time()
        for jti in [jti for jti, until in self._until.items() if until < now]:
            del self._until[jti]


async def record(session: AsyncSession, jti: str, client_id: str, expires: float) -> None:
    """Persist a revocation (idempotent) and tell the other processes."""
    if await session.get(RevokedToken, jti) is None:
        session.add(
            RevokedToken(jti=jti, client_id=client_id, expires=datetime.fromtimestamp(expires, UTC))
        )
        changes.record(session, TOKEN, jti)
    # Rows of tokens that expired are useless: drop them while we are writing anyway.
    await session.execute(delete(RevokedToken).where(RevokedToken.expires < utcnow()))
