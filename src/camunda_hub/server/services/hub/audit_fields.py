"""The user reference recorded in ``created*``/``updated*``/``deleted*`` columns.

API clients act as the user: their principal carries the name and e-mail the Hub API shows."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from camunda_hub.server.security.principal import Principal


def created(principal: Principal, now: datetime) -> dict[str, Any]:
    return {
        "created": now,
        "created_by_name": principal.name,
        "created_by_email": principal.email,
        **updated(principal, now),
    }


def updated(principal: Principal, now: datetime) -> dict[str, Any]:
    return {
        "updated": now,
        "updated_by_name": principal.name,
        "updated_by_email": principal.email,
    }
