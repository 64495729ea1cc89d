"""One outbound HTTP request to a URL that API input chose.

The host is resolved once, the addresses are checked against the policy, and the connection
goes to the checked address (the URL's host is kept as ``Host`` header and as TLS server name,
so certificates are still verified against it): a name cannot resolve to an allowed address for
the check and to a forbidden one for the connection (DNS rebinding). No redirect is followed, no
proxy from the environment is used, the whole exchange is bounded by one deadline, and at most
``max_bytes`` of the answer are read."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import ssl
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import certifi

from camunda_hub.server.outbound.policy import AddressPolicy, IPAddress, UrlRefused

if TYPE_CHECKING:
    import httpx

MAX_BODY_BYTES = 64 * 1024
_DEFAULT_PORTS = {"http": 80, "https": 443}

Resolver = Callable[[str, int], Awaitable[list[IPAddress]]]


class OutboundError(Exception):
    """The call was not made or did not complete. ``reason`` is for the server's log only:
    callers of the API get a generic message, so error texts cannot be used to scan networks."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Refused(OutboundError):
    """The policy refused the URL or its address: nothing was sent."""


class Unreachable(OutboundError):
    """Name resolution, connection, TLS or the exchange failed, or the deadline passed."""


@dataclass(frozen=True)
class OutboundResponse:
    status: int
    headers: httpx.Headers
    body: bytes
    truncated: bool  # the answer was longer than max_bytes; body holds the first max_bytes


async def resolve_host(host: str, port: int) -> list[IPAddress]:
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses: list[IPAddress] = []
    for _family, _type, _proto, _canon, sockaddr in infos:
        address = ipaddress.ip_address(sockaddr[0])
        if address not in addresses:
            addresses.append(address)
    return addresses


@cache
def _tls_context() -> ssl.SSLContext:
    # Built once: creating a context per call costs milliseconds (loading the CA bundle).
    return ssl.create_default_context(cafile=certifi.where())


def _is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


async def send(
    method: str,
    url: str,
    *,
    policy: AddressPolicy,
    timeout: float,  # noqa: ASYNC109 - one deadline for resolve + connect + exchange
    headers: Mapping[str, str] | None = None,
    params: Mapping[str, str] | None = None,
    content: bytes | None = None,
    require_https: bool = False,
    keep_query: bool = False,
    max_bytes: int = MAX_BODY_BYTES,
    resolve: Resolver = resolve_host,
) -> OutboundResponse:
    """Send one request. ``params`` replace the URL's own query, which is dropped unless
    ``keep_query`` (a webhook URL's query is the receiver's; a cluster registration's is not
    ours to forward). The fragment is never sent."""
    # Loaded on first use, not with the server: httpx is ~2 % of its start.
    import httpx

    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError, TypeError) as exc:
        raise Refused("not a valid URL") from exc
    if parsed.scheme not in _DEFAULT_PORTS or not parsed.host:
        raise Refused("not an absolute http(s) URL")
    if parsed.userinfo:
        raise Refused("the URL carries credentials")
    host = parsed.host
    port = parsed.port or _DEFAULT_PORTS[parsed.scheme]
    try:
        async with asyncio.timeout(timeout):
            try:
                addresses = await resolve(host, port)
            except (OSError, UnicodeError, ValueError) as exc:
                raise Unreachable(f"{host} could not be resolved") from exc
            try:
                policy.check(host, addresses)
            except UrlRefused as exc:
                raise Refused(str(exc)) from exc
            if (
                parsed.scheme == "http"
                and require_https
                and not policy.plain_http_allowed(host, addresses)
            ):
                raise Refused(f"{host}: https is required")
            return await _exchange(
                method,
                parsed,
                addresses[0],
                headers=headers,
                params=params,
                content=content,
                keep_query=keep_query,
                max_bytes=max_bytes,
                timeout=timeout,
            )
    except TimeoutError as exc:
        raise Unreachable(f"{host} did not answer within {timeout:g} s") from exc


async def _exchange(
    method: str,
    parsed: httpx.URL,
    address: IPAddress,
    *,
    headers: Mapping[str, str] | None,
    params: Mapping[str, str] | None,
    content: bytes | None,
    keep_query: bool,
    max_bytes: int,
    timeout: float,  # noqa: ASYNC109 - httpx's per-operation bound inside send's deadline
) -> OutboundResponse:
    import httpx

    host = parsed.host
    target = parsed.copy_with(host=str(address), fragment=None)
    if not keep_query:
        target = target.copy_with(query=None)
    if params:
        target = target.copy_merge_params(dict(params))
    sent_headers = dict(headers or {})
    # The name the URL gave, with its port when not the default one: what a virtual host or
    # a reverse proxy in front of the receiver routes on.
    sent_headers["Host"] = parsed.netloc.decode("ascii")
    # Raw bytes are what is counted against max_bytes: a compressed answer could otherwise
    # inflate far beyond the bound in one chunk.
    sent_headers["Accept-Encoding"] = "identity"
    extensions = {}
    if parsed.scheme == "https" and not _is_ip_literal(host):
        # TLS to the checked address, but SNI and certificate verification for the name.
        extensions["sni_hostname"] = host
    try:
        async with httpx.AsyncClient(
            timeout=timeout, follow_redirects=False, trust_env=False, verify=_tls_context()
        ) as client:
            request = client.build_request(
                method, target, headers=sent_headers, content=content, extensions=extensions
            )
            response = await client.send(request, stream=True)
            try:
                body = bytearray()
                truncated = False
                async for chunk in response.aiter_raw():
                    body += chunk
                    if len(body) > max_bytes:
                        truncated = True
                        del body[max_bytes:]
                        break
            finally:
                await response.aclose()
    except httpx.HTTPError as exc:
        raise Unreachable(f"{host}: {type(exc).__name__}") from exc
    return OutboundResponse(response.status_code, response.headers, bytes(body), truncated)
