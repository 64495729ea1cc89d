"""The search language module on its own: parsing (every 400), SQL semantics on SQLite, paging,
counting and the shape of the SQL it sends."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import (
    Boolean,
    Column,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    event,
    insert,
    select,
)
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, create_async_engine
from sqlalchemy.orm import DeclarativeBase, defer

from camunda_hub.server.errors import InvalidInput
from camunda_hub.server.search import (
    DEFAULT_LIMIT,
    Field,
    FieldKind,
    SearchPage,
    SearchSpec,
    parse_search,
    run_search,
)
from camunda_hub.server.search import execute as search_execute
from camunda_hub.server.store.schema.base import UTCDateTime

metadata = MetaData()
items = Table(
    "items",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("org", String(32), nullable=False),
    Column("name", String(255), nullable=False),
    Column("note", String(255), nullable=True),
    Column("created", UTCDateTime, nullable=True),
    Column("flag", Boolean, nullable=True),
    Column("size", Integer, nullable=True),
    Index("ix_items_org_name", "org", "name"),
)

SPEC = SearchSpec(
    fields={
        "name": Field(items.c.name, FieldKind.STRING),
        "note": Field(items.c.note, FieldKind.BASIC),
        "created": Field(items.c.created, FieldKind.DATETIME),
        "flag": Field(items.c.flag, FieldKind.BOOLEAN),
        "size": Field(items.c.size, FieldKind.INTEGER),
        "org": Field(items.c.org, FieldKind.BASIC, eq_only=True),
    },
    sort_fields={"name": items.c.name, "note": items.c.note, "created": items.c.created},
    tiebreaker=items.c.id,
    default_sort=(("name", "ASC"),),
)
REQUIRED = SearchSpec(
    fields={"fileKey": Field(items.c.note, FieldKind.STRING), "name": SPEC.fields["name"]},
    sort_fields={"name": items.c.name},
    tiebreaker=items.c.id,
    required_filters=("fileKey",),
)
NO_FILTER = SearchSpec(
    fields={}, sort_fields={"name": items.c.name}, tiebreaker=items.c.id, allow_filter=False
)

T0 = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
ROWS: list[dict[str, Any]] = [
    {"id": 1, "name": "order", "note": "x", "created": T0, "flag": True, "size": 10},
    {
        "id": 2,
        "name": "Order",
        "note": None,
        "created": T0 + timedelta(hours=1),
        "flag": False,
        "size": 20,
    },
    {
        "id": 3,
        "name": "order_1",
        "note": "y",
        "created": T0 + timedelta(hours=2),
        "flag": None,
        "size": None,
    },
    {"id": 4, "name": "orderX1", "note": "x", "created": None, "flag": True, "size": 30},
    {
        "id": 5,
        "name": "order%1",
        "note": None,
        "created": T0 + timedelta(hours=3),
        "flag": True,
        "size": 40,
    },
    {
        "id": 6,
        "name": "ord*r",
        "note": "z",
        "created": T0 + timedelta(hours=4),
        "flag": False,
        "size": 50,
    },
    {
        "id": 7,
        "name": "a?b",
        "note": "y",
        "created": T0 + timedelta(hours=5),
        "flag": None,
        "size": 60,
    },
    {
        "id": 8,
        "name": "back\\slash",
        "note": None,
        "created": T0 + timedelta(hours=6),
        "flag": True,
        "size": 70,
    },
    {
        "id": 9,
        "name": "br[ack]et",
        "note": "x",
        "created": T0 + timedelta(hours=7),
        "flag": False,
        "size": 80,
    },
    {
        "id": 10,
        "name": "order",
        "note": "w",
        "created": T0 + timedelta(hours=8),
        "flag": True,
        "size": 90,
    },
    {
        "id": 11,
        "name": "élan",
        "note": "y",
        "created": T0 + timedelta(hours=9),
        "flag": False,
        "size": -5,
    },
]
tags = Table(
    "tags",
    metadata,
    Column("item_id", Integer, nullable=False),
    Column("tag", String(32), nullable=False),
)
TAGS = {1: ["red", "blue"], 2: ["red"], 3: ["Blue"], 4: ["green", "red", "blue"]}
WITH_TAGS = SearchSpec(
    fields={
        "tag": Field(
            tags.c.tag,
            FieldKind.STRING,
            any_of=lambda condition: (
                select(tags.c.item_id).where(tags.c.item_id == items.c.id, condition).exists()
            ),
        )
    },
    sort_fields={},
    tiebreaker=items.c.id,
)
OTHER_ORG_ROW = {"id": 99, "name": "order", "note": "x", "created": T0, "flag": True, "size": 10}
BY_ID = {row["id"]: row for row in ROWS}


class Base(DeclarativeBase):
    pass


class Item(Base):
    """The same table seen through the ORM, to check that ``select(Model)`` yields objects."""

    __table__ = items


@pytest.fixture
async def engine() -> AsyncIterator[AsyncEngine]:
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as connection:
        await connection.run_sync(metadata.create_all)
        await connection.execute(insert(items), [{**row, "org": "o1"} for row in ROWS])
        await connection.execute(insert(items), [{**OTHER_ORG_ROW, "org": "o2"}])
        await connection.execute(
            insert(tags),
            [{"item_id": key, "tag": tag} for key, values in TAGS.items() for tag in values],
        )
    yield engine
    await engine.dispose()


@pytest.fixture
async def session(engine: AsyncEngine) -> AsyncIterator[AsyncSession]:
    async with AsyncSession(engine) as session:
        yield session


@pytest.fixture
def statements(engine: AsyncEngine) -> Iterator[list[tuple[str, Any]]]:
    """Every SQL statement (with its parameters) the engine runs during the test."""
    seen: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        seen.append((statement, parameters))

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    yield seen
    event.remove(engine.sync_engine, "before_cursor_execute", record)


BASE = select(items).where(items.c.org == "o1")


async def search(
    session: AsyncSession, body: Any, spec: SearchSpec = SPEC
) -> tuple[list[int], SearchPage]:
    page = await run_search(session, BASE, spec, parse_search(spec, body))
    return [row.id for row in page.rows], page


async def ids(session: AsyncSession, filter_: dict[str, Any]) -> set[int]:
    found, _ = await search(session, {"filter": filter_, "page": {"limit": 1000}})
    return set(found)


def bad(body: Any, spec: SearchSpec = SPEC) -> str:
    with pytest.raises(InvalidInput) as caught:
        parse_search(spec, body)
    return caught.value.detail


# --- parsing: defaults and leniencies ---------------------------------------------------------


def test_no_body_means_first_page_in_default_order() -> None:
    request = parse_search(SPEC, None)
    assert (request.offset, request.limit, request.conditions) == (0, DEFAULT_LIMIT, ())
    assert [(key.field, key.descending) for key in request.sort] == [("name", False)]
    assert parse_search(SPEC, {"page": None, "sort": None, "filter": None}) == request


def test_sort_accepts_an_array_a_single_object_and_lower_case_order() -> None:
    as_array = parse_search(SPEC, {"sort": [{"field": "created", "order": "DESC"}]})
    as_object = parse_search(SPEC, {"sort": {"field": "created", "order": "desc"}})
    assert as_array == as_object
    assert [(k.field, k.descending) for k in as_array.sort] == [("created", True)]
    assert parse_search(SPEC, {"sort": []}).sort == parse_search(SPEC, None).sort


def test_repeated_sort_field_is_dropped_and_order_defaults_to_ascending() -> None:
    request = parse_search(SPEC, {"sort": [{"field": "note"}, {"field": "note", "order": "DESC"}]})
    assert [(k.field, k.descending) for k in request.sort] == [("note", False)]


def test_page_from_alone_keeps_default_limit() -> None:
    request = parse_search(SPEC, {"page": {"from": 20}})
    assert (request.offset, request.limit) == (20, DEFAULT_LIMIT)
    assert parse_search(SPEC, {"page": {"from": 0, "limit": 10000}}).limit == 10000


def test_search_without_filter_accepts_empty_filter() -> None:
    assert parse_search(NO_FILTER, {"filter": {}}).conditions == ()


def test_spec_declaration_mistakes_fail_early() -> None:
    with pytest.raises(ValueError, match="required filter"):
        SearchSpec(fields={}, sort_fields={}, tiebreaker=items.c.id, required_filters=("x",))
    with pytest.raises(ValueError, match="default sort"):
        SearchSpec(fields={}, sort_fields={}, tiebreaker=items.c.id, default_sort=(("x", "ASC"),))


# --- parsing: every rejection names what is wrong -----------------------------------------------


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ([], "the search request must be a JSON object, not an array"),
        ("x", "the search request must be a JSON object, not a string"),
        ({"size": 3}, "size: unknown property of the search request (allowed: page, sort, filter)"),
        ({"page": 5}, "page: must be an object with 'from' and/or 'limit', not a number"),
        ({"page": {"size": 5}}, "page.size: unknown property (allowed: from, limit)"),
        ({"page": {"after": "abc"}}, "page.after: unknown property (allowed: from, limit)"),
        ({"page": {"limit": 0}}, "page.limit: must be between 1 and 10000"),
        ({"page": {"limit": 10001}}, "page.limit: must be between 1 and 10000"),
        ({"page": {"limit": True}}, "page.limit: must be an integer, not a boolean"),
        ({"page": {"limit": 10.5}}, "page.limit: must be an integer, not a number"),
        ({"page": {"limit": "10"}}, "page.limit: must be an integer, not a string"),
        ({"page": {"limit": None}}, "page.limit: must be an integer, not null"),
        ({"page": {"from": -1}}, "page.from: must be between 0 and 2147483647"),
        ({"page": {"from": 2**31}}, "page.from: must be between 0 and 2147483647"),
        ({"page": {"from": False}}, "page.from: must be an integer, not a boolean"),
        ({"sort": "name"}, "sort: must be an array of {field, order} objects, not a string"),
        ({"sort": ["name"]}, "sort[0]: must be an object {field, order}, not a string"),
        ({"sort": [{"order": "ASC"}]}, "sort[0].field: is required"),
        ({"sort": [{"field": 1}]}, "sort[0].field: must be a string, not a number"),
        (
            {"sort": [{"field": "name"}, {"field": "size"}]},
            "sort[1].field: 'size' is not sortable (name, note, created)",
        ),
        ({"sort": [{"field": "name", "order": "UP"}]}, "sort[0].order: must be ASC or DESC"),
        ({"sort": [{"field": "name", "order": None}]}, "sort[0].order: must be ASC or DESC"),
        (
            {"sort": [{"field": "name", "dir": "ASC"}]},
            "sort[0].dir: unknown property (allowed: field, order)",
        ),
        ({"filter": []}, "filter: must be an object, not an array"),
        (
            {"filter": {"color": "red"}},
            "filter.color: unknown field (name, note, created, flag, size, org)",
        ),
        (
            {"filter": {"$or": []}},
            "filter.$or: unknown field (name, note, created, flag, size, org)",
        ),
        ({"filter": {"name": {"$foo": 1}}}, "filter.name: unknown operator '$foo'"),
        ({"filter": {"name": {"eq": "x"}}}, "filter.name: unknown operator 'eq'"),
        ({"filter": {"name": {}}}, "filter.name: an operator object needs at least one operator"),
        (
            {"filter": {"note": {"$like": "x*"}}},
            "filter.note: operator '$like' is not supported here ($eq, $neq, $exists, $in, $notIn)",
        ),
        (
            {"filter": {"name": {"$gt": "a"}}},
            "filter.name: operator '$gt' is not supported here ($eq, $neq, $exists, $in, $notIn, $like)",
        ),
        (
            {"filter": {"flag": {"$in": [True]}}},
            "filter.flag: operator '$in' is not supported here ($eq, $neq, $exists)",
        ),
        (
            {"filter": {"org": {"$neq": "o1"}}},
            "filter.org: operator '$neq' is not supported here ($eq)",
        ),
        ({"filter": {"name": 5}}, "filter.name: must be a string, not a number"),
        ({"filter": {"name": {"$eq": ["a"]}}}, "filter.name.$eq: must be a string, not an array"),
        ({"filter": {"name": {"$like": 5}}}, "filter.name.$like: must be a string, not a number"),
        ({"filter": {"name": {"$like": None}}}, "filter.name.$like: must not be null"),
        (
            {"filter": {"name": {"$like": "abc\\"}}},
            "filter.name.$like: ends with a lone backslash (write \\\\ for a literal backslash)",
        ),
        ({"filter": {"name": "a\x00b"}}, "filter.name: must not contain NUL characters"),
        (
            {"filter": {"name": {"$in": ["\ud800"]}}},
            "filter.name.$in[0]: must be valid Unicode (it contains a lone surrogate)",
        ),
        (
            {"filter": {"\ud800": 1}},
            "filter.\\ud800: unknown field (name, note, created, flag, size, org)",
        ),
        ({"filter": {"name": "x" * 4097}}, "filter.name: must be at most 4096 characters long"),
        (
            {"filter": {"name": {"$exists": "yes"}}},
            "filter.name.$exists: must be true or false, not a string",
        ),
        ({"filter": {"name": {"$in": "a"}}}, "filter.name.$in: must be an array, not a string"),
        (
            {"filter": {"name": {"$notIn": {"a": 1}}}},
            "filter.name.$notIn: must be an array, not an object",
        ),
        (
            {"filter": {"name": {"$in": ["a"] * 1001}}},
            "filter.name.$in: at most 1000 values are allowed",
        ),
        (
            {"filter": {"name": {"$in": ["a", 2]}}},
            "filter.name.$in[1]: must be a string, not a number",
        ),
        (
            {"filter": {"name": {"$in": ["a", None]}}},
            "filter.name.$in[1]: must not be null (use $exists to match missing values)",
        ),
        ({"filter": {"flag": "true"}}, "filter.flag: must be true or false, not a string"),
        ({"filter": {"flag": {"$eq": 1}}}, "filter.flag.$eq: must be true or false, not a number"),
        ({"filter": {"size": True}}, "filter.size: must be an integer, not a boolean"),
        ({"filter": {"size": {"$gt": 1.5}}}, "filter.size.$gt: must be an integer, not a number"),
        (
            {"filter": {"size": {"$lt": 2**63}}},
            "filter.size.$lt: must fit in a signed 64-bit integer",
        ),
        ({"filter": {"size": {"$gt": None}}}, "filter.size.$gt: must not be null"),
        (
            {"filter": {"created": "yesterday"}},
            "filter.created: 'yesterday' is not an ISO 8601 date-time (e.g. 2024-05-01T12:00:00Z)",
        ),
        (
            {"filter": {"created": {"$gte": "2024-13-01T00:00:00Z"}}},
            "filter.created.$gte: '2024-13-01T00:00:00Z' is not an ISO 8601 date-time (e.g. 2024-05-01T12:00:00Z)",
        ),
        (
            {"filter": {"created": {"$lt": 1714564800000}}},
            "filter.created.$lt: must be an ISO 8601 date-time string, not a number",
        ),
        (
            {"filter": {"created": {"$gt": "0001-01-01T00:00:00+01:00"}}},
            "filter.created.$gt: '0001-01-01T00:00:00+01:00' is out of the supported date range",
        ),
        (
            {"filter": {"created": {"$in": ["2024-05-01T12:00:00Z", "soon"]}}},
            "filter.created.$in[1]: 'soon' is not an ISO 8601 date-time (e.g. 2024-05-01T12:00:00Z)",
        ),
    ],
)
def test_invalid_request_is_rejected_with_its_location(body: Any, message: str) -> None:
    assert bad(body) == message


def test_filter_on_search_without_filter_is_rejected() -> None:
    assert (
        bad({"filter": {"name": "x"}}, NO_FILTER) == "filter: this search does not accept a filter"
    )


@pytest.mark.parametrize(
    "body",
    [
        None,
        {"filter": {}},
        {"filter": {"name": "x"}},
        {"filter": {"fileKey": {"$like": "k*"}}},
        {"filter": {"fileKey": {"$neq": "k"}}},
        {"filter": {"fileKey": {"$in": ["k"]}}},
    ],
)
def test_required_filter_must_be_given_as_value_or_eq(body: Any) -> None:
    assert bad(body, REQUIRED) == "filter.fileKey is required (as a value or with $eq)"


def test_required_filter_accepts_value_or_eq_but_not_null() -> None:
    assert parse_search(REQUIRED, {"filter": {"fileKey": "k"}}).conditions
    assert parse_search(REQUIRED, {"filter": {"fileKey": {"$eq": "k", "$like": "k*"}}}).conditions
    assert bad({"filter": {"fileKey": None}}, REQUIRED) == "filter.fileKey: must not be null"
    assert (
        bad({"filter": {"fileKey": {"$eq": None}}}, REQUIRED)
        == "filter.fileKey.$eq: must not be null"
    )


@pytest.mark.parametrize(
    "body",
    [
        {"x" * 500: 1},
        {"page": {"x" * 500: 1}},
        {"sort": [{"field": "x" * 500}]},
        {"sort": [{"field": "name", "x" * 500: 1}]},
        {"filter": {"x" * 500: 1}},
        {"filter": {"name": {"$" + "x" * 500: 1}}},
        {"filter": {"created": "x" * 500}},
    ],
)
def test_names_and_values_quoted_back_are_cut_short(body: Any) -> None:
    message = bad(body)
    assert len(message) < 200
    assert "x" * 65 not in message


# --- SQL semantics ------------------------------------------------------------------------------


async def test_bare_value_and_eq_match_exactly(session: AsyncSession) -> None:
    assert await ids(session, {"name": "order"}) == {1, 10}
    assert await ids(session, {"name": {"$eq": "order"}}) == {1, 10}
    assert await ids(session, {"note": "x", "name": "order"}) == {1}


async def test_null_value_means_is_null(session: AsyncSession) -> None:
    assert await ids(session, {"note": None}) == {2, 5, 8}
    assert await ids(session, {"note": {"$eq": None}}) == {2, 5, 8}
    assert await ids(session, {"note": {"$neq": None}}) == {1, 3, 4, 6, 7, 9, 10, 11}


async def test_neq_and_not_in_match_rows_whose_value_is_null(session: AsyncSession) -> None:
    assert await ids(session, {"note": {"$neq": "x"}}) == {2, 3, 5, 6, 7, 8, 10, 11}
    assert await ids(session, {"note": {"$notIn": ["x", "y"]}}) == {2, 5, 6, 8, 10}
    assert await ids(session, {"flag": {"$neq": True}}) == {2, 3, 6, 7, 9, 11}
    assert await ids(session, {"size": {"$neq": 10}}) == set(BY_ID) - {1}


async def test_exists(session: AsyncSession) -> None:
    assert await ids(session, {"note": {"$exists": True}}) == {1, 3, 4, 6, 7, 9, 10, 11}
    assert await ids(session, {"note": {"$exists": False}}) == {2, 5, 8}
    assert await ids(session, {"created": {"$exists": False}}) == {4}


async def test_in_and_empty_lists(session: AsyncSession) -> None:
    assert await ids(session, {"note": {"$in": ["x", "z"]}}) == {1, 4, 6, 9}
    assert await ids(session, {"note": {"$in": []}}) == set()
    assert await ids(session, {"note": {"$notIn": []}}) == set(BY_ID)


async def test_operators_on_one_field_are_anded(session: AsyncSession) -> None:
    assert await ids(session, {"name": {"$like": "order*", "$neq": "order"}}) == {3, 4, 5}
    assert await ids(session, {"size": {"$gt": 10, "$lte": 40}}) == {2, 4, 5}


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("order*", {1, 3, 4, 5, 10}),  # case-sensitive: "Order" is not matched
        ("Order*", {2}),
        ("ORDER", set()),
        ("order", {1, 10}),
        ("*der", {1, 2, 10}),
        ("order?1", {3, 4, 5}),
        ("order_1", {3}),  # _ is a literal character
        ("order%1", {5}),  # % is a literal character
        ("order%", set()),
        ("order\\_1", {3}),  # escaping a character that is not special keeps it literal
        ("ord\\*r", {6}),
        ("ord*r", {1, 6, 10}),
        ("a\\?b", {7}),
        ("a?b", {7}),
        ("back\\\\slash", {8}),
        ("*\\\\*", {8}),
        ("br[ack]et", {9}),  # [ and ] are literal too (SQLite's GLOB would treat them as a set)
        ("br[*", {9}),
        ("?lan", {11}),  # ? is one character, not one byte
        ("*", set(BY_ID)),
        ("**", set(BY_ID)),
        ("?", set()),
        ("", set()),
    ],
)
async def test_like(session: AsyncSession, pattern: str, expected: set[int]) -> None:
    assert await ids(session, {"name": {"$like": pattern}}) == expected


async def test_like_never_matches_null(session: AsyncSession) -> None:
    spec = SearchSpec(
        fields={"note": Field(items.c.note, FieldKind.STRING)},
        sort_fields={},
        tiebreaker=items.c.id,
    )
    found, _ = await search(
        session, {"filter": {"note": {"$like": "*"}}, "page": {"limit": 100}}, spec
    )
    assert set(found) == {1, 3, 4, 6, 7, 9, 10, 11}


async def test_datetime_comparisons_respect_time_zones(session: AsyncSession) -> None:
    assert await ids(session, {"created": "2024-05-01T12:00:00Z"}) == {1}
    assert await ids(session, {"created": "2024-05-01T14:00:00+02:00"}) == {1}
    assert await ids(session, {"created": "2024-05-01T12:00:00"}) == {1}  # naive = UTC
    assert await ids(
        session, {"created": {"$gte": "2024-05-01T15:00:00+01:00", "$lt": "2024-05-01T16:00:00Z"}}
    ) == {3, 5}
    assert await ids(session, {"created": {"$gt": "2024-05-01T19:00:00Z"}}) == {10, 11}
    assert await ids(session, {"created": {"$lte": "2024-05-01T13:00:00.000001Z"}}) == {1, 2}
    assert await ids(
        session, {"created": {"$in": ["2024-05-01T13:00:00Z", "2024-05-01T10:00:00-08:00"]}}
    ) == {2, 8}
    assert await ids(session, {"created": {"$neq": "2024-05-01T12:00:00Z"}}) == set(BY_ID) - {1}
    assert await ids(session, {"created": {"$notIn": ["2024-05-01T12:00:00Z"]}}) == set(BY_ID) - {1}
    assert await ids(session, {"created": {"$gt": "2024-05-01"}}) == set(BY_ID) - {4}


async def test_boolean_and_integer(session: AsyncSession) -> None:
    assert await ids(session, {"flag": True}) == {1, 4, 5, 8, 10}
    assert await ids(session, {"flag": {"$eq": False}}) == {2, 6, 9, 11}
    assert await ids(session, {"flag": None}) == {3, 7}
    assert await ids(session, {"size": {"$in": [10, 60, 1000]}}) == {1, 7}
    assert await ids(session, {"size": {"$lt": 0}}) == {11}
    assert await ids(session, {"size": {"$gte": 80}}) == {9, 10}


async def test_values_are_bound_parameters_never_sql_text(
    session: AsyncSession, statements: list[tuple[str, Any]]
) -> None:
    hostile = "x' OR '1'='1"
    assert await ids(session, {"name": hostile, "note": {"$exists": True}}) == set()
    assert await ids(session, {"name": {"$like": hostile + "*"}}) == set()
    assert await ids(session, {"note": {"$in": [hostile]}}) == set()
    assert statements
    for statement, _ in statements:
        assert "OR '1'" not in statement
        assert "x'" not in statement
    assert any(hostile in str(parameters) for _, parameters in statements)


async def test_organization_scope_of_the_base_query_is_kept(session: AsyncSession) -> None:
    found, page = await search(session, {"filter": {"name": "order", "note": "x"}})
    assert found == [1]
    assert page.total_items == 1


@pytest.mark.parametrize(
    ("filter_", "expected"),
    [
        ({"tag": "red"}, {1, 2, 4}),
        ({"tag": {"$eq": "blue"}}, {1, 4}),
        ({"tag": {"$eq": "red", "$neq": "blue"}}, {2}),
        ({"tag": {"$neq": "red"}}, set(BY_ID) - {1, 2, 4}),  # untagged items hold no "red"
        ({"tag": {"$in": ["green", "Blue"]}}, {3, 4}),
        ({"tag": {"$notIn": ["red", "blue"]}}, set(BY_ID) - {1, 2, 4}),
        ({"tag": {"$in": []}}, set()),
        ({"tag": {"$notIn": []}}, set(BY_ID)),
        ({"tag": {"$exists": True}}, {1, 2, 3, 4}),
        ({"tag": {"$exists": False}}, set(BY_ID) - {1, 2, 3, 4}),
        ({"tag": None}, set(BY_ID) - {1, 2, 3, 4}),
        ({"tag": {"$neq": None}}, {1, 2, 3, 4}),
        ({"tag": {"$like": "b*"}}, {1, 4}),
        ({"tag": {"$like": "?re*"}}, {4}),
    ],
)
async def test_set_valued_field_reads_as_membership(
    session: AsyncSession, filter_: dict[str, Any], expected: set[int]
) -> None:
    found, page = await search(session, {"filter": filter_, "page": {"limit": 100}}, WITH_TAGS)
    assert set(found) == expected
    assert len(found) == len(set(found)) == page.total_items  # one row per item, never per tag


# --- sorting and paging -------------------------------------------------------------------------


async def test_default_sort_then_tiebreaker(session: AsyncSession) -> None:
    found, _ = await search(session, None)
    names = [BY_ID[i]["name"] for i in found]
    assert names == sorted(names)  # code-point order, as stored (BINARY)
    assert found.index(1) < found.index(10)  # equal names: ascending tiebreaker


async def test_sort_descending_keeps_tiebreaker_ascending(session: AsyncSession) -> None:
    ascending, _ = await search(session, {"sort": [{"field": "name"}]})
    assert ascending == [2, 7, 8, 9, 6, 1, 10, 5, 4, 3, 11]
    descending, _ = await search(session, {"sort": [{"field": "name", "order": "DESC"}]})
    assert descending == [11, 3, 4, 5, 1, 10, 6, 9, 8, 7, 2]


async def test_nulls_sort_first_ascending_and_last_descending(session: AsyncSession) -> None:
    ascending, _ = await search(session, {"sort": [{"field": "note"}]})
    assert ascending[:3] == [2, 5, 8]
    descending, _ = await search(session, {"sort": [{"field": "note", "order": "DESC"}]})
    assert descending[-3:] == [2, 5, 8]
    assert descending[:1] == [6]  # "z"


async def test_multiple_sort_keys(session: AsyncSession) -> None:
    found, _ = await search(
        session,
        {"sort": [{"field": "note", "order": "DESC"}, {"field": "created", "order": "DESC"}]},
    )
    assert found == [6, 11, 7, 3, 9, 1, 4, 10, 8, 5, 2]


async def test_pages_cover_every_row_once_in_order(session: AsyncSession) -> None:
    everything, _ = await search(session, {"sort": [{"field": "note"}]})
    paged: list[int] = []
    for start in range(0, len(ROWS), 3):
        found, page = await search(
            session, {"sort": [{"field": "note"}], "page": {"from": start, "limit": 3}}
        )
        assert page.total_items == len(ROWS)
        assert page.has_more_total_items is False
        paged.extend(found)
    assert paged == everything


async def test_page_beyond_the_end_is_empty_with_the_true_total(session: AsyncSession) -> None:
    found, page = await search(session, {"page": {"from": 500, "limit": 5}})
    assert (found, page.total_items, page.has_more_total_items) == ([], len(ROWS), False)
    found, page = await search(session, {"filter": {"name": "nothing"}})
    assert (found, page.total_items) == ([], 0)


async def test_count_is_capped_beyond_the_page(
    session: AsyncSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_execute, "COUNT_BEYOND_PAGE", 3)
    found, page = await search(session, {"page": {"from": 2, "limit": 2}})
    assert len(found) == 2
    assert (page.total_items, page.has_more_total_items) == (2 + 2 + 3, True)
    _, page = await search(session, {"page": {"from": 4, "limit": 4}})
    assert (page.total_items, page.has_more_total_items) == (len(ROWS), False)  # 11 == cap
    _, page = await search(session, {"page": {"from": 4, "limit": 3}})
    assert (page.total_items, page.has_more_total_items) == (10, True)


async def test_a_short_page_needs_no_count_query(
    session: AsyncSession, statements: list[tuple[str, Any]]
) -> None:
    await search(session, {"filter": {"name": {"$like": "order*"}}, "page": {"limit": 10}})
    assert len(statements) == 1
    statements.clear()
    await search(session, {"filter": {"name": {"$like": "order*"}}, "page": {"limit": 2}})
    assert len(statements) == 2
    assert "count(" in statements[1][0]


async def test_orm_entity_query_yields_objects_and_column_query_yields_rows(
    session: AsyncSession,
) -> None:
    request = parse_search(SPEC, {"filter": {"name": "order"}})
    page = await run_search(
        session, select(Item).where(Item.__table__.c.org == "o1"), SPEC, request
    )
    assert [type(item) for item in page.rows] == [Item, Item]
    assert [item.id for item in page.rows] == [1, 10]
    page = await run_search(session, select(items.c.id, items.c.name), SPEC, request)
    assert [tuple(row) for row in page.rows] == [(1, "order"), (10, "order"), (99, "order")]


async def test_orm_query_with_loader_options_is_paged_and_counted(session: AsyncSession) -> None:
    # Routers defer heavy columns; the count query must still work without those entities.
    request = parse_search(SPEC, {"page": {"from": 1, "limit": 2}})
    base = select(Item).options(defer(Item.note)).where(Item.org == "o1")
    page = await run_search(session, base, SPEC, request)
    assert [item.id for item in page.rows] == [7, 8]
    assert (page.total_items, page.has_more_total_items) == (len(ROWS), False)


async def test_distinct_base_query_is_counted_by_rows(session: AsyncSession) -> None:
    request = parse_search(SPEC, {"page": {"limit": 1}})
    base = select(items.c.id).where(items.c.org == "o1").distinct()
    page = await run_search(session, base, SPEC, request)
    assert page.total_items == len(ROWS)


def test_search_response_shape() -> None:
    from camunda_hub.server.api.models.common import PageInfo, SearchResult

    page = SearchPage(rows=[object()], total_items=12, has_more_total_items=True)
    answer = SearchResult[dict[str, int]](items=[{"k": 1}], page=PageInfo.of(page))
    assert answer.model_dump() == {
        "items": [{"k": 1}],
        "page": {"totalItems": 12, "hasMoreTotalItems": True},
    }


# --- the SQL ----------------------------------------------------------------------------------


def test_postgresql_gets_like_with_escape_and_explicit_null_order() -> None:
    from sqlalchemy.dialects import postgresql

    from camunda_hub.server.search.compile import order_by, where_clause

    spec = SearchSpec(
        fields={"name": Field(Item.name, FieldKind.STRING)},
        sort_fields={"name": Item.name, "note": Item.note},
        tiebreaker=Item.id,
    )
    request = parse_search(
        spec,
        {
            "filter": {"name": {"$like": "50%_off*\\*"}},
            "sort": [{"field": "name", "order": "DESC"}, {"field": "note", "order": "DESC"}],
        },
    )
    query = (
        select(Item.id)
        .where(where_clause(spec, request, "postgresql"))
        .order_by(*order_by(spec, request, "postgresql"))
    )
    compiled = query.compile(dialect=postgresql.dialect())
    sql = " ".join(str(compiled).split())
    assert "items.name LIKE %(name_1)s::VARCHAR ESCAPE '\\'" in sql
    assert compiled.params["name_1"] == "50\\%\\_off%*"
    # name cannot be null, so its order needs no NULLS clause; note can.
    assert sql.endswith("ORDER BY items.name DESC, items.note DESC NULLS LAST, items.id ASC")


async def test_like_prefix_is_a_range_scan_on_the_name_index(
    session: AsyncSession, statements: list[tuple[str, Any]]
) -> None:
    await search(session, {"filter": {"name": {"$like": "order*"}}, "page": {"limit": 1}})
    statement, parameters = statements[0]
    connection = await session.connection()
    raw = await connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)
    details = " ".join(str(row[-1]) for row in raw)
    assert "ix_items_org_name" in details
    assert "name>? AND name<?" in details
