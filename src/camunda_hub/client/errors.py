"""Exceptions raised by the SDK. Every message is redacted: no secret or token ever appears."""

from __future__ import annotations

from typing import Any

from camunda_hub.client.redact import redact


class HubError(Exception):
    """Base class of every SDK error."""

    def __init__(self, message: str) -> None:
        self.message = redact(message)
        super().__init__(self.message)


class ConfigurationError(HubError):
    """A setting is missing or invalid; ``variable`` names the environment variable to set."""

    def __init__(self, message: str, *, variable: str | None = None) -> None:
        super().__init__(message)
        self.variable = variable


class TokenError(HubError):
    """No access token could be obtained; the request that needed it was not sent."""


class TokenRequestRejected(TokenError):
    """The token endpoint refused the request (wrong credentials, unknown audience, …).

    Not retried: asking again with the same credentials gets the same answer."""

    def __init__(
        self, status: int, error: str | None, description: str | None, token_url: str
    ) -> None:
        self.status = status
        self.error = error
        self.description = redact(description) if description else None
        reason = ": ".join(part for part in (error, self.description) if part) or "no reason given"
        super().__init__(
            f"the token endpoint {token_url} refused the request (HTTP {status}): {reason}"
        )


class TokenEndpointUnavailable(TokenError):
    """The token endpoint kept failing (HTTP 429/5xx or network errors) until retries ran out."""

    def __init__(self, message: str, *, status: int | None = None, attempts: int = 0) -> None:
        super().__init__(message)
        self.status = status
        self.attempts = attempts


class HubConnectionError(HubError):
    """The Hub API could not be reached (DNS, connection refused, TLS, timeout)."""


class ProtocolError(HubError):
    """The server answered something that is not the Hub API (wrong URL, a proxy page, …)."""


class ApiError(HubError):
    """The Hub API answered with an error; carries the RFC 9457 problem fields."""

    def __init__(
        self,
        status: int,
        title: str,
        detail: str,
        *,
        type: str = "about:blank",
        instance: str | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        self.status = status
        self.title = redact(title)
        self.detail = redact(detail)
        self.type = type
        self.instance = instance
        self.extra = extra or {}
        super().__init__(f"HTTP {status} {self.title}: {self.detail}")


class BadRequest(ApiError):
    """400: the request was invalid (the detail says which field and why)."""


class Unauthorized(ApiError):
    """401 even after a fresh token: the credentials are not accepted by the API."""


class Forbidden(ApiError):
    """403: the token lacks a permission."""


class NotFound(ApiError):
    """404: no such resource in the caller's organization."""


class Conflict(ApiError):
    """409: e.g. a file revision that is no longer current."""


class ServerError(ApiError):
    """5xx from the Hub API."""


_BY_STATUS: dict[int, type[ApiError]] = {
    400: BadRequest,
    401: Unauthorized,
    403: Forbidden,
    404: NotFound,
    409: Conflict,
}


def api_error(status: int, body: Any, reason: str) -> ApiError:
    """Build the matching exception from a response body (problem+json when the server sent it)."""
    problem = body if isinstance(body, dict) else {}
    known = {"type", "title", "status", "detail", "instance"}
    title = str(problem.get("title") or reason or "error")
    detail = problem.get("detail")
    if not isinstance(detail, str) or not detail:
        detail = body if isinstance(body, str) and body else title
    cls = _BY_STATUS.get(status) or (ServerError if status >= 500 else ApiError)
    return cls(
        status,
        title,
        str(detail)[:2000],
        type=str(problem.get("type") or "about:blank"),
        instance=problem.get("instance") if isinstance(problem.get("instance"), str) else None,
        extra={k: v for k, v in problem.items() if k not in known},
    )
