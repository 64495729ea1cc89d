"""Whether the token endpoint serves a request at all: the ``TokenThrottle``'s rate limits and
lockout, asked once the client id is known and before its secret is checked, and told the
outcome afterwards (a wrong secret counts towards the lockout, a right one clears it)."""

from __future__ import annotations

from dataclasses import dataclass

from camunda_hub.server.clients.registry import ClientRegistry
from camunda_hub.server.oauth.errors import TemporarilyUnavailable
from camunda_hub.server.throttle.ratelimit import TokenThrottle

_DESCRIPTIONS = {
    "locked": "too many failed authentication attempts for this client; retry later",
    "rate_client": "too many token requests for this client; cache tokens until they expire",
    "rate_address": "too many token requests from this address; retry later",
}
# Introspection and revocation: their own rates (same limits), the same lockout.
_OTHER_DESCRIPTIONS = {
    "locked": _DESCRIPTIONS["locked"],
    "rate_client": "too many requests for this client; retry later",
    "rate_address": "too many requests from this address; retry later",
}


class Refused(TemporarilyUnavailable):
    def __init__(
        self, reason: str, retry_after: int, known_client: str | None, bucket: str = ""
    ) -> None:
        super().__init__((_OTHER_DESCRIPTIONS if bucket else _DESCRIPTIONS)[reason])
        self.reason = reason
        self.retry_after = retry_after
        # For the metrics label only: whether the id names a client (never logged).
        self.known_client = known_client


@dataclass(frozen=True, slots=True)
class Ticket:
    """An admitted request: whether a success must reset the client's failure count."""

    client_id: str | None
    had_failures: bool


_UNTHROTTLED = Ticket(None, False)


class TokenAdmission:
    def __init__(
        self, throttle: TokenThrottle, clients: ClientRegistry, *, bucket: str = ""
    ) -> None:
        """``bucket``: "" for the token endpoint, a name for another endpoint's own rates."""
        self.throttle = throttle
        self.clients = clients
        self.bucket = bucket

    async def admit(self, client_id: str | None, address: str | None) -> Ticket:
        if not self.throttle.enabled:
            return _UNTHROTTLED
        refusal, had_failures = await self.throttle.admit(client_id, address, bucket=self.bucket)
        if refusal is not None:
            known = client_id if client_id and self.clients.get(client_id) else None
            raise Refused(refusal.reason, refusal.retry_after, known, self.bucket)
        return Ticket(client_id, had_failures)

    async def authenticated(self, ticket: Ticket) -> None:
        if ticket.had_failures and ticket.client_id is not None:
            await self.throttle.succeeded(ticket.client_id)

    async def refused_secret(self, ticket: Ticket) -> None:
        # Only a known client can be locked: unknown ids are left to the address limit, so a
        # client created a moment ago elsewhere is never locked out while it propagates.
        client_id = ticket.client_id
        if client_id is not None and self.clients.get(client_id) is not None:
            await self.throttle.failed(client_id)
