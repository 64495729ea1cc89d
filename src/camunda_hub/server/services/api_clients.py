"""API-client administration: create, list, rotate, change permissions, delete.

The CLI, the console and tests all go through here, so every path records an audit event and a
change-feed row (which is how running servers learn about it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from camunda_hub.server.api_clients import permissions as perms
from camunda_hub.server.api_clients import secrets as client_secrets
from camunda_hub.server.services.errors import InvalidInput, NotFound
from camunda_hub.server.store import audit, changes
from camunda_hub.server.store.schema.base import utcnow
from camunda_hub.server.store.schema.identity import ApiClient

MAX_GRACE = timedelta(days=7)


@dataclass(frozen=True, repr=False)
class IssuedCredentials:
    """A client id with its freshly generated secret: the only moment the secret exists."""

    client: ApiClient
    client_secret: str

    def __repr__(self) -> str:
        return f"IssuedCredentials(client_id={self.client.client_id!r}, client_secret=<redacted>)"


def _validated_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > 255:
        raise InvalidInput("a client name needs 1 to 255 characters")
    return name


def _validated_permissions(values: list[str]) -> list[str]:
    try:
        chosen = perms.normalize(values)
    except perms.InvalidPermission as exc:
        raise InvalidInput(str(exc)) from None
    if not chosen:
        raise InvalidInput(
            "an API client needs at least one permission (create, read, update or delete)"
        )
    return chosen


async def create(
    session: AsyncSession,
    *,
    organization_id: str,
    name: str,
    permissions: list[str],
    pepper: bytes,
    actor: str,
) -> IssuedCredentials:
    name = _validated_name(name)
    chosen = _validated_permissions(permissions)
    secret = client_secrets.new_secret()
    client = ApiClient(
        client_id=client_secrets.new_client_id(),
        organization_id=organization_id,
        name=name,
        secret_hash=client_secrets.hash_secret(pepper, secret),
        permissions=chosen,
        generation=1,
        min_token_generation=1,
        created_by=actor,
        tokens_issued=0,
    )
    session.add(client)
    await session.flush()
    changes.record(session, changes.CLIENT, client.client_id)
    audit.record(
        session,
        actor=actor,
        action="client.created",
        target=client.client_id,
        organization_id=organization_id,
        detail=f"name={name!r} permissions={','.join(chosen)}",
    )
    return IssuedCredentials(client, secret)


async def list_all(session: AsyncSession, organization_id: str | None = None) -> list[ApiClient]:
    query = select(ApiClient).order_by(ApiClient.created, ApiClient.client_id)
    if organization_id:
        query = query.where(ApiClient.organization_id == organization_id)
    return list((await session.scalars(query)).all())


async def get(
    session: AsyncSession, client_id: str, organization_id: str | None = None
) -> ApiClient:
    client = await session.get(ApiClient, client_id)
    if client is None or (organization_id and client.organization_id != organization_id):
        raise NotFound(f"API client {client_id!r} does not exist")
    return client


async def rotate_secret(
    session: AsyncSession,
    client_id: str,
    *,
    pepper: bytes,
    actor: str,
    grace: timedelta = timedelta(0),
    organization_id: str | None = None,
) -> IssuedCredentials:
    """Give the client a new secret. Without grace, the old secret and every token minted with
    it stop working at once; with grace, the old secret keeps authenticating until it ends."""
    if grace < timedelta(0) or grace > MAX_GRACE:
        raise InvalidInput("the grace period must be between 0 seconds and 7 days")
    client = await get(session, client_id, organization_id)
    secret = client_secrets.new_secret()
    now = utcnow()
    if grace > timedelta(0):
        client.previous_secret_hash = client.secret_hash
        client.previous_secret_expires = now + grace
    else:
        client.previous_secret_hash = None
        client.previous_secret_expires = None
    client.secret_hash = client_secrets.hash_secret(pepper, secret)
    client.generation += 1
    if grace == timedelta(0):
        client.min_token_generation = client.generation
    client.secret_rotated = now
    changes.record(session, changes.CLIENT, client.client_id)
    audit.record(
        session,
        actor=actor,
        action="client.secret_rotated",
        target=client.client_id,
        organization_id=client.organization_id,
        detail=f"grace={int(grace.total_seconds())}s",
    )
    return IssuedCredentials(client, secret)


async def set_permissions(
    session: AsyncSession,
    client_id: str,
    permissions: list[str],
    *,
    actor: str,
    organization_id: str | None = None,
) -> ApiClient:
    """Replace the permissions. Tokens minted before carry the old ones, so they are refused."""
    chosen = _validated_permissions(permissions)
    client = await get(session, client_id, organization_id)
    if chosen == list(client.permissions):
        return client
    client.permissions = chosen
    client.generation += 1
    client.min_token_generation = client.generation
    changes.record(session, changes.CLIENT, client.client_id)
    audit.record(
        session,
        actor=actor,
        action="client.permissions_changed",
        target=client.client_id,
        organization_id=client.organization_id,
        detail=f"permissions={','.join(chosen)}",
    )
    return client


async def delete(
    session: AsyncSession, client_id: str, *, actor: str, organization_id: str | None = None
) -> None:
    """Revoke: the client can no longer get tokens and its live tokens are refused."""
    client = await get(session, client_id, organization_id)
    await session.delete(client)
    changes.record(session, changes.CLIENT, client_id)
    audit.record(
        session,
        actor=actor,
        action="client.deleted",
        target=client_id,
        organization_id=client.organization_id,
        detail=f"name={client.name!r}",
    )
