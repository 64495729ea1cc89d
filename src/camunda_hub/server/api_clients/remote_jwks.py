"""The public keys an API client publishes at a JWK Set URL (``private_key_jwt`` with
``jwks_url``, as OpenID Connect dynamic registration calls it).

Fetched through the outbound policy (server/outbound/: address checks on the connected
address, no redirects, a size cap, one deadline), kept per client, and fetched again when the
copy is old or an assertion names a ``kid`` the copy lacks (the client rotated its keys). That
second kind of refresh is bounded per client: assertions with made-up kids cannot turn the
server into a load generator against the URL. A failed fetch keeps the last good copy; why it
failed goes to the server log only, never to the caller."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from camunda_hub.server import outbound
from camunda_hub.server.api_clients.public_keys import (
    InvalidPublicKey,
    RegisteredKey,
    load,
    parse,
)
from camunda_hub.server.settings import Settings

log = logging.getLogger("camunda_hub.clients")

MAX_URL_CHARS = 2048
# A JWK Set of MAX_KEYS_PER_FILE RSA-4096 keys stays well below this.
MAX_JWKS_BYTES = 64 * 1024
# A good copy is used this long before it is fetched again (at the next assertion).
MAX_AGE_SECONDS = 300.0
# At most one fetch per client this often, whatever kids assertions name.
MIN_REFETCH_SECONDS = 30.0
FETCH_TIMEOUT_SECONDS = 5.0


class InvalidJwksUrl(ValueError):
    pass


def checked_url(url: str) -> str:
    """``url`` if it can be a JWK Set URL (the address policy is applied at each fetch, on the
    address the name then resolves to)."""
    # Loaded on first use, not with the server: httpx is ~2 % of its start.
    import httpx

    url = url.strip()
    if not url or len(url) > MAX_URL_CHARS:
        raise InvalidJwksUrl(f"a JWK Set URL has 1 to {MAX_URL_CHARS} characters")
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError, TypeError):
        raise InvalidJwksUrl("the JWK Set URL is not a valid URL") from None
    if parsed.scheme not in ("https", "http") or not parsed.host:
        raise InvalidJwksUrl("the JWK Set URL must be an absolute https URL")
    if parsed.userinfo:
        raise InvalidJwksUrl("the JWK Set URL must not carry credentials")
    if parsed.fragment:
        raise InvalidJwksUrl("the JWK Set URL must not have a fragment")
    return url


@dataclass(slots=True)
class _Copy:
    url: str
    keys: tuple[RegisteredKey, ...] = ()
    fetched: float | None = None  # when the keys were last fetched successfully
    attempted: float | None = None  # when a fetch was last started


class RemoteJwks:
    def __init__(self, settings: Settings, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.settings = settings
        self.clock = clock
        self.min_refetch = MIN_REFETCH_SECONDS
        self.max_age = MAX_AGE_SECONDS
        self._copies: dict[str, _Copy] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def keys(self, client_id: str, url: str, kid: str | None) -> tuple[RegisteredKey, ...]:
        """The client's keys at ``url``, fetched first when there is no fresh copy or it lacks
        ``kid`` (and the last fetch is not too recent)."""
        copy = self._copies.get(client_id)
        if copy is None or copy.url != url:
            copy = self._copies[client_id] = _Copy(url)
        if not self._wanted(copy, kid):
            return copy.keys
        lock = self._locks.setdefault(client_id, asyncio.Lock())
        async with lock:
            # Another request may have fetched while this one waited.
            if self._wanted(copy, kid):
                await self._fetch(client_id, copy)
        return copy.keys

    def _wanted(self, copy: _Copy, kid: str | None) -> bool:
        now = self.clock()
        if copy.attempted is not None and now - copy.attempted < self.min_refetch:
            return False
        if copy.fetched is None or now - copy.fetched >= self.max_age:
            return True
        return kid is not None and all(key.kid != kid for key in copy.keys)

    async def _fetch(self, client_id: str, copy: _Copy) -> None:
        copy.attempted = self.clock()
        try:
            response = await outbound.send(
                "GET",
                copy.url,
                policy=outbound.policy_for(self.settings.outbound_allow),
                timeout=FETCH_TIMEOUT_SECONDS,
                headers={"Accept": "application/jwk-set+json, application/json"},
                require_https=True,
                keep_query=True,
                max_bytes=MAX_JWKS_BYTES,
            )
            keys = _keys_of(response)
        except (outbound.OutboundError, InvalidPublicKey) as exc:
            reason = exc.reason if isinstance(exc, outbound.OutboundError) else str(exc)
            log.warning("JWK Set of API client %s not fetched: %s", client_id, reason)
            return
        copy.keys = keys
        copy.fetched = self.clock()


def _keys_of(response: outbound.OutboundResponse) -> tuple[RegisteredKey, ...]:
    if response.status != 200:
        raise InvalidPublicKey(f"the URL answered HTTP {response.status}")
    if response.truncated:
        raise InvalidPublicKey(f"the answer is larger than {MAX_JWKS_BYTES} bytes")
    try:
        text = response.body.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidPublicKey("the answer is not UTF-8 text") from None
    if not text.lstrip().startswith("{") or '"keys"' not in text:
        raise InvalidPublicKey("the answer is not a JWK Set")
    return tuple(RegisteredKey(key.kid, key.alg, load(key.jwk, key.alg)) for key in parse(text))
