"""Everything one server process holds while it runs: the store, the in-memory copies of keys
and clients, and the background task that keeps them in step with the database."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import timedelta

from starlette.requests import HTTPConnection

from camunda_hub.server.api_clients.registry import ClientRegistry
from camunda_hub.server.api_clients.usage import UsageRecorder
from camunda_hub.server.events.service import EventsService
from camunda_hub.server.keys import rotation
from camunda_hub.server.keys.keyring import Keyring
from camunda_hub.server.metrics import Metrics
from camunda_hub.server.security.bearer import BearerVerifier
from camunda_hub.server.security.external_idp import ExternalIssuer
from camunda_hub.server.security.revoked_tokens import TOKEN, RevokedTokens
from camunda_hub.server.services import bootstrap
from camunda_hub.server.services.api_clients import IssuedCredentials
from camunda_hub.server.services.hub import retention
from camunda_hub.server.settings import Settings
from camunda_hub.server.store import changes
from camunda_hub.server.store.db import Database
from camunda_hub.server.store.open import Store, open_store
from camunda_hub.server.store.schema.base import utcnow
from camunda_hub.server.store.unavailable import means_unavailable
from camunda_hub.server.throttle.ratelimit import TokenThrottle

log = logging.getLogger("camunda_hub.runtime")

_USAGE_FLUSH_SECONDS = 5.0
# How often expired soft deletions are looked for (the first time right after start: a process
# restarted more often than this must still sweep).
RETENTION_SWEEP_SECONDS = 3600.0


class Runtime:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.issuer = settings.effective_issuer
        self.keyring = Keyring()
        self.clients = ClientRegistry()
        self.usage = UsageRecorder()
        self.metrics = Metrics()
        # A trusted external identity provider, when configured (its keys are fetched by
        # ExternalKeysMiddleware, its tokens accepted by the verifier).
        self.external_issuer = (
            ExternalIssuer(settings, lambda: self.db) if settings.external_issuer else None
        )
        self.revoked_tokens = RevokedTokens()
        self.verifier = BearerVerifier(
            settings,
            self.issuer,
            self.keyring,
            self.clients,
            self.metrics,
            external=self.external_issuer,
            revoked=self.revoked_tokens,
        )
        self.token_throttle = TokenThrottle(settings, lambda: self.db)
        self.bootstrap_credentials: IssuedCredentials | None = None
        self._store: Store | None = None
        self._seen_seq = 0
        self._tasks: list[asyncio.Task[None]] = []
        self._pepper = b""
        self._kek = b""
        self.events: EventsService | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            raise RuntimeError("the runtime is not started")
        return self._store

    @property
    def db(self) -> Database:
        return self.store.db

    @property
    def pepper(self) -> bytes:
        return self._pepper

    @property
    def kek(self) -> bytes:
        return self._kek

    async def start(self) -> None:
        self._store = await open_store(self.settings)
        secret = self._store.secret
        self._pepper = secret.client_secret_pepper
        self._kek = secret.key_encryption_key
        async with self.db.exclusive_transaction() as session:
            await rotation.note_token_lifetime(session, self.settings.token_lifetime)
            await rotation.ensure_current(
                session,
                alg=self.settings.signing_alg,
                kek=self._kek,
                token_lifetime=self.settings.token_lifetime,
                clock_skew=self.settings.clock_skew,
            )
            self.bootstrap_credentials = await bootstrap.first_start(
                session, pepper=self._pepper, with_client=self.settings.should_bootstrap_client
            )
        async with self.db.session() as session:
            self._seen_seq = await changes.latest_seq(session)
            await self.clients.load_all(session)
            await self.keyring.load(session, self._kek)
            await self.revoked_tokens.load_all(session)
        self._tasks.append(asyncio.create_task(self._sync_loop(), name="camunda-hub-sync"))
        if self.settings.deleted_retention_days:
            # Its own task: a long sweep must not hold up revocations reaching this process.
            self._tasks.append(
                asyncio.create_task(self._retention_loop(), name="camunda-hub-retention")
            )
        self.events = EventsService(self.db, self.settings, kek=self._kek)
        self.events.start()

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks.clear()
        if self.events is not None:
            await self.events.stop()
            self.events = None
        if self._store is not None:
            with contextlib.suppress(Exception):
                await self.usage.flush(self.db)
            await self._store.close()
            self._store = None

    async def sync_now(self) -> None:
        """Apply every change recorded since the last look (other processes' and our own)."""
        async with self.db.session() as session:
            rows = await changes.since(session, self._seen_seq)
            while rows:
                client_ids = {row.ref for row in rows if row.kind == changes.CLIENT}
                if client_ids:
                    await self.clients.refresh(session, client_ids)
                if any(row.kind == changes.KEY for row in rows):
                    await self.keyring.load(session, self._kek)
                revoked = {row.ref for row in rows if row.kind == TOKEN}
                if revoked:
                    await self.revoked_tokens.refresh(session, revoked)
                self._seen_seq = rows[-1].seq
                rows = await changes.since(session, self._seen_seq)

    async def _retention_loop(self) -> None:
        retention_period = timedelta(days=self.settings.deleted_retention_days)
        while True:
            try:
                swept = await retention.sweep(self.db, utcnow() - retention_period)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.warning(
                    "the sweep of expired deletions failed (%s); next try in %ss",
                    type(exc).__name__,
                    int(RETENTION_SWEEP_SECONDS),
                    exc_info=not means_unavailable(exc),
                )
            else:
                if swept.removed or swept.kept:
                    log.info(
                        "removed %d deletions older than %d days for good (%d kept)",
                        swept.removed,
                        self.settings.deleted_retention_days,
                        swept.kept,
                    )
            await asyncio.sleep(RETENTION_SWEEP_SECONDS)

    async def _sync_loop(self) -> None:
        since_flush = 0.0
        since_prune = 0.0
        interval = self.settings.sync_interval
        failing = False
        while True:
            await asyncio.sleep(interval)
            since_flush += interval
            since_prune += interval
            try:
                await self.sync_now()
                if since_flush >= _USAGE_FLUSH_SECONDS:
                    since_flush = 0.0
                    await self.usage.flush(self.db)
                if since_prune >= 3600:
                    since_prune = 0.0
                    async with self.db.transaction() as session:
                        await changes.prune(session)
                    async with self.db.session() as session:
                        # Retired keys past their verification window drop out of the JWKS.
                        await self.keyring.load(session, self._kek)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                # The database may be briefly unavailable; the next round tries again. Said once
                # per outage (a traceback every round would bury everything else in the log).
                if not failing:
                    log.warning(
                        "could not refresh from the database (%s); retrying every %ss",
                        type(exc).__name__,
                        interval,
                        exc_info=not means_unavailable(exc),
                    )
                failing = True
            else:
                if failing:
                    log.warning("the database is reachable again")
                failing = False


def runtime_of(connection: HTTPConnection) -> Runtime:
    """The runtime of the app serving this request (``create_app`` puts it on the app state):
    the one way request-side code reaches it, typed."""
    runtime: Runtime = connection.app.state.runtime
    return runtime
