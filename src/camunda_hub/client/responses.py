"""Turning an HTTP answer into a value or an exception (shared by the sync and async clients)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from camunda_hub.client.errors import HubConnectionError, ProtocolError, api_error
from camunda_hub.client.operations import Call, response_value
from camunda_hub.client.redact import redact

if TYPE_CHECKING:
    import httpx

T = TypeVar("T")


def decode(call: Call[T], response: httpx.Response) -> T:
    status = response.status_code
    if status >= 400:
        body: Any
        try:
            body = response.json()
        except ValueError:
            body = response.text[:500]
        raise api_error(status, body, response.reason_phrase)
    if 300 <= status < 400:
        raise ProtocolError(
            f"{call.method} {call.path} was redirected (HTTP {status}) to "
            f"{response.headers.get('Location', '?')}: check CAMUNDA_HUB_REST_URL"
        )
    if status == 204 or not response.content:
        return response_value(call, status, None)
    try:
        data = response.json()
    except ValueError:
        raise ProtocolError(
            f"{call.method} {call.path} answered HTTP {status} with something that is not JSON: "
            "check CAMUNDA_HUB_REST_URL"
        ) from None
    return response_value(call, status, data)


def unreachable(call: Call[Any], base_url: str, exc: httpx.HTTPError) -> HubConnectionError:
    reason = str(exc) or type(exc).__name__
    return HubConnectionError(
        redact(f"cannot reach the Hub API at {base_url} ({call.method} {call.path}): {reason}")
    )
