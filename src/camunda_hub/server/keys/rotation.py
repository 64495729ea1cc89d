"""Creating and rotating signing keys in the database (private parts encrypted)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from camunda_hub.server.keys import material
from camunda_hub.server.store import audit, changes
from camunda_hub.server.store.schema.base import utcnow
from camunda_hub.server.store.schema.identity import DeploymentMeta, SigningKey

MAX_LIFETIME_META = "max_token_lifetime"


async def current(session: AsyncSession) -> SigningKey | None:
    return await session.scalar(
        select(SigningKey)
        .where(SigningKey.retired.is_(None))
        .order_by(SigningKey.created.desc())
        .limit(1)
    )


async def note_token_lifetime(session: AsyncSession, seconds: int) -> None:
    """Remember the longest token lifetime any process used, so a retired key keeps verifying
    for as long as a token it signed can live, whichever process rotates it."""
    row = await session.get(DeploymentMeta, MAX_LIFETIME_META)
    if row is None:
        session.add(DeploymentMeta(name=MAX_LIFETIME_META, value=str(seconds)))
    elif int(row.value) < seconds:
        row.value = str(seconds)


async def _max_lifetime(session: AsyncSession, fallback: int) -> int:
    row = await session.get(DeploymentMeta, MAX_LIFETIME_META)
    return max(fallback, int(row.value)) if row else fallback


async def rotate(
    session: AsyncSession,
    *,
    alg: str,
    kek: bytes,
    token_lifetime: int,
    clock_skew: int,
    actor: str,
) -> SigningKey:
    """Create a new signing key; the previous one stops signing but keeps verifying until every
    token it signed has expired (longest lifetime + clock skew)."""
    now = utcnow()
    lifetime = await _max_lifetime(session, token_lifetime)
    for old in (
        await session.scalars(select(SigningKey).where(SigningKey.retired.is_(None)))
    ).all():
        old.retired = now
        old.verify_until = now + timedelta(seconds=lifetime + clock_skew)
    private = material.generate(alg)
    jwk = material.public_jwk(private, alg)
    key = SigningKey(
        kid=jwk["kid"],
        alg=alg,
        public_jwk=jwk,
        private_key_encrypted=material.encrypt_private(private, kek, jwk["kid"]),
        created=now,
    )
    session.add(key)
    changes.record(session, changes.KEY, key.kid)
    audit.record(session, actor=actor, action="key.rotated", target=key.kid, detail=f"alg={alg}")
    return key


async def ensure_current(
    session: AsyncSession, *, alg: str, kek: bytes, token_lifetime: int, clock_skew: int
) -> SigningKey:
    """The current signing key, creating one on first start or when the configured algorithm
    changed (the old key keeps verifying)."""
    key = await current(session)
    if key is not None and key.alg == alg:
        return key
    return await rotate(
        session,
        alg=alg,
        kek=kek,
        token_lifetime=token_lifetime,
        clock_skew=clock_skew,
        actor="system",
    )
