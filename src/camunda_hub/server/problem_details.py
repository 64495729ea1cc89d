"""RFC 9457 problem details and RFC 6750 challenges: the one error shape of every HTTP face
(Hub API, health, metrics, limits, the bearer check). Below every layer that answers with it;
``api/problems.py`` installs the handlers that use it."""

from __future__ import annotations

from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from starlette.responses import JSONResponse, Response

PROBLEM_JSON = "application/problem+json"


class ProblemResponse(JSONResponse):
    media_type = PROBLEM_JSON


def problem(
    status: int,
    detail: str,
    *,
    instance: str,
    title: str | None = None,
    type_: str = "about:blank",
    headers: Mapping[str, str] | None = None,
    **extra: Any,
) -> Response:
    body = {
        "type": type_,
        "title": title or HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "instance": instance,
        **extra,
    }
    return ProblemResponse(body, status_code=status, headers=headers)


def _quote(value: str) -> str:
    # RFC 6750 §3 allows only printable ASCII in these values; anything else (a non-ASCII realm,
    # a CR/LF) would break or split the header, so it becomes "?".
    safe = "".join(ch if " " <= ch <= "~" else "?" for ch in value)
    return '"' + safe.replace("\\", "\\\\").replace('"', '\\"') + '"'


def bearer_challenge(
    realm: str, error: str | None, description: str, scope: str | None = None
) -> str:
    parts = [f"realm={_quote(realm)}"]
    if error:
        parts.append(f"error={_quote(error)}")
        parts.append(f"error_description={_quote(description)}")
    if scope:
        parts.append(f"scope={_quote(scope)}")
    return "Bearer " + ", ".join(parts)


def _location(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(part) for part in loc if part not in ("body", "query", "path")]
    return ".".join(parts) or "request body"


def describe_validation(errors: list[dict[str, Any]]) -> str:
    messages = []
    for error in errors[:5]:
        where = _location(error.get("loc", ()))
        message = str(error.get("msg", "is invalid"))
        if error.get("type") == "extra_forbidden":
            message = "is not a known field"
        elif error.get("type") == "missing":
            message = "is required"
        elif error.get("type") == "json_invalid":
            where, message = "request body", "is not valid JSON"
        messages.append(f"{where}: {message}")
    more = len(errors) - len(messages)
    return "; ".join(messages) + (f" (and {more} more)" if more > 0 else "")
