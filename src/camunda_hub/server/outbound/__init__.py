"""Server-side calls to URLs that API input chose (cluster REST URLs, webhook receivers).

Every such call goes through :func:`camunda_hub.server.outbound.client.send`: the address policy
is checked on the address actually connected to, so a registration cannot point the server at
its own loopback services, link-local or cloud-metadata addresses."""

from camunda_hub.server.outbound.client import (
    OutboundError,
    OutboundResponse,
    Refused,
    Unreachable,
    send,
)
from camunda_hub.server.outbound.policy import AddressPolicy, UrlRefused, policy_for

__all__ = [
    "AddressPolicy",
    "OutboundError",
    "OutboundResponse",
    "Refused",
    "Unreachable",
    "UrlRefused",
    "policy_for",
    "send",
]
