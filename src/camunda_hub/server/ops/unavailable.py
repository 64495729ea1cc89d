"""The database is down or overloaded: answer 503 problem+json at once instead of a 500.

Drivers report an unreachable server in several shapes (SQLAlchemy's wrapped DBAPI errors, a
refused socket, a pool timeout); all of them mean "try again shortly", never "your request
was wrong"."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from sqlalchemy import exc as sa_exc
from starlette.responses import Response

from camunda_hub.server.api.problems import problem

log = logging.getLogger("camunda_hub.api")

RETRY_AFTER_SECONDS = "1"

UNAVAILABLE_ERRORS: tuple[type[BaseException], ...] = (
    sa_exc.OperationalError,
    sa_exc.InterfaceError,
    sa_exc.TimeoutError,
    sa_exc.DisconnectionError,
    ConnectionError,
    TimeoutError,
)


# SQLSTATEs a PostgreSQL server sends while it cannot serve: connection exceptions (class 08),
# shutting down or starting up (57P01-57P03), and too many connections (53300). SQLAlchemy wraps
# some of these (e.g. asyncpg's CannotConnectNowError) as a plain DBAPIError, so the class alone
# does not tell.
_UNAVAILABLE_SQLSTATE_PREFIXES = ("08", "57P01", "57P02", "57P03", "53300")


def _sqlstate(exc: BaseException) -> str | None:
    for candidate in (exc, getattr(exc, "orig", None), exc.__cause__):
        state = getattr(candidate, "sqlstate", None)
        if isinstance(state, str):
            return state
    return None


def means_unavailable(exc: BaseException) -> bool:
    if isinstance(exc, UNAVAILABLE_ERRORS):
        return True
    if isinstance(exc, sa_exc.DBAPIError):
        if exc.connection_invalidated:
            return True
        state = _sqlstate(exc)
        return state is not None and state.startswith(_UNAVAILABLE_SQLSTATE_PREFIXES)
    # Connection failures inside the driver (e.g. asyncpg while connecting) surface as OSError.
    return isinstance(exc, OSError) and not isinstance(exc, FileNotFoundError | PermissionError)


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
