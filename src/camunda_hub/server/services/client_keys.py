"""The public keys an API client authenticates with (``private_key_jwt``): register a client
that has keys and no secret, add keys, list them, remove them (rotation: add the new key, move
the client over, remove the old one).

Every change records a change-feed row for the client, so running servers reload its keys
within their sync interval, like a rotated secret."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from camunda_hub.server.api_clients import public_keys, remote_jwks
from camunda_hub.server.services import api_clients
from camunda_hub.server.services.errors import Conflict, InvalidInput, NotFound
from camunda_hub.server.store import audit, changes
from camunda_hub.server.store.schema.client_keys import ClientKey
from camunda_hub.server.store.schema.identity import ApiClient

MAX_KEYS_PER_CLIENT = 20
# Stored instead of a secret hash: nothing hashes to it, so a key-only client refuses secrets.
NO_SECRET = ""


def parsed(text: str) -> list[public_keys.ParsedKey]:
    try:
        return public_keys.parse(text)
    except public_keys.InvalidPublicKey as exc:
        raise InvalidInput(str(exc)) from None


async def create_with_keys(
    session: AsyncSession,
    *,
    organization_id: str,
    name: str,
    permissions: list[str],
    key_text: str | None = None,
    actor: str,
    jwks_url: str | None = None,
) -> ApiClient:
    """A client that authenticates with its keys only (no secret exists, not even once): keys
    given as text, or published at ``jwks_url``, or both."""
    if key_text is None and jwks_url is None:
        raise InvalidInput("give the client's public key or the URL of its JWK Set")
    keys = parsed(key_text) if key_text is not None else []
    url = _checked_url(jwks_url) if jwks_url is not None else None
    # The regular creation (validation, audit, change feed); its secret is dropped unseen.
    issued = await api_clients.create(
        session,
        organization_id=organization_id,
        name=name,
        permissions=permissions,
        pepper=b"\0" * 32,
        actor=actor,
    )
    client = issued.client
    client.secret_hash = NO_SECRET
    client.jwks_url = url
    if keys:
        await _add(session, client, keys, actor)
    return client


async def set_jwks_url(
    session: AsyncSession,
    client_id: str,
    jwks_url: str | None,
    *,
    actor: str,
    organization_id: str | None = None,
) -> ApiClient:
    """Point the client at the JWK Set it publishes, or (None) stop fetching one."""
    client = await api_clients.get(session, client_id, organization_id)
    url = _checked_url(jwks_url) if jwks_url is not None else None
    if url is None and client.secret_hash == NO_SECRET and not await list_keys(session, client_id):
        raise Conflict(
            "this is the client's only way to authenticate: add a key first (or delete the client)"
        )
    client.jwks_url = url
    changes.record(session, changes.CLIENT, client_id)
    audit.record(
        session,
        actor=actor,
        action="client.jwks_url_set" if url else "client.jwks_url_cleared",
        target=client_id,
        organization_id=client.organization_id,
        detail=url,
    )
    return client


def _checked_url(url: str) -> str:
    try:
        return remote_jwks.checked_url(url)
    except remote_jwks.InvalidJwksUrl as exc:
        raise InvalidInput(str(exc)) from None


async def add(
    session: AsyncSession,
    client_id: str,
    key_text: str,
    *,
    actor: str,
    organization_id: str | None = None,
) -> list[ClientKey]:
    keys = parsed(key_text)
    client = await api_clients.get(session, client_id, organization_id)
    return await _add(session, client, keys, actor)


async def list_keys(
    session: AsyncSession, client_id: str, organization_id: str | None = None
) -> list[ClientKey]:
    await api_clients.get(session, client_id, organization_id)
    query = select(ClientKey).where(ClientKey.client_id == client_id).order_by(ClientKey.id)
    return list((await session.scalars(query)).all())


async def remove(
    session: AsyncSession,
    client_id: str,
    kid: str,
    *,
    actor: str,
    organization_id: str | None = None,
) -> None:
    client = await api_clients.get(session, client_id, organization_id)
    keys = await list_keys(session, client_id, organization_id)
    target = next((key for key in keys if key.kid == kid), None)
    if target is None:
        raise NotFound(f"API client {client_id!r} has no key {kid!r}")
    if len(keys) == 1 and client.secret_hash == NO_SECRET and client.jwks_url is None:
        raise Conflict(
            "this is the client's only way to authenticate: add its new key first "
            "(or delete the client)"
        )
    await session.delete(target)
    changes.record(session, changes.CLIENT, client_id)
    audit.record(
        session,
        actor=actor,
        action="client.key_removed",
        target=client_id,
        organization_id=client.organization_id,
        detail=f"kid={kid!r}",
    )


async def _add(
    session: AsyncSession, client: ApiClient, keys: list[public_keys.ParsedKey], actor: str
) -> list[ClientKey]:
    existing = await list_keys(session, client.client_id)
    known = {key.kid for key in existing} | {key.thumbprint for key in existing}
    for key in keys:
        if key.kid in known or key.thumbprint in known:
            raise Conflict(f"the client already has the key {key.kid!r}")
    if len(existing) + len(keys) > MAX_KEYS_PER_CLIENT:
        raise InvalidInput(f"a client may have at most {MAX_KEYS_PER_CLIENT} keys")
    rows = [
        ClientKey(
            client_id=client.client_id,
            kid=key.kid,
            alg=key.alg,
            public_jwk=key.jwk,
            thumbprint=key.thumbprint,
            created_by=actor,
        )
        for key in keys
    ]
    session.add_all(rows)
    await session.flush()
    changes.record(session, changes.CLIENT, client.client_id)
    audit.record(
        session,
        actor=actor,
        action="client.key_added",
        target=client.client_id,
        organization_id=client.organization_id,
        detail=f"kids={','.join(key.kid for key in keys)}",
    )
    return rows


async def set_dpop_required(
    session: AsyncSession,
    client_id: str,
    required: bool,
    *,
    actor: str,
    organization_id: str | None = None,
) -> ApiClient:
    """Whether the client gets only DPoP-bound tokens (RFC 9449). Tokens it holds keep working
    until they expire: the switch is about how new ones are requested."""
    client = await api_clients.get(session, client_id, organization_id)
    if client.dpop_required == required:
        return client
    client.dpop_required = required
    changes.record(session, changes.CLIENT, client_id)
    audit.record(
        session,
        actor=actor,
        action="client.dpop_required" if required else "client.dpop_optional",
        target=client_id,
        organization_id=client.organization_id,
    )
    return client
