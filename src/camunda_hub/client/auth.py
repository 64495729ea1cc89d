"""The httpx ``Auth`` flow of the Hub API: attach a bearer token; on a 401 fetch a fresh token
and send the request once more; a second 401 goes back to the caller.

A token that cannot be obtained raises before anything is sent, so no request ever leaves
without ``Authorization``."""

from __future__ import annotations

import logging
from collections.abc import AsyncGenerator, Awaitable, Callable, Generator

import httpx

from camunda_hub.client.token_request import Token
from camunda_hub.client.tokens import TokenCache

log = logging.getLogger("camunda_hub.client.auth")


def _attach(request: httpx.Request, token: Token) -> None:
    value = token.access_token.reveal()
    if token.dpop_key is not None:
        # RFC 9449 §7: a fresh proof per request, bound to the token by its hash.
        request.headers["Authorization"] = f"DPoP {value}"
        request.headers["DPoP"] = token.dpop_key.proof(request.method, str(request.url), value)
        return
    request.headers["Authorization"] = f"Bearer {value}"


def _wants_nonce(response: httpx.Response, token: Token) -> bool:
    return token.dpop_key is not None and bool(token.dpop_key.learned_nonce(response))


class HubAuth(httpx.Auth):
    # The body is read up front so the retry after a 401 can send it again.
    requires_request_body = True

    def __init__(
        self,
        cache: TokenCache,
        fetch: Callable[[], Token] | None = None,
        fetch_async: Callable[[], Awaitable[Token]] | None = None,
    ) -> None:
        self._cache = cache
        self._fetch = fetch
        self._fetch_async = fetch_async

    def __repr__(self) -> str:
        return "HubAuth()"

    def token(self) -> Token:
        if self._fetch is None:
            raise RuntimeError("this HubAuth serves asynchronous clients only")
        return self._cache.get(self._fetch)

    async def token_async(self) -> Token:
        if self._fetch_async is None:
            raise RuntimeError("this HubAuth serves synchronous clients only")
        return await self._cache.get_async(self._fetch_async)

    def sync_auth_flow(
        self, request: httpx.Request
    ) -> Generator[httpx.Request, httpx.Response, None]:
        if self.requires_request_body:
            request.read()
        token = self.token()
        _attach(request, token)
        response = yield request
        if _wants_nonce(response, token):
            _attach(request, token)
            response = yield request
        if response.status_code == 401:
            log.debug("the API refused the token (401); fetching a new one and retrying once")
            self._cache.invalidate(token)
            _attach(request, self.token())
            yield request

    async def async_auth_flow(
        self, request: httpx.Request
    ) -> AsyncGenerator[httpx.Request, httpx.Response]:
        if self.requires_request_body:
            await request.aread()
        token = await self.token_async()
        _attach(request, token)
        response = yield request
        if _wants_nonce(response, token):
            _attach(request, token)
            response = yield request
        if response.status_code == 401:
            log.debug("the API refused the token (401); fetching a new one and retrying once")
            self._cache.invalidate(token)
            _attach(request, await self.token_async())
            yield request
