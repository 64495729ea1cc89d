"""SDK errors → one ``error: …`` line on stderr and an exit code scripts can act on."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from camunda_hub.cli.errors import EXIT_AUTH, EXIT_ERROR, EXIT_UNAVAILABLE, EXIT_USAGE, fail
from camunda_hub.client.errors import (
    ApiError,
    BadRequest,
    ConfigurationError,
    Forbidden,
    HubConnectionError,
    HubError,
    TokenEndpointUnavailable,
    TokenRequestRejected,
    Unauthorized,
)


def exit_code(exc: HubError) -> int:
    if isinstance(exc, ConfigurationError | BadRequest):
        return EXIT_USAGE
    if isinstance(exc, TokenRequestRejected | Unauthorized | Forbidden):
        return EXIT_AUTH
    if isinstance(exc, TokenEndpointUnavailable | HubConnectionError):
        return EXIT_UNAVAILABLE
    if isinstance(exc, ApiError) and exc.status in (502, 503, 504):
        return EXIT_UNAVAILABLE
    return EXIT_ERROR


@contextmanager
def client_errors() -> Iterator[None]:
    try:
        yield
    except HubError as exc:
        fail(exc.message, exit_code(exc))
    except ValueError as exc:  # a malformed option value the SDK refused (limit, key, filter)
        fail(str(exc), EXIT_USAGE)
