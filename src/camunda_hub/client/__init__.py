"""The Hub API SDK: ``HubClient`` / ``AsyncHubClient``, their settings and their errors.

Only httpx is needed; nothing here imports server code."""

from __future__ import annotations

from camunda_hub.client.async_client import AsyncHubClient
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
from camunda_hub.client.events import Event, ResyncRequired
from camunda_hub.client.operations import UNSET
from camunda_hub.client.sync_client import HubClient
from camunda_hub.client.token_request import RetryPolicy, Token

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
