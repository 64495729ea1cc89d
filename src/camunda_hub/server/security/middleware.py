"""Bearer authentication for every ``/api/v2`` request, as pure ASGI middleware.

It runs before routing and before the body is read, so an unauthenticated caller always gets
401 — never a 400 for a malformed body, a 404 that reveals which routes exist, or a 405 — and
the check costs one cached lookup instead of a FastAPI dependency resolution."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable

from starlette.types import ASGIApp, Receive, Scope, Send

from camunda_hub.server.api_clients.lookup import ClientLookup
from camunda_hub.server.metrics import Metrics
from camunda_hub.server.problem_details import bearer_challenge, problem
from camunda_hub.server.security.bearer import (
    BearerError,
    BearerVerifier,
    UnknownClient,
    UnknownKey,
)
from camunda_hub.server.security.dpop_auth import DpopAuthentication, DpopError, is_dpop
from camunda_hub.server.security.permissions import MissingPermission, required_permission
from camunda_hub.server.security.principal import Principal
from camunda_hub.server.store.unavailable import means_unavailable

log = logging.getLogger("camunda_hub.security")

PROTECTED_PREFIX = "/api/v2"
# Web Modeler API v1 (api/v1/) takes the same tokens; checked by the same pass, no second layer.
V1_PREFIX = "/api/v1"
_AUTHORIZATION = b"authorization"


class BearerAuthentication:
    def __init__(
        self,
        app: ASGIApp,
        *,
        verifier: BearerVerifier,
        metrics: Metrics,
        realm: str,
        sync_interval: float,
        refresh: Callable[[], Awaitable[None]],
        dpop: DpopAuthentication,
        lookup: ClientLookup,
        prefix: str = PROTECTED_PREFIX,
        also: tuple[str, ...] = (V1_PREFIX,),
    ) -> None:
        """``refresh`` brings the in-memory keys and clients up to date with the database (the
        runtime's ``sync_now``); asked for at most once per ``sync_interval``."""
        self.app = app
        self.verifier = verifier
        self.metrics = metrics
        self.realm = realm
        self.sync_interval = sync_interval
        self.refresh = refresh
        self.dpop = dpop
        self.lookup = lookup
        self.prefix = prefix
        self.prefix_slash = prefix + "/"
        self.prefixes = (prefix, *also)
        self.prefix_slashes = tuple(each + "/" for each in self.prefixes)
        self._refresh_lock = asyncio.Lock()
        self._last_refresh = float("-inf")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        root: str = scope.get("root_path", "")
        if root and path.startswith(root):
            # Routing matches the path below the root path (served behind a path prefix).
            path = path[len(root) :]
        if not path.startswith(self.prefix_slashes) and path not in self.prefixes:
            await self.app(scope, receive, send)
            return
        try:
            values = [value for name, value in scope["headers"] if name == _AUTHORIZATION]
            if len(values) > 1:
                # RFC 6750 §3.1: more than one credential is a malformed request.
                raise BearerError("invalid_request", "send one Authorization header", status=400)
            header = values[0].decode("latin-1") if values else None
            try:
                principal = self._verified(scope, header)
            except UnknownKey:
                # A key rotated by another process signs there at once; this process learns of
                # it at its next sync. Look now instead (at most once per sync interval, so
                # made-up kids cannot turn into database load).
                if not await self._refreshed_keys():
                    raise
                principal = self._verified(scope, header)
            except UnknownClient as exc:
                # With several processes, the one that issued the token may have just looked up
                # a new client the others have not synced yet: look it up once here too
                # (bounded and cached negatively, so a deleted client's tokens stay cheap).
                await self.lookup.ensure(exc.client_id)
                principal = self._verified(scope, header)
            permission = required_permission(scope["method"], path)
            if permission not in principal.permissions:
                raise MissingPermission(permission)
        except BearerError as exc:
            await self._refuse(exc, path)(scope, receive, send)
            return
        scope.setdefault("state", {})["principal"] = principal
        await self.app(scope, receive, send)

    def _verified(self, scope: Scope, header: str | None) -> Principal:
        if is_dpop(header):
            return self.dpop.principal(scope, header or "")
        return self.verifier.verify_header(header)

    async def _refreshed_keys(self) -> bool:
        asked = time.monotonic()
        async with self._refresh_lock:
            if self._last_refresh >= asked:
                return True  # another request refreshed while this one waited
            if asked - self._last_refresh < self.sync_interval:
                return False
            self._last_refresh = time.monotonic()
            try:
                await self.refresh()
            except Exception as exc:
                log.warning(
                    "could not refresh the signing keys from the database (%s)",
                    type(exc).__name__,
                    exc_info=not means_unavailable(exc),
                )
                return False
            return True

    def _refuse(self, exc: BearerError, path: str) -> ASGIApp:
        permission = getattr(exc, "permission", None)
        self.metrics.bearer_failures[exc.error or "missing"] += 1
        if isinstance(exc, DpopError):
            return problem(exc.status, exc.description, instance=path, headers=exc.headers)
        challenge = bearer_challenge(
            self.realm,
            exc.error,
            exc.description,
            f"{permission}:*" if permission else None,
        )
        return problem(
            exc.status, exc.description, instance=path, headers={"WWW-Authenticate": challenge}
        )
