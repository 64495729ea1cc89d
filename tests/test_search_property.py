"""Property test: the search module returns exactly what a plain in-Python reading of the search
language says — the same rows in the same order, with the same (capped) total — for random rows
and random filters, sorts and pages. Runs on SQLite always and on PostgreSQL with the suite's
throwaway cluster."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Boolean, Column, Integer, MetaData, String, Table, delete, insert, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, create_async_engine

from camunda_hub.server.search import Field, FieldKind, SearchSpec, parse_search, run_search
from camunda_hub.server.search import execute as search_execute
from camunda_hub.server.store.schema.base import UTCDateTime
from tests.support.postgres import PostgresCluster

# Minutes, not seconds, on these machines: outside the quick loop (-m "not slow").
pytestmark = pytest.mark.slow

# Small on purpose: a tiny alphabet with every character the language treats specially (and
# SQL's and GLOB's own specials) makes matches, ties and escapes common.
ALPHABET = "aAb*?%_\\[é"
TIMES = [
    datetime(2024, 5, 1, 12, 0, tzinfo=UTC),
    datetime(2024, 5, 1, 12, 0, 0, 1, tzinfo=UTC),
    datetime(2024, 5, 1, 13, 30, tzinfo=UTC),
    datetime(2025, 1, 1, 0, 0, tzinfo=UTC),
    datetime(2023, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
]
ZONES = [UTC, timezone(timedelta(hours=2)), timezone(timedelta(hours=-5, minutes=-30))]
COUNT_BEYOND_PAGE = 3  # tiny, so the capped-count path is exercised too

metadata = MetaData()
# Collation "C" makes PostgreSQL order strings by code point, as SQLite's BINARY does, whatever
# locale the test cluster was initialised with.
CODE_POINT_TEXT = String(64).with_variant(String(64, collation="C"), "postgresql")
rows_table = Table(
    "search_rows",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("name", CODE_POINT_TEXT, nullable=False),
    Column("note", CODE_POINT_TEXT, nullable=True),
    Column("created", UTCDateTime, nullable=True),
    Column("flag", Boolean, nullable=True),
    Column("size", Integer, nullable=True),
)
KINDS = {
    "name": FieldKind.STRING,
    "note": FieldKind.STRING,
    "created": FieldKind.DATETIME,
    "flag": FieldKind.BOOLEAN,
    "size": FieldKind.INTEGER,
}
SPEC = SearchSpec(
    fields={name: Field(rows_table.c[name], kind) for name, kind in KINDS.items()},
    sort_fields={name: rows_table.c[name] for name in KINDS},
    tiebreaker=rows_table.c.id,
)

# --- random data ------------------------------------------------------------------------------

texts = st.text(ALPHABET, max_size=3)
rows_strategy = st.lists(
    st.fixed_dictionaries(
        {
            "name": texts,
            "note": st.none() | texts,
            "created": st.none() | st.sampled_from(TIMES),
            "flag": st.none() | st.booleans(),
            "size": st.none() | st.integers(-3, 3),
        }
    ),
    min_size=3,
    max_size=12,
).map(lambda rows: [{"id": index + 1, **row} for index, row in enumerate(rows)])


def on_the_wire(instant: datetime, style: str, zone: timezone) -> str:
    """An instant written one of the many ways ISO 8601 allows."""
    if style == "zone":
        return instant.astimezone(zone).isoformat()
    if style == "Z":
        return instant.isoformat().replace("+00:00", "Z")
    return instant.replace(tzinfo=None).isoformat()  # naive: means UTC


wire_times = st.builds(
    on_the_wire,
    st.sampled_from(TIMES),
    st.sampled_from(["zone", "Z", "naive"]),
    st.sampled_from(ZONES),
)
GENERIC_VALUES: dict[str, st.SearchStrategy[Any]] = {
    "name": texts,
    "note": texts,
    "created": wire_times,
    "flag": st.booleans(),
    "size": st.integers(-4, 4),
}
OPERATORS = {
    FieldKind.STRING: ["$eq", "$neq", "$exists", "$in", "$notIn", "$like"],
    FieldKind.DATETIME: ["$eq", "$neq", "$exists", "$gt", "$gte", "$lt", "$lte", "$in", "$notIn"],
    FieldKind.INTEGER: ["$eq", "$neq", "$exists", "$gt", "$gte", "$lt", "$lte", "$in", "$notIn"],
    FieldKind.BOOLEAN: ["$eq", "$neq", "$exists"],
}
ESCAPED = {"*": "\\*", "?": "\\?", "\\": "\\\\"}


def values_for(name: str, rows: list[dict[str, Any]]) -> st.SearchStrategy[Any]:
    """Mostly values some row really has (so filters match something), sometimes any value."""
    present = [row[name] for row in rows if row[name] is not None]
    if not present:
        return GENERIC_VALUES[name]
    if KINDS[name] is FieldKind.DATETIME:
        existing = st.builds(
            on_the_wire,
            st.sampled_from(present),
            st.sampled_from(["zone", "Z", "naive"]),
            st.sampled_from(ZONES),
        )
    else:
        existing = st.sampled_from(present)
    return st.one_of(existing, existing, GENERIC_VALUES[name])


@st.composite
def like_patterns(draw: st.DrawFn, present: list[str]) -> str:
    """A pattern made from a real value (each character kept, escaped, or replaced by a wildcard,
    case sometimes flipped), or one made of arbitrary pieces."""
    if present and draw(st.integers(0, 3)) > 0:
        pieces = []
        for char in draw(st.sampled_from(present)):
            choice = draw(st.sampled_from(["keep", "keep", "keep", "one", "any", "case"]))
            if choice == "one":
                pieces.append("?")
            elif choice == "any":
                pieces.append("*")
            elif choice == "case":
                pieces.append(ESCAPED.get(char.swapcase(), char.swapcase()))
            else:
                pieces.append(ESCAPED.get(char, char))
        if draw(st.booleans()):
            pieces.append("*")
        return "".join(pieces)
    return "".join(
        draw(
            st.lists(
                st.sampled_from(
                    ["a", "A", "b", "%", "_", "[", "é", "*", "?", "\\*", "\\?", "\\\\", "\\a"]
                ),
                max_size=5,
            )
        )
    )


@st.composite
def field_filters(draw: st.DrawFn, rows: list[dict[str, Any]], name: str) -> Any:
    value = values_for(name, rows)
    if draw(st.integers(0, 3)) == 0:
        return draw(st.none() | value)  # bare value
    operators = draw(
        st.lists(st.sampled_from(OPERATORS[KINDS[name]]), min_size=1, max_size=3, unique=True)
    )
    result: dict[str, Any] = {}
    for operator in operators:
        if operator in ("$eq", "$neq"):
            result[operator] = draw(value if draw(st.integers(0, 4)) else st.none())
        elif operator == "$exists":
            result[operator] = draw(st.booleans())
        elif operator in ("$in", "$notIn"):
            result[operator] = draw(st.lists(value, max_size=3))
        elif operator == "$like":
            present = [row[name] for row in rows if row[name] is not None]
            result[operator] = draw(like_patterns(present))
        else:
            result[operator] = draw(value)
    return result


@st.composite
def requests(draw: st.DrawFn, rows: list[dict[str, Any]]) -> dict[str, Any]:
    body: dict[str, Any] = {}
    unfiltered = draw(st.integers(0, 5)) == 0
    names = (
        []
        if unfiltered
        else draw(st.lists(st.sampled_from(list(KINDS)), min_size=1, max_size=3, unique=True))
    )
    if names or draw(st.booleans()):
        body["filter"] = {name: draw(field_filters(rows, name)) for name in names}
    sort = draw(
        st.lists(
            st.fixed_dictionaries(
                {"field": st.sampled_from(list(KINDS))},
                optional={"order": st.sampled_from(["ASC", "DESC"])},
            ),
            max_size=3,
        )
    )
    if sort or draw(st.booleans()):
        body["sort"] = sort
    if draw(st.booleans()):
        body["page"] = draw(
            st.fixed_dictionaries(
                {"limit": st.integers(1, 8)}, optional={"from": st.integers(0, 16)}
            )
        )
    return body


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    rows = draw(rows_strategy)
    return rows, draw(st.lists(requests(rows), min_size=2, max_size=5))


@st.composite
def like_scenarios(draw: st.DrawFn) -> tuple[list[dict[str, Any]], list[str]]:
    """Many names and many patterns made from them: ``$like`` alone, searched hard."""
    names = draw(st.lists(st.text(ALPHABET, max_size=5), min_size=4, max_size=16))
    rows = [
        {"id": index + 1, "name": name, "note": None, "created": None, "flag": None, "size": None}
        for index, name in enumerate(names)
    ]
    return rows, draw(st.lists(like_patterns(names), min_size=4, max_size=10))


# --- the reference: the search language read literally, in Python ------------------------------


def wire_value(name: str, value: Any) -> Any:
    if KINDS[name] is FieldKind.DATETIME and value is not None:
        parsed = datetime.fromisoformat(value)
        return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
    return value


def like_matches(pattern: str, value: str) -> bool:
    regex, chars = [], iter(pattern)
    for char in chars:
        if char == "\\":
            regex.append(re.escape(next(chars)))
        elif char == "*":
            regex.append(".*")
        elif char == "?":
            regex.append(".")
        else:
            regex.append(re.escape(char))
    return re.fullmatch("".join(regex), value, re.DOTALL) is not None


def holds(operator: str, operand: Any, value: Any, name: str) -> bool:
    if operator == "$exists":
        return (value is not None) is operand
    if operator == "$in":
        return value is not None and value in [wire_value(name, item) for item in operand]
    if operator == "$notIn":
        return value is None or value not in [wire_value(name, item) for item in operand]
    if operator == "$like":
        return value is not None and like_matches(operand, value)
    wanted = wire_value(name, operand)
    if operator == "$eq":
        return value is None if wanted is None else value is not None and value == wanted
    if operator == "$neq":
        return value is not None if wanted is None else value is None or value != wanted
    comparisons: dict[str, Callable[[Any, Any], bool]] = {
        "$gt": lambda a, b: a > b,
        "$gte": lambda a, b: a >= b,
        "$lt": lambda a, b: a < b,
        "$lte": lambda a, b: a <= b,
    }
    return value is not None and comparisons[operator](value, wanted)


def matches(row: dict[str, Any], filter_: dict[str, Any]) -> bool:
    for name, condition in filter_.items():
        operators = condition if isinstance(condition, dict) else {"$eq": condition}
        if not all(holds(op, operand, row[name], name) for op, operand in operators.items()):
            return False
    return True


def reference(rows: list[dict[str, Any]], body: dict[str, Any]) -> tuple[list[int], int, bool]:
    found = [row for row in rows if matches(row, body.get("filter") or {})]
    found.sort(key=lambda row: row["id"])
    keys: list[tuple[str, bool]] = []
    for item in body.get("sort") or []:
        if item["field"] not in [name for name, _ in keys]:
            keys.append((item["field"], item.get("order", "ASC") == "DESC"))
    # Stable sorts from the least to the most significant key; nulls first when ascending, so
    # last when descending.
    for name, descending in reversed(keys):
        found.sort(
            key=lambda row, name=name: (
                row[name] is not None,
                row[name] if row[name] is not None else 0,
            ),
            reverse=descending,
        )
    page = body.get("page") or {}
    offset, limit = page.get("from", 0), page.get("limit", 100)
    cap = offset + limit + COUNT_BEYOND_PAGE
    total, capped = (len(found), False) if len(found) <= cap else (cap, True)
    return [row["id"] for row in found[offset : offset + limit]], total, capped


# --- running it ---------------------------------------------------------------------------------


EXAMPLES = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def check_against_reference(url: str) -> None:
    with asyncio.Runner() as runner:
        engine: AsyncEngine = create_async_engine(url)

        async def store(rows: list[dict[str, Any]]) -> None:
            async with engine.begin() as connection:
                await connection.execute(delete(rows_table))
                if rows:
                    await connection.execute(insert(rows_table), rows)

        async def searched(body: dict[str, Any]) -> tuple[list[int], int, bool]:
            async with AsyncSession(engine) as session:
                request = parse_search(SPEC, body)
                page = await run_search(session, select(rows_table), SPEC, request)
            return [row.id for row in page.rows], page.total_items, page.has_more_total_items

        async def check(rows: list[dict[str, Any]], bodies: list[dict[str, Any]]) -> None:
            await store(rows)
            for body in bodies:
                assert await searched(body) == reference(rows, body), body

        async def check_like(rows: list[dict[str, Any]], patterns: list[str]) -> None:
            await store(rows)
            for pattern in patterns:
                body = {"filter": {"name": {"$like": pattern}}}
                assert await searched(body) == reference(rows, body), pattern

        @EXAMPLES
        @given(scenarios())
        def search_agrees(scenario: tuple[list[dict[str, Any]], list[dict[str, Any]]]) -> None:
            runner.run(check(*scenario))

        @EXAMPLES
        @given(like_scenarios())
        def like_agrees(scenario: tuple[list[dict[str, Any]], list[str]]) -> None:
            runner.run(check_like(*scenario))

        async def create_table() -> None:
            async with engine.begin() as connection:
                await connection.run_sync(metadata.drop_all)
                await connection.run_sync(metadata.create_all)

        runner.run(create_table())
        try:
            like_agrees()
            search_agrees()
        finally:
            runner.run(engine.dispose())


@pytest.fixture
def small_count_cap(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(search_execute, "COUNT_BEYOND_PAGE", COUNT_BEYOND_PAGE)
    yield


def test_reference_like_reading() -> None:
    """The reference itself, on the cases the language defines, so a bug there cannot hide one."""
    assert like_matches("a*", "abc") and not like_matches("a*", "Abc")
    assert like_matches("a?c", "abc") and not like_matches("a?c", "ac")
    assert like_matches("a%_", "a%_") and not like_matches("a%_", "abc")
    assert like_matches("\\*\\?\\\\", "*?\\") and not like_matches("\\*", "x")


@pytest.mark.usefixtures("small_count_cap")
def test_search_matches_reference_on_sqlite() -> None:
    check_against_reference("sqlite+aiosqlite://")


@pytest.mark.postgres
@pytest.mark.usefixtures("small_count_cap")
def test_search_matches_reference_on_postgres(postgres: PostgresCluster) -> None:
    url = postgres.create_database("search_property")
    check_against_reference(url.replace("postgresql://", "postgresql+asyncpg://", 1))
