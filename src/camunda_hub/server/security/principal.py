"""Who is calling the Hub API, as established by a verified bearer token."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Principal:
    client_id: str
    organization_id: str
    permissions: frozenset[str]
    # The user reference the Hub API records in created/updated fields.
    name: str
    email: str

    def can(self, permission: str) -> bool:
        return permission in self.permissions
