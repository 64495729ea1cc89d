"""Webhook registrations: create (the secret is shown once), read, change, rotate the secret,
delete, and the delivery log. Used by the API, the console and the CLI admin commands.

Secrets are Standard Webhooks secrets (``whsec_`` + base64 of 24 random bytes). They must stay
usable for signing, so they are stored encrypted (AES-GCM under the deployment's key-encryption
key, bound to the webhook's key), never in the clear and never logged."""

from __future__ import annotations

import base64
import ipaddress
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from camunda_hub.server.errors import InvalidInput, NotFound
from camunda_hub.server.outbound import AddressPolicy
from camunda_hub.server.store.schema.base import new_key, utcnow
from camunda_hub.server.store.schema.events import Webhook, WebhookAttempt

SECRET_PREFIX = "whsec_"
MAX_TYPES = 50
DEFAULT_GRACE = timedelta(hours=24)
MAX_GRACE = timedelta(days=7)


def new_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(24)).decode()


def _aad(key: str) -> bytes:
    return b"webhook-secret:" + key.encode()


def seal(secret: str, kek: bytes, key: str) -> bytes:
    nonce = secrets.token_bytes(12)
    return nonce + AESGCM(kek).encrypt(nonce, secret.encode(), _aad(key))


def unseal(blob: bytes, kek: bytes, key: str) -> str:
    return AESGCM(kek).decrypt(blob[:12], blob[12:], _aad(key)).decode()


def status_of(row: Webhook) -> str:
    if not row.active:
        return "disabled"
    return "failing" if row.failing else "active"


def check_url(url: str, policy: AddressPolicy) -> str:
    """An absolute https URL without credentials or fragment; plain http only for hosts the
    operator allowed (CAMUNDA_HUB_OUTBOUND_ALLOW). Addresses are checked at each delivery."""
    # Loaded on first use, not with the server: httpx is ~2 % of its start.
    import httpx

    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError, TypeError) as exc:
        raise InvalidInput("url: is not a valid URL") from exc
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise InvalidInput("url: must be an absolute https URL")
    if parsed.userinfo:
        raise InvalidInput("url: must not contain credentials")
    if parsed.fragment:
        raise InvalidInput("url: must not contain a fragment")
    if parsed.scheme == "http" and not _http_allowed(parsed.host, policy):
        raise InvalidInput(
            "url: must be https (plain http only for hosts the operator allowed with "
            "CAMUNDA_HUB_OUTBOUND_ALLOW)"
        )
    return str(parsed)


def _http_allowed(host: str, policy: AddressPolicy) -> bool:
    if policy.host_allowed(host):
        return True
    try:
        return policy.address_allowed(ipaddress.ip_address(host))
    except ValueError:
        return False


def check_types(types: list[str] | None) -> list[str]:
    cleaned = list(dict.fromkeys(t.strip() for t in (types or []) if t and t.strip()))
    if len(cleaned) > MAX_TYPES:
        raise InvalidInput(f"types: at most {MAX_TYPES} prefixes")
    for prefix in cleaned:
        if len(prefix) > 64:
            raise InvalidInput("types: a prefix has at most 64 characters")
    return cleaned


@dataclass(frozen=True)
class Created:
    row: Webhook
    secret: str


async def create(
    session: AsyncSession,
    *,
    organization_id: str,
    actor: Any,
    url: str,
    types: list[str] | None,
    description: str | None,
    kek: bytes,
    policy: AddressPolicy,
    start_after: int,
) -> Created:
    """A new webhook receives the events committed after ``start_after`` (the feed's head
    when it was created), not the organization's whole history."""
    key = new_key()
    secret = new_secret()
    now = utcnow()
    row = Webhook(
        key=key,
        organization_id=organization_id,
        url=check_url(url, policy),
        types=check_types(types),
        description=description,
        active=True,
        failing=False,
        secret_encrypted=seal(secret, kek, key),
        created=now,
        created_by_name=getattr(actor, "name", None),
        created_by_email=getattr(actor, "email", None),
        updated=now,
        cursor=start_after,
        attempts=0,
        next_attempt=now,
    )
    session.add(row)
    await session.flush()
    return Created(row, secret)


async def get(
    session: AsyncSession, organization_id: str, key: str, *, for_update: bool = False
) -> Webhook:
    query = select(Webhook).where(Webhook.key == key, Webhook.organization_id == organization_id)
    if for_update:
        query = query.with_for_update()
    row: Webhook | None = await session.scalar(query) if len(key) <= 64 else None
    if row is None:
        raise NotFound(f"no webhook with key '{key}' was found")
    return row


async def update(
    session: AsyncSession,
    organization_id: str,
    key: str,
    changes: dict[str, Any],
    *,
    policy: AddressPolicy,
) -> Webhook:
    row = await get(session, organization_id, key, for_update=True)
    if "url" in changes:
        row.url = check_url(changes["url"], policy)
    if "types" in changes:
        row.types = check_types(changes["types"])
    if "description" in changes:
        row.description = changes["description"]
    if "active" in changes:
        active = bool(changes["active"])
        if active and (not row.active or row.failing):
            # Re-enabled: resume where it stopped, with a fresh retry schedule.
            row.failing = False
            row.attempts = 0
            row.failing_since = None
            row.next_attempt = utcnow()
        row.active = active
    row.updated = utcnow()
    await session.flush()
    return row


async def delete(session: AsyncSession, organization_id: str, key: str) -> None:
    row = await get(session, organization_id, key, for_update=True)
    await session.delete(row)
    await session.flush()


async def rotate_secret(
    session: AsyncSession,
    organization_id: str,
    key: str,
    *,
    kek: bytes,
    grace: timedelta = DEFAULT_GRACE,
) -> tuple[Webhook, str]:
    """A new secret signs from now on; the old one signs alongside until ``grace`` is over, so
    receivers can switch without losing a delivery."""
    if grace < timedelta(0) or grace > MAX_GRACE:
        raise InvalidInput(f"gracePeriodSeconds: between 0 and {int(MAX_GRACE.total_seconds())}")
    row = await get(session, organization_id, key, for_update=True)
    secret = new_secret()
    if grace:
        row.previous_secret_encrypted = seal(unseal(row.secret_encrypted, kek, key), kek, key)
        row.previous_secret_expires = utcnow() + grace
    else:
        row.previous_secret_encrypted = None
        row.previous_secret_expires = None
    row.secret_encrypted = seal(secret, kek, key)
    row.updated = utcnow()
    await session.flush()
    return row, secret


def signing_secrets(row: Webhook, kek: bytes, now: datetime) -> list[str]:
    current = [unseal(row.secret_encrypted, kek, row.key)]
    if (
        row.previous_secret_encrypted is not None
        and row.previous_secret_expires is not None
        and row.previous_secret_expires > now
    ):
        current.append(unseal(row.previous_secret_encrypted, kek, row.key))
    return current


async def search(
    session: AsyncSession, organization_id: str, *, active: bool | None, limit: int, offset: int
) -> tuple[list[Webhook], int]:
    where = [Webhook.organization_id == organization_id]
    if active is not None:
        where.append(Webhook.active.is_(active))
    total = int(await session.scalar(select(func.count()).select_from(Webhook).where(*where)) or 0)
    rows = await session.scalars(
        select(Webhook)
        .where(*where)
        .order_by(Webhook.created, Webhook.key)
        .limit(limit)
        .offset(offset)
    )
    return list(rows), total


async def attempts(
    session: AsyncSession, organization_id: str, key: str, *, limit: int, offset: int
) -> tuple[list[WebhookAttempt], int]:
    """The delivery log, newest attempt first."""
    await get(session, organization_id, key)
    where = WebhookAttempt.webhook_key == key
    total = int(
        await session.scalar(select(func.count()).select_from(WebhookAttempt).where(where)) or 0
    )
    rows = await session.scalars(
        select(WebhookAttempt)
        .where(where)
        .order_by(WebhookAttempt.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return list(rows), total
