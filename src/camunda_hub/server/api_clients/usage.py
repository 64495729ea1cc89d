"""Token-issuance counts and last-used times per client, batched in memory and flushed every
few seconds, so the token endpoint never writes to the database on the request path."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import update

from camunda_hub.server.store.db import Database
from camunda_hub.server.store.schema.base import utcnow
from camunda_hub.server.store.schema.identity import ApiClient


@dataclass
class _Pending:
    count: int
    last: datetime


class UsageRecorder:
    def __init__(self) -> None:
        self._pending: dict[str, _Pending] = {}

    def token_issued(self, client_id: str) -> None:
        pending = self._pending.get(client_id)
        now = utcnow()
        if pending is None:
            self._pending[client_id] = _Pending(1, now)
        else:
            pending.count += 1
            pending.last = now

    async def flush(self, db: Database) -> None:
        if not self._pending:
            return
        batch, self._pending = self._pending, {}
        try:
            async with db.transaction() as session:
                for client_id, pending in batch.items():
                    await session.execute(
                        update(ApiClient)
                        .where(ApiClient.client_id == client_id)
                        .values(
                            tokens_issued=ApiClient.tokens_issued + pending.count,
                            last_used=pending.last,
                        )
                    )
        except BaseException:
            # Not written (database away, or shutdown): keep the counts for the next flush.
            self._merge_back(batch)
            raise

    def _merge_back(self, batch: dict[str, _Pending]) -> None:
        for client_id, pending in batch.items():
            newer = self._pending.get(client_id)
            if newer is None:
                self._pending[client_id] = pending
            else:
                newer.count += pending.count
