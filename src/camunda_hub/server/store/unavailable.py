"""Which errors mean "the database cannot serve right now" (down, restarting, overloaded),
as opposed to a bug or a bad request. Drivers report an unreachable server in several shapes
(SQLAlchemy's wrapped DBAPI errors, a refused socket, a pool timeout); all of them mean "try
again shortly". The HTTP faces answer these with 503 (``ops/unavailable.py``); background loops
log them without a traceback."""

from __future__ import annotations

from sqlalchemy import exc as sa_exc

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
