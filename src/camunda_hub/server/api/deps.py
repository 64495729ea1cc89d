"""FastAPI dependencies shared by the ``/api/v2`` routers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from camunda_hub.server.runtime import runtime_of
from camunda_hub.server.security.permissions import current_principal
from camunda_hub.server.security.principal import Principal


async def _read_session(request: Request) -> AsyncIterator[AsyncSession]:
    async with runtime_of(request).db.session() as session:
        yield session


async def _write_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One read-write transaction per request: committed when the handler returns normally,
    rolled back when it raises (so a failed request never leaves half a change)."""
    async with runtime_of(request).db.transaction() as session:
        yield session


ReadSession = Annotated[AsyncSession, Depends(_read_session, scope="function")]
# scope="function": the transaction commits before the response is sent. With FastAPI's default
# ("request") it would commit after the client already got its 200, so a failed commit would be
# a lost write and a client's next request could read the state from before its own change.
WriteSession = Annotated[AsyncSession, Depends(_write_session, scope="function")]
Caller = Annotated[Principal, Depends(current_principal)]
