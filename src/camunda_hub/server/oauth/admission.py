"""Whether the token endpoint serves a request at all, asked of the ``TokenThrottle``
(``throttle/ratelimit.py``, which explains the threat model) at three points: once the client id is
known and before its secret is checked (the address's rate, the (client, address) lock), once the
secret is right (the client's quota), and when it is wrong (the streaks).

A client id this process does not know is looked up once in the database
(``api_clients/lookup.py``), so a client created elsewhere a moment ago works at once."""

from __future__ import annotations

from camunda_hub.server.api_clients.lookup import ClientLookup
from camunda_hub.server.api_clients.registry import ClientRegistry
from camunda_hub.server.oauth.errors import TemporarilyUnavailable
from camunda_hub.server.throttle.ratelimit import Refusal, Standing, TokenThrottle

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


# An admitted request, carried from the check before the secret to the ones after it.
Ticket = Standing

_UNTHROTTLED = Standing(None, "-", False)


class TokenAdmission:
    def __init__(
        self,
        throttle: TokenThrottle,
        clients: ClientRegistry,
        lookup: ClientLookup | None = None,
        *,
        bucket: str = "",
    ) -> None:
        """``bucket``: "" for the token endpoint, a name for another endpoint's own rates."""
        self.throttle = throttle
        self.clients = clients
        self.lookup = lookup
        self.bucket = bucket

    async def admit(self, client_id: str | None, address: str | None) -> Ticket:
        ticket = _UNTHROTTLED
        if self.throttle.enabled:
            refusal, ticket = await self.throttle.admit(client_id, address, bucket=self.bucket)
            if refusal is not None:
                raise self._refused(refusal, client_id)
        if self.lookup is not None:
            await self.lookup.ensure(client_id)
        return ticket

    async def authenticated(self, ticket: Ticket) -> None:
        if ticket.client_id is None:
            return
        refusal = await self.throttle.authenticated(ticket)
        if refusal is not None:
            raise self._refused(refusal, ticket.client_id)

    async def refused_secret(self, ticket: Ticket) -> None:
        # Only a known client has streaks: unknown ids are left to the address limit, so a
        # client created a moment ago elsewhere is never locked out while it propagates.
        client_id = ticket.client_id
        if client_id is not None and self.clients.get(client_id) is not None:
            await self.throttle.failed(ticket)

    def _refused(self, refusal: Refusal, client_id: str | None) -> Refused:
        known = client_id if client_id and self.clients.get(client_id) else None
        return Refused(refusal.reason, refusal.retry_after, known, self.bucket)
