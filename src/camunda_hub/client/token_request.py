"""One client-credentials token request (RFC 6749 §4.4), with bounded retries.

400/401 (and any other 4xx but 429) fail at once with the server's ``error`` and
``error_description``; 429, 5xx and network errors are retried with exponential backoff and
full jitter, waiting at least what ``Retry-After`` asks for, within a total time budget."""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from camunda_hub.client.config import HubConfig
from camunda_hub.client.errors import TokenEndpointUnavailable, TokenError, TokenRequestRejected
from camunda_hub.client.redact import Secret, redact

if TYPE_CHECKING:
    import httpx

log = logging.getLogger("camunda_hub.client.tokens")

RETRYABLE_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 5
    base_delay: float = 0.5
    max_delay: float = 10.0
    # A Retry-After beyond this is not waited for: the caller gets an error instead of a hang.
    max_total_wait: float = 60.0


@dataclass(frozen=True)
class Token:
    access_token: Secret
    # Wall-clock seconds (epoch) at which the token expires, measured from when we *asked* for
    # it plus expires_in: a server clock that differs from ours does not matter.
    expires_at: float
    lifetime: float
    token_type: str = "Bearer"
    scope: str | None = field(default=None, compare=False)
    # The key a DPoP token is bound to (client/dpop.py): proofs for API calls are made with it.
    dpop_key: Any = field(default=None, compare=False, repr=False)

    @property
    def refresh_at(self) -> float:
        return self.expires_at - refresh_margin(self.lifetime)

    def fresh(self, now: float | None = None) -> bool:
        return (time.time() if now is None else now) < self.refresh_at


def refresh_margin(lifetime: float) -> float:
    """How long before expiry a token is replaced: 30 s, or a quarter of a short lifetime."""
    return 30.0 if lifetime > 120 else lifetime / 4


def form(config: HubConfig) -> dict[str, str]:
    if config.client_private_key_file is not None:
        from camunda_hub.client.assertions import assertion_form

        return assertion_form(config)
    return {
        "grant_type": "client_credentials",
        "audience": config.audience,
        "client_id": config.client_id,
        "client_secret": config.client_secret.reveal(),
    }


def parse_token(response: httpx.Response, asked_at: float, token_url: str) -> Token:
    try:
        body = response.json()
    except ValueError:
        raise TokenError(
            f"the token endpoint {token_url} answered HTTP {response.status_code} without JSON"
        ) from None
    access = body.get("access_token") if isinstance(body, dict) else None
    if not isinstance(access, str) or not access:
        raise TokenError(f"the token endpoint {token_url} sent no access_token")
    token_type = str(body.get("token_type") or "Bearer")
    if token_type.lower() not in ("bearer", "dpop"):
        raise TokenError(f"the token endpoint {token_url} sent a {token_type!r} token, not Bearer")
    expires_in = body.get("expires_in")
    try:
        lifetime = float(expires_in) if expires_in is not None else 300.0
    except (TypeError, ValueError):
        lifetime = 300.0
    lifetime = max(lifetime, 1.0)
    return Token(
        access_token=Secret(access),
        expires_at=asked_at + lifetime,
        lifetime=lifetime,
        token_type="DPoP" if token_type.lower() == "dpop" else "Bearer",
        scope=body.get("scope") if isinstance(body.get("scope"), str) else None,
    )


def _rejection(response: httpx.Response, token_url: str) -> TokenRequestRejected:
    error = description = None
    try:
        body: Any = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict):
        error = body.get("error") if isinstance(body.get("error"), str) else None
        description = (
            body.get("error_description")
            if isinstance(body.get("error_description"), str)
            else None
        )
    if error is None and description is None and response.text:
        description = response.text[:300]
    return TokenRequestRejected(response.status_code, error, description, token_url)


def retry_after(response: httpx.Response) -> float | None:
    raw = response.headers.get("Retry-After")
    if not raw:
        return None
    raw = raw.strip()
    if raw.isdigit():
        return float(raw)
    import email.utils  # an HTTP-date Retry-After is rare: not worth loading on import

    try:
        when = email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


class _Attempts:
    """The retry bookkeeping shared by the sync and async request loops."""

    def __init__(self, policy: RetryPolicy, token_url: str, rng: random.Random) -> None:
        self.policy = policy
        self.token_url = token_url
        self.rng = rng
        self.number = 0
        self.waited = 0.0

    def delay_after(self, status: int | None, hint: float | None, reason: str) -> float:
        """The wait before the next attempt, or raise when the budget is spent."""
        policy = self.policy
        backoff = self.rng.uniform(
            0, min(policy.max_delay, policy.base_delay * 2 ** (self.number - 1))
        )
        delay = max(backoff, hint or 0.0)
        if self.number >= policy.attempts or self.waited + delay > policy.max_total_wait:
            raise TokenEndpointUnavailable(
                f"the token endpoint {self.token_url} is unavailable ({reason}) "
                f"after {self.number} attempt{'s' if self.number != 1 else ''}",
                status=status,
                attempts=self.number,
            )
        log.warning(
            "token request failed (%s); retrying in %.2fs (attempt %d of %d)",
            reason,
            delay,
            self.number + 1,
            policy.attempts,
        )
        self.waited += delay
        return delay

    def outcome(self, response: httpx.Response, asked_at: float) -> Token | float:
        """A token, or the delay before retrying; raises for answers that must not be retried."""
        status = response.status_code
        if status == 200:
            return parse_token(response, asked_at, self.token_url)
        if status in RETRYABLE_STATUS:
            return self.delay_after(status, retry_after(response), f"HTTP {status}")
        raise _rejection(response, self.token_url)

    def network_failure(self, exc: httpx.HTTPError) -> float:
        reason = redact(f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__)
        if _tls_failure(exc):
            # A certificate problem does not go away by asking again.
            raise TokenEndpointUnavailable(
                f"TLS with the token endpoint {self.token_url} failed ({reason}): check "
                "CAMUNDA_HUB_CA_BUNDLE and the client certificate",
                attempts=self.number,
            )
        return self.delay_after(None, None, reason)


def _tls_failure(exc: BaseException) -> bool:
    import ssl  # loaded by httpx by now; not on import of the SDK

    seen: BaseException | None = exc
    for _ in range(5):
        if seen is None:
            return False
        if isinstance(seen, ssl.SSLError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _dpop_key(config: HubConfig) -> Any:
    if not config.dpop:
        return None
    from camunda_hub.client.dpop import key_for

    return key_for(config.cache_key)


def _proof(dpop: Any, config: HubConfig) -> dict[str, str] | None:
    return None if dpop is None else {"DPoP": dpop.proof("POST", config.oauth_url)}


def _bound(result: Token | float, dpop: Any, config: HubConfig) -> Token | float:
    """The token with the key its proofs are made with; a DPoP client refuses a token that the
    server did not bind (it would travel as a plain bearer token)."""
    if isinstance(result, float) or dpop is None:
        return result
    if result.token_type != "DPoP":
        raise TokenError(
            f"the token endpoint {config.oauth_url} ignored the DPoP proof (it sent a "
            f"{result.token_type} token)"
        )
    return replace(result, dpop_key=dpop)


def request_token(
    http: httpx.Client,
    config: HubConfig,
    *,
    policy: RetryPolicy,
    sleep: Callable[[float], None] = time.sleep,
    rng: random.Random | None = None,
) -> Token:
    import httpx

    attempts = _Attempts(policy, config.oauth_url, rng or random.Random())
    while True:
        attempts.number += 1
        asked_at = time.time()
        dpop = _dpop_key(config)
        try:
            response = http.post(config.oauth_url, data=form(config), headers=_proof(dpop, config))
        except (httpx.TransportError, httpx.DecodingError) as exc:
            sleep(attempts.network_failure(exc))
            continue
        if dpop is not None and dpop.learned_nonce(response):
            continue
        result = _bound(attempts.outcome(response, asked_at), dpop, config)
        if isinstance(result, Token):
            log.debug(
                "token obtained for client %s (expires in %ss)",
                config.client_id,
                int(result.lifetime),
            )
            return result
        sleep(result)


async def request_token_async(
    http: httpx.AsyncClient,
    config: HubConfig,
    *,
    policy: RetryPolicy,
    sleep: Callable[[float], Awaitable[None]] | None = None,
    rng: random.Random | None = None,
) -> Token:
    import httpx

    if sleep is None:
        # Here, not at the top: a blocking HubClient (the CLI) never loads asyncio.
        import asyncio

        sleep = asyncio.sleep
    attempts = _Attempts(policy, config.oauth_url, rng or random.Random())
    while True:
        attempts.number += 1
        asked_at = time.time()
        dpop = _dpop_key(config)
        try:
            response = await http.post(
                config.oauth_url, data=form(config), headers=_proof(dpop, config)
            )
        except (httpx.TransportError, httpx.DecodingError) as exc:
            await sleep(attempts.network_failure(exc))
            continue
        if dpop is not None and dpop.learned_nonce(response):
            continue
        result = _bound(attempts.outcome(response, asked_at), dpop, config)
        if isinstance(result, Token):
            log.debug(
                "token obtained for client %s (expires in %ss)",
                config.client_id,
                int(result.lifetime),
            )
            return result
        await sleep(result)
