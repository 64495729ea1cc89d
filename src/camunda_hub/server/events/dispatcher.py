"""Delivering the feed to webhooks: at least once, in order per webhook, one process per attempt.

Each round claims webhooks that are due and have events beyond their cursor: in one
transaction, ``SELECT … FOR UPDATE SKIP LOCKED`` (PostgreSQL; SQLite serialises writers) and a
lease (``lease_until``/``lease_owner``) written on the row. Only the lease holder sends, and
every write after a send checks it still holds the lease, so each attempt is made by exactly
one process; a process that dies mid-delivery leaves a lease that runs out, and the next claim
by any process retries the same event (receivers deduplicate on ``webhook-id``, the event key).

A webhook works through its events one at a time (ordering); a failure stops it until its next
attempt (exponential backoff with jitter, at least what ``Retry-After`` asks for), while other
webhooks go on in their own tasks. After 24 h of failures of one event the webhook is marked
failing and waits to be re-enabled; it then resumes from that event."""

from __future__ import annotations

import asyncio
import contextlib
import email.utils
import logging
import os
import random
import socket
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select, update
from standardwebhooks.webhooks import Webhook as Signer

from camunda_hub.server import outbound
from camunda_hub.server.events import feed, record
from camunda_hub.server.events.webhooks import signing_secrets
from camunda_hub.server.events.wire import EventResult
from camunda_hub.server.outbound import AddressPolicy
from camunda_hub.server.store.db import Database
from camunda_hub.server.store.schema.base import utcnow
from camunda_hub.server.store.schema.events import EventCounter, HubEvent, Webhook, WebhookAttempt

log = logging.getLogger("camunda_hub.webhooks")

RECEIVER_TIMEOUT = 10.0
LEASE = timedelta(seconds=60)
# Seconds before the n-th retry of one event (then hourly), before jitter and scaling.
BACKOFF = (5.0, 30.0, 120.0, 600.0, 3600.0)
FAILING_AFTER = timedelta(hours=24)
MAX_RETRY_AFTER = 3600.0
_EVENTS_PER_LEASE = 200
_CLAIM_BATCH = 32
_BATCH = 50  # events read per query while a webhook works through its backlog


def backoff(attempt: int, scale: float = 1.0, retry_after: float | None = None) -> float:
    base = BACKOFF[min(attempt, len(BACKOFF)) - 1] * scale
    delay = base * random.uniform(0.8, 1.2)  # jitter: retries of many webhooks spread out
    if retry_after is not None:
        delay = max(delay, min(retry_after, MAX_RETRY_AFTER))
    return delay


def retry_after_seconds(value: str | None, now: datetime) -> float | None:
    """``Retry-After`` as seconds or an HTTP date (RFC 9110 §10.2.3); None when unusable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, (moment - now).total_seconds())


def event_body(row: HubEvent) -> str:
    return EventResult.of(row).model_dump_json()


def signature_header(secrets_: list[str], msg_id: str, moment: datetime, body: str) -> str:
    # Standard Webhooks: several signatures, space-separated (secret rotation).
    return " ".join(Signer(secret).sign(msg_id, moment, body) for secret in secrets_)


@dataclass(frozen=True)
class _Outcome:
    delivered: bool
    status: int | None
    error: str | None
    retry_after: float | None


class WebhookDispatcher:
    def __init__(
        self,
        db: Database,
        *,
        kek: bytes,
        policy: AddressPolicy,
        retry_scale: float = 1.0,
        poll_interval: float = 1.0,
        concurrency: int = 16,
    ) -> None:
        self.db = db
        self.kek = kek
        self.policy = policy
        self.retry_scale = retry_scale
        # Scaled with the retries (tests), but always longer than one attempt can take.
        self.lease = max(timedelta(seconds=RECEIVER_TIMEOUT + 5), LEASE * retry_scale)
        self.poll_interval = poll_interval
        self.process = f"{socket.gethostname()[:40]}:{os.getpid()}:{os.urandom(3).hex()}"
        self._wake = asyncio.Event()
        self._busy: set[str] = set()
        self._slots = asyncio.Semaphore(concurrency)
        self._task: asyncio.Task[None] | None = None
        self._workers: set[asyncio.Task[None]] = set()
        # Organizations that have an active webhook (refreshed every round); None: not known.
        self._hooked: set[str] | None = None
        # For /metrics: this process's attempts by outcome, and the failing webhooks seen by
        # the last round (all processes' view of the database).
        self.attempts = {"delivered": 0, "failed": 0}
        self.failing_webhooks = 0

    # -- lifecycle -----------------------------------------------------------------------
    def start(self) -> None:
        record.commit_listeners.append(self._committed)
        self._task = asyncio.create_task(self._loop(), name="camunda-hub-webhooks")

    async def stop(self) -> None:
        with contextlib.suppress(ValueError):
            record.commit_listeners.remove(self._committed)
        tasks = [t for t in (self._task, *self._workers) if t is not None]
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task

    def _committed(self, written: dict[str, int]) -> None:
        # Only organizations with a webhook wake the loop: a write elsewhere costs nothing.
        if self._hooked is None or not self._hooked.isdisjoint(written):
            self._wake.set()

    # -- the loop ------------------------------------------------------------------------
    async def _loop(self) -> None:
        while True:
            self._wake.clear()
            try:
                claimed = await self.claim()
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.warning("claiming webhook deliveries failed (%s)", type(exc).__name__)
                claimed = []
            for key in claimed:
                self._busy.add(key)
                worker = asyncio.create_task(self._work(key), name=f"camunda-hub-webhook-{key}")
                self._workers.add(worker)
                worker.add_done_callback(self._workers.discard)
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self.poll_interval):
                    await self._wake.wait()

    def _due(self, now: datetime) -> Any:
        return (
            select(Webhook.key)
            .join(EventCounter, EventCounter.organization_id == Webhook.organization_id)
            .where(
                Webhook.active.is_(True),
                Webhook.failing.is_(False),
                Webhook.next_attempt <= now,
                or_(Webhook.lease_until.is_(None), Webhook.lease_until < now),
                EventCounter.last_sequence > Webhook.cursor,
            )
        )

    def metrics_text(self) -> str:
        return (
            "# HELP camunda_hub_webhook_attempts_total Webhook delivery attempts by this "
            "process.\n# TYPE camunda_hub_webhook_attempts_total counter\n"
            + "".join(
                f'camunda_hub_webhook_attempts_total{{outcome="{name}"}} {count}\n'
                for name, count in self.attempts.items()
            )
            + "# HELP camunda_hub_webhooks_failing Webhooks stopped after 24 h of failures.\n"
            "# TYPE camunda_hub_webhooks_failing gauge\n"
            f"camunda_hub_webhooks_failing {self.failing_webhooks}\n"
        )

    async def claim(self) -> list[str]:
        """Lease the webhooks that are due and have events beyond their cursor."""
        now = utcnow()
        # Plain reads first: most rounds find no due webhook, and a claim is a write
        # transaction (on SQLite it would queue behind, and hold up, the API's writers).
        async with self.db.session() as session:
            self._hooked = set(
                await session.scalars(
                    select(Webhook.organization_id)
                    .where(Webhook.active.is_(True), Webhook.failing.is_(False))
                    .distinct()
                )
            )
            self.failing_webhooks = int(
                await session.scalar(
                    select(func.count()).select_from(Webhook).where(Webhook.failing.is_(True))
                )
                or 0
            )
            if not self._hooked or await session.scalar(self._due(now).limit(1)) is None:
                return []
        async with self.db.transaction() as session:
            query = (
                self._due(now)
                .order_by(Webhook.next_attempt)
                .limit(_CLAIM_BATCH)
                .with_for_update(of=Webhook, skip_locked=True)
            )
            if self._busy:
                query = query.where(Webhook.key.not_in(list(self._busy)))
            keys = list(await session.scalars(query))
            if keys:
                await session.execute(
                    update(Webhook)
                    .where(Webhook.key.in_(keys))
                    .values(lease_until=now + self.lease, lease_owner=self.process)
                    .execution_options(synchronize_session=False)
                )
        return keys

    async def _work(self, key: str) -> None:
        try:
            async with self._slots:
                await self.deliver_pending(key)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.warning("webhook %s: delivery failed (%s)", key, type(exc).__name__)
        finally:
            self._busy.discard(key)
            # More may have come in meanwhile (or the batch was cut short).
            self._wake.set()

    # -- one webhook ---------------------------------------------------------------------
    async def deliver_pending(self, key: str) -> None:
        """Send the webhook's events in order while it holds the lease and they succeed."""
        sent = 0
        while sent < _EVENTS_PER_LEASE:
            async with self.db.session() as session:
                hook = await session.get(Webhook, key)
                if hook is None or hook.lease_owner != self.process or not hook.active:
                    return
                page = await feed.page(
                    session, hook.organization_id, after=hook.cursor, limit=_BATCH, types=hook.types
                )
            if not page.items:
                await self._finish(key, cursor=page.next_after)
                return
            secrets_ = signing_secrets(hook, self.kek, utcnow())
            for event in page.items:
                if not await self._attempt(hook, event, secrets_):
                    return
                sent += 1
        await self._finish(key, cursor=None)

    async def _attempt(self, hook: Webhook, event: HubEvent, secrets_: list[str]) -> bool:
        now = utcnow()
        body = event_body(event)
        headers = {
            "content-type": "application/json",
            "user-agent": "camunda-hub-webhooks",
            "webhook-id": event.event_key,
            "webhook-timestamp": str(int(now.timestamp())),
            "webhook-signature": signature_header(secrets_, event.event_key, now, body),
        }
        started = time.monotonic()
        outcome = await self._send(hook.url, headers, body.encode())
        duration_ms = int((time.monotonic() - started) * 1000)
        attempt = hook.attempts + 1
        finished = utcnow()
        values: dict[str, object] = {"last_status": outcome.status, "updated": finished}
        next_attempt: datetime | None = None
        if outcome.delivered:
            values.update(
                cursor=event.sequence,
                attempts=0,
                failing_since=None,
                next_attempt=finished,
                last_delivery=finished,
                lease_until=finished + self.lease,
            )
        else:
            failing_since = hook.failing_since or now
            delay = backoff(attempt, self.retry_scale, outcome.retry_after)
            next_attempt = finished + timedelta(seconds=delay)
            values.update(
                attempts=attempt,
                failing_since=failing_since,
                next_attempt=next_attempt,
                lease_until=None,
                lease_owner=None,
            )
            if finished - failing_since >= FAILING_AFTER * self.retry_scale:
                values["failing"] = True
                log.warning("webhook %s: failing for 24 h, stopped until re-enabled", hook.key)
        async with self.db.transaction() as session:
            result = await session.execute(
                update(Webhook)
                .where(Webhook.key == hook.key, Webhook.lease_owner == self.process)
                .values(**values)
                .execution_options(synchronize_session=False)
            )
            if getattr(result, "rowcount", 0) != 1:
                return False  # deleted, or the lease ran out and another process took over
            session.add(
                WebhookAttempt(
                    webhook_key=hook.key,
                    event_sequence=event.sequence,
                    event_key=event.event_key,
                    event_type=event.type,
                    attempt=attempt,
                    started=now,
                    duration_ms=duration_ms,
                    status_code=outcome.status,
                    error=outcome.error,
                    delivered=outcome.delivered,
                    next_attempt=next_attempt,
                    process=self.process,
                )
            )
        self.attempts["delivered" if outcome.delivered else "failed"] += 1
        if outcome.delivered:
            hook.cursor = event.sequence
            hook.attempts = 0
            hook.failing_since = None
        return outcome.delivered

    async def _send(self, url: str, headers: dict[str, str], body: bytes) -> _Outcome:
        try:
            response = await outbound.send(
                "POST",
                url,
                policy=self.policy,
                timeout=RECEIVER_TIMEOUT,
                headers=headers,
                content=body,
                require_https=True,
                keep_query=True,
            )
        except outbound.Refused as exc:
            log.info("webhook delivery refused: %s", exc.reason)
            return _Outcome(False, None, "the receiver's address is not allowed", None)
        except outbound.Unreachable as exc:
            log.info("webhook delivery failed: %s", exc.reason)
            timed_out = "did not answer" in exc.reason
            error = "timed out" if timed_out else "the receiver could not be reached"
            return _Outcome(False, None, error, None)
        if 200 <= response.status < 300:
            return _Outcome(True, response.status, None, None)
        retry_after = retry_after_seconds(response.headers.get("retry-after"), utcnow())
        return _Outcome(False, response.status, f"answered {response.status}", retry_after)

    async def _finish(self, key: str, *, cursor: int | None) -> None:
        values: dict[str, object] = {"lease_until": None, "lease_owner": None}
        if cursor is not None:
            values["cursor"] = cursor
        async with self.db.transaction() as session:
            # Only the lease holder moves the cursor, so it cannot have moved meanwhile.
            await session.execute(
                update(Webhook)
                .where(Webhook.key == key, Webhook.lease_owner == self.process)
                .values(**values)
                .execution_options(synchronize_session=False)
            )
