"""Which driver errors mean "the database cannot serve right now" (503, quiet retry) rather than
a bug (500, traceback). The PostgreSQL errors are built the way SQLAlchemy's asyncpg dialect
wraps them, because that wrapping decides the exception class the server sees."""

from __future__ import annotations

import asyncpg
import asyncpg.exceptions as pg
import pytest
from sqlalchemy import exc as sa_exc
from sqlalchemy.dialects.postgresql import asyncpg as sa_asyncpg

from camunda_hub.server.ops.unavailable import means_unavailable

_DBAPI = sa_asyncpg.AsyncAdapt_asyncpg_dbapi(asyncpg)


def _as_sqlalchemy_sees_it(error: Exception) -> sa_exc.DBAPIError:
    try:
        sa_asyncpg.AsyncAdapt_asyncpg_connection._handle_exception_no_connection(_DBAPI, error)
    except Exception as adapted:
        return sa_exc.DBAPIError.instance("SELECT 1", None, adapted, _DBAPI.Error)
    raise AssertionError("the dialect did not translate the error")


@pytest.mark.parametrize(
    "error",
    [
        pg.CannotConnectNowError("the database system is shutting down"),
        pg.AdminShutdownError("terminating connection due to administrator command"),
        pg.TooManyConnectionsError("sorry, too many clients already"),
        pg.ConnectionDoesNotExistError("connection does not exist"),
    ],
    ids=lambda e: type(e).__name__,
)
def test_postgres_outage_errors_mean_unavailable(error: Exception) -> None:
    assert means_unavailable(_as_sqlalchemy_sees_it(error))


@pytest.mark.parametrize(
    "error",
    [
        pg.UndefinedTableError('relation "files" does not exist'),
        pg.UniqueViolationError("duplicate key value violates unique constraint"),
        pg.SyntaxOrAccessError("syntax error"),
    ],
    ids=lambda e: type(e).__name__,
)
def test_postgres_bugs_are_not_outages(error: Exception) -> None:
    assert not means_unavailable(_as_sqlalchemy_sees_it(error))


def test_refused_socket_is_unavailable_but_missing_file_is_not() -> None:
    assert means_unavailable(ConnectionRefusedError(111, "refused"))
    assert not means_unavailable(FileNotFoundError("data/hub.db"))
