"""Organizations: the tenant every API client and every Hub resource belongs to."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from camunda_hub.server.services.errors import InvalidInput, NotFound
from camunda_hub.server.store import audit
from camunda_hub.server.store.schema.identity import Organization

DEFAULT_NAME = "Default organization"


async def list_all(session: AsyncSession) -> list[Organization]:
    return list((await session.scalars(select(Organization).order_by(Organization.created))).all())


async def first(session: AsyncSession) -> Organization | None:
    return await session.scalar(select(Organization).order_by(Organization.created).limit(1))


async def get(session: AsyncSession, organization_id: str) -> Organization:
    org = await session.get(Organization, organization_id)
    if org is None:
        raise NotFound(f"organization {organization_id!r} does not exist")
    return org


async def create(session: AsyncSession, name: str, *, actor: str) -> Organization:
    name = name.strip()
    if not name or len(name) > 255:
        raise InvalidInput("an organization name needs 1 to 255 characters")
    org = Organization(name=name)
    session.add(org)
    await session.flush()
    audit.record(
        session, actor=actor, action="organization.created", target=org.id, organization_id=org.id
    )
    return org


async def resolve(
    session: AsyncSession, organization_id: str | None, *, actor: str
) -> Organization:
    """The given organization, or the deployment's first one when none is named (created when
    the deployment has none yet, so admin commands work before the first server start)."""
    if organization_id:
        return await get(session, organization_id)
    return await first(session) or await create(session, DEFAULT_NAME, actor=actor)
