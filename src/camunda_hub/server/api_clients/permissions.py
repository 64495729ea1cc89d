"""The Hub API permissions an API client can hold, and how they appear in tokens."""

from __future__ import annotations

from collections.abc import Iterable

PERMISSIONS = ("create", "read", "update", "delete")
# Permissions for the issuer's own endpoints, not the Hub API: ``introspect`` lets a resource
# server ask POST /oauth/introspect about tokens (RFC 7662).
SERVICE_PERMISSIONS = ("introspect",)
ALL_PERMISSIONS = PERMISSIONS + SERVICE_PERMISSIONS


class InvalidPermission(ValueError):
    pass


def normalize(values: Iterable[str]) -> list[str]:
    """Validate and order permissions; accepts ``read`` and the token form ``read:*``."""
    chosen = set()
    for value in values:
        name = value.strip().lower().removesuffix(":*")
        if name not in ALL_PERMISSIONS:
            raise InvalidPermission(
                f"unknown permission {value!r}: choose from {', '.join(ALL_PERMISSIONS)}"
            )
        chosen.add(name)
    return [name for name in ALL_PERMISSIONS if name in chosen]


def as_scope_values(permissions: Iterable[str]) -> list[str]:
    return [f"{name}:*" for name in permissions]
