"""The service layer's errors, defined in ``camunda_hub.server.errors`` (below every layer that
raises them, search included); re-exported here for the faces that render them."""

from __future__ import annotations

from camunda_hub.server.errors import (
    Conflict,
    Forbidden,
    Gone,
    InvalidInput,
    NotFound,
    ServiceError,
)

__all__ = ["Conflict", "Forbidden", "Gone", "InvalidInput", "NotFound", "ServiceError"]
