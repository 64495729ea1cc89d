"""The Hub API permissions an API client can hold, and how they appear in tokens."""

from __future__ import annotations

from collections.abc import Iterable

PERMISSIONS = ("create", "read", "update", "delete")


class InvalidPermission(ValueError):
    pass


def normalize(values: Iterable[str]) -> list[str]:
    """Validate and order permissions; accepts ``read`` and the token form ``read:*``."""
    chosen = set()
    for value in values:
        name = value.strip().lower().removesuffix(":*")
        if name not in PERMISSIONS:
            raise InvalidPermission(
                f"unknown permission {value!r}: choose from {', '.join(PERMISSIONS)}"
            )
        chosen.add(name)
    return [name for name in PERMISSIONS if name in chosen]


def as_scope_values(permissions: Iterable[str]) -> list[str]:
    return [f"{name}:*" for name in permissions]
