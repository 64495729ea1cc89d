"""Console sign-in sessions.

The browser holds a random 256-bit session id in an HttpOnly cookie; the database holds only its
SHA-256, so a copy of the database signs nobody in. Sessions end on sign-out, after
``IDLE_TIMEOUT`` without a request, or ``LIFETIME`` after sign-in, whichever comes first."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request
from starlette.responses import Response

from camunda_hub.server.runtime import Runtime
from camunda_hub.server.store.schema.base import utcnow
from camunda_hub.server.store.schema.console import ConsoleAdmin, ConsoleSession
from camunda_hub.server.store.schema.identity import Organization

LIFETIME = timedelta(hours=12)
IDLE_TIMEOUT = timedelta(hours=2)
# ``last_seen`` is written at most this often, so browsing is not a stream of writes.
_TOUCH_EVERY = timedelta(minutes=1)


@dataclass(frozen=True)
class SignedIn:
    """The admin behind a request's session."""

    admin_id: str
    email: str
    name: str | None
    organization_id: str
    organization_name: str
    csrf_token: str = field(repr=False)
    session_hash: str = field(repr=False)

    @property
    def actor(self) -> str:
        return self.email


def is_secure(runtime: Runtime) -> bool:
    # The issuer URL is the public address: behind a TLS-terminating proxy the process itself
    # sees plain HTTP, but browsers speak HTTPS and must only send the cookie that way.
    return runtime.issuer.lower().startswith("https://")


def cookie_name(runtime: Runtime) -> str:
    # ``__Host-`` makes browsers refuse the cookie unless Secure, Path=/ and host-only, so a
    # sibling subdomain cannot plant a session cookie. Browsers reject the prefix without
    # Secure, so plain-HTTP deployments use the bare name.
    return "__Host-camunda-hub-console" if is_secure(runtime) else "camunda-hub-console"


def hash_id(session_id: str) -> str:
    return hashlib.sha256(session_id.encode("utf-8", "surrogatepass")).hexdigest()


async def start(session: AsyncSession, admin_id: str) -> str:
    """A new session for ``admin_id``; returns the id for the cookie (never stored)."""
    session_id = secrets.token_urlsafe(32)
    now = utcnow()
    session.add(
        ConsoleSession(
            id_hash=hash_id(session_id),
            admin_id=admin_id,
            csrf_token=secrets.token_urlsafe(32),
            created=now,
            last_seen=now,
            expires=now + LIFETIME,
        )
    )
    # Expired sessions are removed on the way, so the table stays small without a janitor.
    await session.execute(delete(ConsoleSession).where(ConsoleSession.expires <= now))
    return session_id


def set_cookie(response: Response, runtime: Runtime, session_id: str) -> None:
    response.set_cookie(
        cookie_name(runtime),
        session_id,
        max_age=int(LIFETIME.total_seconds()),
        path="/",
        secure=is_secure(runtime),
        httponly=True,
        samesite="lax",
    )


def clear_cookie(response: Response, runtime: Runtime) -> None:
    response.delete_cookie(
        cookie_name(runtime),
        path="/",
        secure=is_secure(runtime),
        httponly=True,
        samesite="lax",
    )


async def current(request: Request, runtime: Runtime) -> SignedIn | None:
    session_id = request.cookies.get(cookie_name(runtime))
    if not session_id or len(session_id) > 128:
        return None
    id_hash = hash_id(session_id)
    now = utcnow()
    async with runtime.db.session() as db:
        row = (
            await db.execute(
                select(ConsoleSession, ConsoleAdmin, Organization.name)
                .join(ConsoleAdmin, ConsoleAdmin.id == ConsoleSession.admin_id)
                .join(Organization, Organization.id == ConsoleAdmin.organization_id)
                .where(ConsoleSession.id_hash == id_hash)
            )
        ).first()
    if row is None:
        return None
    stored, admin, org_name = row
    if stored.expires <= now or stored.last_seen + IDLE_TIMEOUT <= now:
        await end(runtime, id_hash)
        return None
    if now - stored.last_seen >= _TOUCH_EVERY:
        async with runtime.db.transaction() as db:
            touched = await db.get(ConsoleSession, id_hash)
            if touched is not None:
                touched.last_seen = now
    return SignedIn(
        admin_id=admin.id,
        email=admin.email,
        name=admin.name,
        organization_id=admin.organization_id,
        organization_name=org_name,
        csrf_token=stored.csrf_token,
        session_hash=id_hash,
    )


async def end(runtime: Runtime, id_hash: str) -> None:
    async with runtime.db.transaction() as db:
        await db.execute(delete(ConsoleSession).where(ConsoleSession.id_hash == id_hash))
