"""The Hub API SDK: ``HubClient`` / ``AsyncHubClient``, their settings and their errors.

Only httpx is needed; nothing here imports server code."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from camunda_hub import httpx_cli
from camunda_hub.client.config import HubConfig
from camunda_hub.client.errors import (
    ApiError,
    BadRequest,
    ConfigurationError,
    Conflict,
    Forbidden,
    HubConnectionError,
    HubError,
    NotFound,
    ProtocolError,
    ServerError,
    TokenEndpointUnavailable,
    TokenError,
    TokenRequestRejected,
    Unauthorized,
)

if TYPE_CHECKING:
    from camunda_hub.client.async_client import AsyncHubClient
    from camunda_hub.client.events import Event, ResyncRequired
    from camunda_hub.client.operations import UNSET
    from camunda_hub.client.sync_client import HubClient
    from camunda_hub.client.token_request import RetryPolicy, Token

httpx_cli.defer()

# Imported on first use: httpx and asyncio are most of what importing the SDK costs, and a
# script that only reads a config or catches an error should not pay for them.
_LAZY = {
    "AsyncHubClient": "camunda_hub.client.async_client",
    "Event": "camunda_hub.client.events",
    "ResyncRequired": "camunda_hub.client.events",
    "HubClient": "camunda_hub.client.sync_client",
    "UNSET": "camunda_hub.client.operations",
    "RetryPolicy": "camunda_hub.client.token_request",
    "Token": "camunda_hub.client.token_request",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "UNSET",
    "ApiError",
    "AsyncHubClient",
    "BadRequest",
    "ConfigurationError",
    "Conflict",
    "Event",
    "Forbidden",
    "HubClient",
    "HubConfig",
    "HubConnectionError",
    "HubError",
    "NotFound",
    "ProtocolError",
    "ResyncRequired",
    "RetryPolicy",
    "ServerError",
    "Token",
    "TokenEndpointUnavailable",
    "TokenError",
    "TokenRequestRejected",
    "Unauthorized",
]
