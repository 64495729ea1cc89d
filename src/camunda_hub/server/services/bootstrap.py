"""What the first start of an empty deployment creates."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from camunda_hub.server.api_clients.permissions import PERMISSIONS
from camunda_hub.server.services import api_clients, organizations
from camunda_hub.server.services.api_clients import IssuedCredentials

BOOTSTRAP_CLIENT_NAME = "bootstrap"


async def first_start(
    session: AsyncSession, *, pepper: bytes, with_client: bool
) -> IssuedCredentials | None:
    """Create the organization, and (embedded mode) an API client with every permission.

    Returns the client's credentials when one was created: the caller prints them once."""
    if await organizations.first(session) is not None:
        return None
    org = await organizations.create(session, organizations.DEFAULT_NAME, actor="system")
    if not with_client:
        return None
    return await api_clients.create(
        session,
        organization_id=org.id,
        name=BOOTSTRAP_CLIENT_NAME,
        permissions=list(PERMISSIONS),
        pepper=pepper,
        actor="system",
    )
