"""Server-side calls to URLs that API input chose (cluster REST URLs, webhook receivers).

Every such call goes through :func:`camunda_hub.server.outbound.request.send`: the address policy
is checked on the address actually connected to, so a registration cannot point the server at
its own loopback services, link-local or cloud-metadata addresses."""

from camunda_hub.server.outbound.policy import AddressPolicy, UrlRefused, policy_for
from camunda_hub.server.outbound.request import (
    OutboundError,
    OutboundResponse,
    Refused,
    Unreachable,
    send,
)

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
