"""The database is down or overloaded: answer 503 problem+json at once instead of a 500.

Drivers report an unreachable server in several shapes (SQLAlchemy's wrapped DBAPI errors, a
refused socket, a pool timeout); all of them mean "try again shortly", never "your request
was wrong"."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from sqlalchemy import exc as sa_exc
from starlette.responses import Response

from camunda_hub.server.problem_details import problem
from camunda_hub.server.store.unavailable import UNAVAILABLE_ERRORS, means_unavailable

log = logging.getLogger("camunda_hub.api")

__all__ = ["RETRY_AFTER_SECONDS", "UNAVAILABLE_ERRORS", "install", "means_unavailable"]

RETRY_AFTER_SECONDS = "1"


def install(app: FastAPI) -> None:
    async def _unavailable(request: Request, exc: Exception) -> Response:
        if not means_unavailable(exc):
            log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
            return problem(500, "an unexpected error occurred", instance=request.url.path)
        log.warning(
            "database unavailable on %s %s: %s",
            request.method,
            request.url.path,
            type(exc).__name__,
        )
        return problem(
            503,
            "the database is temporarily unavailable; retry shortly",
            instance=request.url.path,
            headers={"Retry-After": RETRY_AFTER_SECONDS},
        )

    for error in (*UNAVAILABLE_ERRORS, sa_exc.DBAPIError, OSError):
        app.add_exception_handler(error, _unavailable)
