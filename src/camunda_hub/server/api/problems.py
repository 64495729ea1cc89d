"""RFC 9457 problem details: the one error format of the Hub API."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse, Response

from camunda_hub.server.security.bearer import BearerError
from camunda_hub.server.services.errors import ServiceError

log = logging.getLogger("camunda_hub.api")

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


def install(app: FastAPI, realm: str) -> None:
    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Response:
        return problem(400, describe_validation(list(exc.errors())), instance=request.url.path)

    @app.exception_handler(ServiceError)
    async def _service(request: Request, exc: ServiceError) -> Response:
        return problem(exc.status, exc.detail, instance=request.url.path, title=exc.title)

    @app.exception_handler(BearerError)
    async def _bearer(request: Request, exc: BearerError) -> Response:
        permission = getattr(exc, "permission", None)
        scope = f"{permission}:*" if permission else None
        if exc.status == 401:
            request.app.state.runtime.metrics.bearer_failures[exc.error or "missing"] += 1
        challenge = bearer_challenge(realm, exc.error, exc.description, scope)
        return problem(
            exc.status,
            exc.description,
            instance=request.url.path,
            headers={"WWW-Authenticate": challenge},
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
        return problem(exc.status_code, detail, instance=request.url.path, headers=exc.headers)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
        return problem(500, "an unexpected error occurred", instance=request.url.path)
