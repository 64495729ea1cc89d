"""A direct read's statement is planned once per statement object (``store/direct_reads``): the
SQL and parameters a plan gives must be what compiling the statement for that call gives, for
constants of every bind-processed type, values used twice, calls with other values, and
statements whose SQL depends on the values (which are never planned)."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import Select, bindparam, literal, select
from sqlalchemy.dialects import postgresql, sqlite

from camunda_hub.server.store.direct_reads import _Compiler
from camunda_hub.server.store.schema.hub import File

_files = File.__table__.c
AT = datetime(2026, 3, 1, 12, 0, 0, 250_000, tzinfo=UTC)

STATEMENTS: dict[str, tuple[Select[Any], list[dict[str, Any]]]] = {
    "named values": (
        select(_files.key, _files.name).where(
            _files.key == bindparam("key"), _files.organization_id == bindparam("organization")
        ),
        [{"key": "k1", "organization": "o1"}, {"key": "k2", "organization": "o2"}],
    ),
    "constants of processed types, a value used twice": (
        select(_files.key).where(
            _files.updated > AT,
            _files.revision >= 3,
            _files.name.like("f00%"),
            (_files.project_key == bindparam("organization"))
            | (_files.folder_key == bindparam("organization")),
            _files.deleted.is_(None),
        ),
        [{"organization": "o1"}, {"organization": "o2"}],
    ),
    "no values": (select(_files.key, literal("x")).where(_files.revision == 2), [{}, {}]),
    "an expanding IN list": (
        select(_files.key).where(
            _files.type.in_(["bpmn", "dmn"]), _files.organization_id == bindparam("organization")
        ),
        [{"organization": "o1"}, {"organization": "o2"}],
    ),
}


def _unplanned(compiler: _Compiler, statement: Select[Any], values: dict[str, Any]) -> Any:
    key = statement._generate_cache_key()
    return compiler._parameters(compiler._compiled(statement, key), key, values)


@pytest.mark.parametrize("dialect", [sqlite.dialect(), postgresql.asyncpg.dialect()])
@pytest.mark.parametrize("name", list(STATEMENTS))
def test_a_plan_gives_what_compiling_for_the_call_gives(dialect: Any, name: str) -> None:
    statement, calls = STATEMENTS[name]
    compiler = _Compiler(SimpleNamespace(dialect=dialect))  # type: ignore[arg-type]
    for values in calls:
        assert compiler(statement, dict(values)) == _unplanned(compiler, statement, values)
    planned = id(statement) in compiler._plans
    assert planned is (name != "an expanding IN list")


def test_a_call_with_other_value_names_is_not_answered_from_the_plan() -> None:
    statement = select(_files.key).where(_files.key == bindparam("key", value="default"))
    compiler = _Compiler(SimpleNamespace(dialect=sqlite.dialect()))  # type: ignore[arg-type]
    assert compiler(statement, {"key": "k1"})[1] == ("k1",)
    assert compiler(statement, {})[1] == ("default",)
    assert compiler(statement, {"key": "k2"})[1] == ("k2",)


def test_a_statement_built_again_gets_its_own_plan() -> None:
    compiler = _Compiler(SimpleNamespace(dialect=sqlite.dialect()))  # type: ignore[arg-type]
    for revision in (1, 2, 3):
        # Same shape, another constant: the compiled SQL is shared, the constants are not.
        statement = select(_files.key).where(_files.revision == revision)
        sql, params = compiler(statement, {})
        assert params == (revision,)
        assert sql == _unplanned(compiler, statement, {})[0]
