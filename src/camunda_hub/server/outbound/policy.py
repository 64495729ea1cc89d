"""Which addresses the server may call, and which URLs may be plain http.

Refused unless the operator allows them (``CAMUNDA_HUB_OUTBOUND_ALLOW``): loopback, link-local
(which holds the cloud metadata service, 169.254.169.254), unspecified, multicast, and the same
addresses written in an IPv6 form that ends up at them (IPv4-mapped, IPv4-compatible, NAT64,
6to4, Teredo), plus the IPv6 metadata addresses of the big clouds. Private networks stay
allowed: clusters normally live on one.

An allowed *host name* is trusted as a name (whatever it resolves to); an allowed *CIDR* is
checked against every address the name resolves to. Either also allows plain http for that
host, where https is otherwise required (webhooks)."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_METADATA_V6 = (
    ipaddress.ip_address("fd00:ec2::254"),  # AWS IMDS over IPv6
    ipaddress.ip_address("fd20:ce::254"),  # GCP metadata over IPv6
)


class UrlRefused(ValueError):
    """The URL or the address it resolves to is not one the server calls (the message is for
    logs and for the operator; API callers get a generic answer)."""


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    # IPv4-compatible (::a.b.c.d, deprecated but still routed by some stacks); ::1 and :: are
    # themselves loopback/unspecified and handled as such.
    if int(address) >> 32 == 0 and int(address) > 1:
        return ipaddress.IPv4Address(int(address))
    return None


def _forbidden_reason(address: IPAddress) -> str | None:
    if isinstance(address, ipaddress.IPv6Address):
        if address.scope_id:
            return "a scoped (link-local) address"
        inner = _embedded_ipv4(address)
        if inner is not None:
            reason = _forbidden_reason(inner)
            return None if reason is None else f"{reason} (written as IPv6)"
        if address in _METADATA_V6:
            return "a cloud metadata address"
    if address.is_loopback:
        return "a loopback address"
    if address.is_link_local:
        return "a link-local address"
    if address.is_unspecified:
        return "the unspecified address"
    if address.is_multicast:
        return "a multicast address"
    if isinstance(address, ipaddress.IPv4Address) and address == ipaddress.IPv4Address(
        "255.255.255.255"
    ):
        return "the broadcast address"
    return None


@dataclass(frozen=True)
class AddressPolicy:
    networks: tuple[IPNetwork, ...] = ()
    hosts: frozenset[str] = frozenset()

    @classmethod
    def parse(cls, entries: Iterable[str]) -> AddressPolicy:
        """Entries as the setting holds them: CIDRs (a bare address is a /32 or /128) and host
        names (compared case-insensitively, without a trailing dot)."""
        networks: list[IPNetwork] = []
        hosts: set[str] = set()
        for raw in entries:
            entry = raw.strip()
            if not entry:
                continue
            try:
                networks.append(ipaddress.ip_network(entry, strict=False))
                continue
            except ValueError:
                pass
            name = entry.lower().rstrip(".")
            if not name or "/" in name or ":" in name or any(c.isspace() for c in name):
                raise ValueError(f"{entry!r} is neither a CIDR nor a host name")
            hosts.add(name)
        return cls(tuple(networks), frozenset(hosts))

    def host_allowed(self, host: str) -> bool:
        return host.lower().rstrip(".") in self.hosts

    def address_allowed(self, address: IPAddress) -> bool:
        return any(
            address.version == network.version and address in network for network in self.networks
        )

    def check(self, host: str, addresses: list[IPAddress]) -> None:
        """Raise UrlRefused unless every address ``host`` resolved to may be called."""
        if not addresses:
            raise UrlRefused(f"{host} did not resolve to any address")
        if self.host_allowed(host):
            return
        for address in addresses:
            if self.address_allowed(address):
                continue
            reason = _forbidden_reason(address)
            if reason is not None:
                raise UrlRefused(f"{host} resolves to {address}, {reason}")

    def plain_http_allowed(self, host: str, addresses: list[IPAddress]) -> bool:
        return self.host_allowed(host) or (
            bool(addresses) and all(self.address_allowed(address) for address in addresses)
        )


@lru_cache(maxsize=8)
def _parsed(entries: tuple[str, ...]) -> AddressPolicy:
    return AddressPolicy.parse(entries)


def policy_for(allow: Iterable[str]) -> AddressPolicy:
    """The policy of a settings' ``outbound_allow`` (parsed once per distinct value)."""
    return _parsed(tuple(allow))
