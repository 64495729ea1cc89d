"""Organization admins: the people who sign in to the console.

Passwords are hashed with argon2id. The first admin of an organization comes from the CLI or
from a one-time setup link; later ones from an invitation link another admin creates. An
organization never loses its last admin."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from camunda_hub.server.services.errors import Conflict, InvalidInput, NotFound
from camunda_hub.server.store import audit
from camunda_hub.server.store.schema.base import utcnow
from camunda_hub.server.store.schema.console import (
    ConsoleAdmin,
    ConsoleSession,
    ConsoleSetupToken,
)
from camunda_hub.server.store.schema.identity import Organization

MIN_PASSWORD = 12
# argon2 hashes any length, but an unbounded input is a cheap way to burn server CPU.
MAX_PASSWORD = 1024
SETUP_TOKEN_LIFETIME = timedelta(hours=24)
INVITATION_LIFETIME = timedelta(days=3)

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")
# argon2id with OWASP's recommended parameters (19 MiB, 2 passes, 1 lane): a few tens of
# milliseconds of one core per sign-in. Heavier profiles (RFC 9106's 64 MiB x 4 lanes) cost
# several times more CPU for every unauthenticated sign-in attempt, which is a lever for
# anyone flooding the sign-in form. Hashes made with other parameters are upgraded on sign-in.
_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
# Verified when the account does not exist, so a sign-in takes as long either way. A literal
# made with the parameters above (no account has it; tests/test_console_admin_hash.py checks
# it matches them), not a hash computed at import: that cost every server start ~40 ms CPU.
_DUMMY_HASH = (
    "$argon2id$v=19$m=19456,t=2,p=1$EN5RnJCGVfBTYegNEWZqyw"
    "$+hY2UAhV72ORt/YQKfDjZW2XXQX8FaEUvGDkh6/mY0M"
)


def normalize_email(email: str) -> str:
    return email.strip().lower()


def validated_email(email: str) -> str:
    email = normalize_email(email)
    if not email or len(email) > 320 or not _EMAIL.match(email):
        raise InvalidInput("enter an e-mail address such as admin@example.com")
    return email


def check_password_policy(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise InvalidInput(f"the password needs at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise InvalidInput(f"the password may have at most {MAX_PASSWORD} characters")


def hash_password(password: str) -> str:
    """argon2id hash of an acceptable password. Slow on purpose (tens of milliseconds): call it
    outside database transactions, and off the event loop."""
    check_password_policy(password)
    return _hasher.hash(password)


def rehash_password(password: str) -> str:
    """A hash with today's parameters for a password that just verified (no policy check: an
    admin whose password predates a stricter policy still signs in)."""
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    if len(password) > MAX_PASSWORD:
        return False
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


async def _forget_expired_links(session: AsyncSession) -> None:
    await session.execute(delete(ConsoleSetupToken).where(ConsoleSetupToken.expires <= utcnow()))


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def _validated_name(name: str | None) -> str | None:
    name = (name or "").strip()
    if len(name) > 255:
        raise InvalidInput("a name may have at most 255 characters")
    return name or None


async def count(session: AsyncSession, organization_id: str) -> int:
    return int(
        await session.scalar(
            select(func.count())
            .select_from(ConsoleAdmin)
            .where(ConsoleAdmin.organization_id == organization_id)
        )
        or 0
    )


async def list_all(session: AsyncSession, organization_id: str | None = None) -> list[ConsoleAdmin]:
    query = select(ConsoleAdmin).order_by(ConsoleAdmin.created, ConsoleAdmin.email)
    if organization_id:
        query = query.where(ConsoleAdmin.organization_id == organization_id)
    return list((await session.scalars(query)).all())


async def find_by_email(session: AsyncSession, email: str) -> ConsoleAdmin | None:
    return await session.scalar(
        select(ConsoleAdmin).where(ConsoleAdmin.email == normalize_email(email))
    )


async def create(
    session: AsyncSession,
    *,
    organization_id: str,
    email: str,
    password_hash: str,
    actor: str,
    name: str | None = None,
) -> ConsoleAdmin:
    """Add an admin whose password was hashed beforehand with ``hash_password``."""
    email = validated_email(email)
    if await find_by_email(session, email) is not None:
        raise Conflict(f"an admin with the e-mail address {email} already exists")
    admin = ConsoleAdmin(
        organization_id=organization_id,
        email=email,
        name=_validated_name(name),
        password_hash=password_hash,
        created_by=actor,
    )
    session.add(admin)
    await session.flush()
    audit.record(
        session,
        actor=actor,
        action="admin.created",
        target=email,
        organization_id=organization_id,
    )
    return admin


async def remove(
    session: AsyncSession, email: str, *, actor: str, organization_id: str | None = None
) -> ConsoleAdmin:
    """Remove an admin (and end their sessions); refused for the organization's last admin."""
    admin = await find_by_email(session, email)
    if admin is None or (organization_id and admin.organization_id != organization_id):
        raise NotFound(f"there is no admin with the e-mail address {normalize_email(email)}")
    # Serialises concurrent removals in one organization on PostgreSQL (SQLite writers already
    # are), so two admins removing each other cannot leave nobody.
    await session.execute(
        select(Organization.id).where(Organization.id == admin.organization_id).with_for_update()
    )
    if await count(session, admin.organization_id) <= 1:
        raise Conflict("an organization keeps at least one admin: add another admin first")
    await session.execute(delete(ConsoleSession).where(ConsoleSession.admin_id == admin.id))
    await session.delete(admin)
    audit.record(
        session,
        actor=actor,
        action="admin.removed",
        target=admin.email,
        organization_id=admin.organization_id,
    )
    return admin


async def change_password(
    session: AsyncSession, admin: ConsoleAdmin, password_hash: str, *, keep_session: str | None
) -> None:
    """New password; every other session of this admin ends."""
    admin.password_hash = password_hash
    query = delete(ConsoleSession).where(ConsoleSession.admin_id == admin.id)
    if keep_session:
        query = query.where(ConsoleSession.id_hash != keep_session)
    await session.execute(query)
    audit.record(
        session,
        actor=admin.email,
        action="admin.password_changed",
        target=admin.email,
        organization_id=admin.organization_id,
    )


# -- one-time setup and invitation links --------------------------------------------------


@dataclass(frozen=True, repr=False)
class IssuedLinkToken:
    token: str
    email: str | None

    def __repr__(self) -> str:
        return f"IssuedLinkToken(email={self.email!r}, token=<redacted>)"


async def issue_setup_token(
    session: AsyncSession, organization_id: str, *, actor: str
) -> IssuedLinkToken:
    """A token that lets its holder become the organization's first admin."""
    await _forget_expired_links(session)
    token = secrets.token_urlsafe(32)
    session.add(
        ConsoleSetupToken(
            token_hash=_token_hash(token),
            organization_id=organization_id,
            email=None,
            created_by=actor,
            expires=utcnow() + SETUP_TOKEN_LIFETIME,
        )
    )
    return IssuedLinkToken(token, None)


async def invite(
    session: AsyncSession, organization_id: str, email: str, *, actor: str
) -> IssuedLinkToken:
    email = validated_email(email)
    if await find_by_email(session, email) is not None:
        raise Conflict(f"{email} is already an admin")
    await _forget_expired_links(session)
    token = secrets.token_urlsafe(32)
    session.add(
        ConsoleSetupToken(
            token_hash=_token_hash(token),
            organization_id=organization_id,
            email=email,
            created_by=actor,
            expires=utcnow() + INVITATION_LIFETIME,
        )
    )
    audit.record(
        session, actor=actor, action="admin.invited", target=email, organization_id=organization_id
    )
    return IssuedLinkToken(token, email)


async def pending_link(session: AsyncSession, token: str) -> ConsoleSetupToken:
    """The unused, unexpired setup or invitation behind ``token``."""
    row = await session.get(ConsoleSetupToken, _token_hash(token)) if token else None
    if row is None or row.used is not None or row.expires <= utcnow():
        raise NotFound("this link is not valid: it was used already, expired, or mistyped")
    if row.email is None and await count(session, row.organization_id) > 0:
        raise NotFound("this setup link is no longer valid: the organization has an admin")
    return row


async def redeem(
    session: AsyncSession,
    token: str,
    *,
    email: str | None,
    name: str | None,
    password_hash: str,
) -> ConsoleAdmin:
    """Use a setup or invitation link once: the new admin is created, the link is spent."""
    row = await pending_link(session, token)
    # Marking the row used with a guarded UPDATE makes a second concurrent use fail here.
    spent = await session.execute(
        update(ConsoleSetupToken)
        .where(ConsoleSetupToken.token_hash == row.token_hash, ConsoleSetupToken.used.is_(None))
        .values(used=utcnow())
    )
    if getattr(spent, "rowcount", 0) != 1:
        raise NotFound("this link is not valid: it was used already, expired, or mistyped")
    chosen = row.email or email
    if not chosen:
        raise InvalidInput("enter an e-mail address such as admin@example.com")
    chosen = validated_email(chosen)
    return await create(
        session,
        organization_id=row.organization_id,
        email=chosen,
        name=name,
        password_hash=password_hash,
        actor=chosen if row.email is None else f"invitation by {row.created_by}",
    )


async def record_sign_in(
    session: AsyncSession,
    admin_id: str,
    *,
    checked_hash: str | None,
    upgraded_hash: str | None = None,
) -> ConsoleAdmin | None:
    """An admin signed in with a password checked against ``checked_hash``: note the time, store
    ``upgraded_hash`` (the same password under current hashing parameters) unless the password
    changed meanwhile, and audit it. ``None`` when the admin was removed in the meantime."""
    admin = await session.get(ConsoleAdmin, admin_id)
    if admin is None:
        return None
    admin.last_sign_in = utcnow()
    if upgraded_hash is not None and admin.password_hash == checked_hash:
        admin.password_hash = upgraded_hash
    audit.record(
        session,
        actor=admin.email,
        action="admin.signed_in",
        target=admin.email,
        organization_id=admin.organization_id,
    )
    return admin


def note_first_sign_in(admin: ConsoleAdmin) -> None:
    """The admin just created through a setup or invitation link is signed in at once."""
    admin.last_sign_in = utcnow()
