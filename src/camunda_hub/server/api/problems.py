"""The Hub API's exception handlers: every error answered as RFC 9457 problem details
(``problem_details.py``, re-exported here for the routers)."""

from __future__ import annotations

import logging
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from camunda_hub.server.problem_details import (
    PROBLEM_JSON,
    ProblemResponse,
    bearer_challenge,
    describe_validation,
    problem,
)
from camunda_hub.server.runtime import runtime_of
from camunda_hub.server.security.bearer import BearerError
from camunda_hub.server.services.errors import ServiceError

__all__ = [
    "PROBLEM_JSON",
    "ProblemResponse",
    "bearer_challenge",
    "describe_validation",
    "install",
    "problem",
]

log = logging.getLogger("camunda_hub.api")


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
            runtime_of(request).metrics.bearer_failures[exc.error or "missing"] += 1
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
