"""Single use of client assertions (RFC 7523 §3, item 7): every process records the ``jti`` it
accepted in one table, so an assertion captured on its way to one server process cannot be
replayed on another. The primary key decides: of two processes racing with the same assertion,
one insert fails.

Entries live until the assertion's own expiry (plus the clock skew it was accepted with); after
that the assertion is refused as expired, so forgetting the jti costs nothing."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError

from camunda_hub.server.store.db import Database
from camunda_hub.server.store.schema.base import utcnow
from camunda_hub.server.store.schema.client_keys import UsedAssertion

_PRUNE_EVERY_SECONDS = 60.0


class UsedAssertions:
    def __init__(self, db: Callable[[], Database]) -> None:
        self._db = db
        self._next_prune = 0.0

    async def first_use(self, client_id: str, jti: str, keep_until: datetime) -> bool:
        """Records the assertion; False when some process already accepted it."""
        key = hashlib.sha256(f"{client_id}\0{jti}".encode("utf-8", "surrogatepass")).hexdigest()
        prune = time.monotonic() >= self._next_prune
        try:
            async with self._db().transaction() as session:
                if prune:
                    await session.execute(
                        delete(UsedAssertion).where(UsedAssertion.expires < utcnow())
                    )
                session.add(UsedAssertion(key=key, expires=keep_until))
                await session.flush()
        except IntegrityError:
            return False
        if prune:
            self._next_prune = time.monotonic() + _PRUNE_EVERY_SECONDS
        return True
