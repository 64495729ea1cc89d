"""Core statements handed straight to an inline SQLite connection (``store/sqlite_inline``), in
the transaction SQLAlchemy holds on it.

On the write path SQLAlchemy's execution of a cached statement (the session's execute, the
execution context, parameter processing, result wrapping) costs several times what SQLite
spends on a one-row SELECT or INSERT (bench/write_path.py). A :class:`DriverStatement` is
compiled once per dialect and set of parameter names by SQLAlchemy, and its values go through
the bind processors SQLAlchemy would apply, so the SQL run and the values stored are the same
(tests/test_driver_statements.py compares them). On any other connection (PostgreSQL, or SQLite
without the inline driver) ``execute`` returns None and the caller runs the statement as usual.
Only for statements whose result columns need no conversion (text and integers) and that have
no Python-side column defaults beyond constants (the compiled constants are applied)."""

from __future__ import annotations

import sqlite3
from typing import Any

from sqlalchemy import Connection
from sqlalchemy import exc as sa_exc
from sqlalchemy.sql.expression import Executable

from camunda_hub.server.store.sqlite_inline import InlineConnection

# SQL, parameter names in order, bind processors, the statement's own literal values.
_Compiled = tuple[str, tuple[str, ...], dict[str, Any], dict[str, Any]]


class DriverStatement:
    def __init__(self, statement: Executable) -> None:
        self.statement = statement
        self._compiled: dict[tuple[int, tuple[str, ...]], _Compiled] = {}

    def execute(self, connection: Connection, parameters: dict[str, Any]) -> sqlite3.Cursor | None:
        """The cursor of the executed statement, or None when ``connection`` is not an inline
        SQLite one (nothing was run)."""
        driver = connection.connection.driver_connection
        if not isinstance(driver, InlineConnection):
            return None
        sql, order, processors, constants = self._compile(connection.dialect, parameters)
        given = {**constants, **parameters}
        values = tuple(
            processors[name](given[name]) if name in processors else given[name] for name in order
        )
        try:
            return driver._conn.execute(sql, values)
        except sqlite3.Error as exc:
            raise sa_exc.DBAPIError.instance(sql, values, exc, sqlite3.Error) from exc

    def _compile(self, dialect: Any, parameters: dict[str, Any]) -> _Compiled:
        names = tuple(parameters)
        found = self._compiled.get((id(dialect), names))
        if found is None:
            compiled = self.statement.compile(  # type: ignore[attr-defined]
                dialect=dialect, column_keys=list(names)
            )
            assert compiled.positiontup is not None, "SQLite's parameters are positional"
            constants = {
                name: value
                for name, value in compiled.construct_params(parameters).items()
                if name not in parameters
            }
            found = (
                compiled.string,
                tuple(compiled.positiontup),
                dict(compiled._bind_processors),
                constants,
            )
            self._compiled[(id(dialect), names)] = found
        return found
