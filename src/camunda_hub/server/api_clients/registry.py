"""An in-memory copy of every API client, so the token endpoint and the bearer check never wait
for the database. Kept current by the change feed and by this process's own writes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from camunda_hub.server.api_clients.public_keys import RegisteredKey, load
from camunda_hub.server.store.schema.client_keys import ClientKey
from camunda_hub.server.store.schema.identity import ApiClient


@dataclass(frozen=True, slots=True, repr=False)
class ClientEntry:
    client_id: str
    organization_id: str
    name: str
    secret_hash: str
    previous_secret_hash: str | None
    previous_secret_expires: datetime | None
    permissions: tuple[str, ...]
    generation: int
    min_token_generation: int
    # Public keys for private_key_jwt (client_keys table); empty for secret-only clients.
    keys: tuple[RegisteredKey, ...] = ()
    dpop_required: bool = False
    # Keys published at a JWK Set URL (clients/remote_jwks.py); None for registered keys only.
    jwks_url: str | None = None

    def __repr__(self) -> str:  # the hashes stay out of logs and tracebacks
        return f"ClientEntry(client_id={self.client_id!r}, name={self.name!r})"

    @classmethod
    def from_row(cls, row: ApiClient, keys: tuple[RegisteredKey, ...] = ()) -> ClientEntry:
        return cls(
            client_id=row.client_id,
            organization_id=row.organization_id,
            name=row.name,
            secret_hash=row.secret_hash,
            previous_secret_hash=row.previous_secret_hash,
            previous_secret_expires=row.previous_secret_expires,
            permissions=tuple(row.permissions),
            generation=row.generation,
            min_token_generation=row.min_token_generation,
            keys=keys,
            dpop_required=bool(row.dpop_required),
            jwks_url=row.jwks_url,
        )


class ClientRegistry:
    def __init__(self) -> None:
        self._clients: dict[str, ClientEntry] = {}

    def get(self, client_id: str) -> ClientEntry | None:
        return self._clients.get(client_id)

    def put(self, entry: ClientEntry) -> None:
        self._clients[entry.client_id] = entry

    def __len__(self) -> int:
        return len(self._clients)

    async def load_all(self, session: AsyncSession) -> None:
        rows = (await session.scalars(select(ApiClient))).all()
        keys = await _keys_of(session, None)
        self._clients = {
            row.client_id: ClientEntry.from_row(row, keys.get(row.client_id, ())) for row in rows
        }

    async def refresh(self, session: AsyncSession, client_ids: Iterable[str]) -> None:
        ids = list(set(client_ids))
        if not ids:
            return
        rows = (await session.scalars(select(ApiClient).where(ApiClient.client_id.in_(ids)))).all()
        keys = await _keys_of(session, ids)
        found = {
            row.client_id: ClientEntry.from_row(row, keys.get(row.client_id, ())) for row in rows
        }
        for client_id in ids:
            entry = found.get(client_id)
            if entry is None:
                self._clients.pop(client_id, None)
            else:
                self._clients[client_id] = entry


async def _keys_of(
    session: AsyncSession, client_ids: list[str] | None
) -> dict[str, tuple[RegisteredKey, ...]]:
    query = select(ClientKey).order_by(ClientKey.id)
    if client_ids is not None:
        query = query.where(ClientKey.client_id.in_(client_ids))
    grouped: dict[str, list[RegisteredKey]] = {}
    for row in (await session.scalars(query)).all():
        grouped.setdefault(row.client_id, []).append(
            RegisteredKey(row.kid, row.alg, load(row.public_jwk, row.alg))
        )
    return {client_id: tuple(keys) for client_id, keys in grouped.items()}
