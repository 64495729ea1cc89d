"""v1 search bodies → search requests: date math (prefixes, rounding units, zones, nanoseconds),
sort, paging (zero-based page, size 10 by default and at most 50), filter errors."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from camunda_hub.server.api.v1.files import FILE_SEARCH
from camunda_hub.server.api.v1.search import date_conditions, parse_v1_search
from camunda_hub.server.search import Op
from camunda_hub.server.services.errors import InvalidInput


def _utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


def _bounds(value: str) -> list[tuple[Op, datetime]]:
    return [(c.op, c.value) for c in date_conditions("created", value)]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-09-20T11:31:20.206801604Z", [(Op.EQ, _utc(2023, 9, 20, 11, 31, 20, 206801))]),
        ("<2023-09-20T11:31:20Z", [(Op.LT, _utc(2023, 9, 20, 11, 31, 20))]),
        ("<=2023-09-20T11:31:20Z", [(Op.LTE, _utc(2023, 9, 20, 11, 31, 20))]),
        ("2023-09-20T11:31:20Z||/y", [(Op.GTE, _utc(2023, 1, 1)), (Op.LT, _utc(2024, 1, 1))]),
        ("2023-12-20T11:31:20Z||/M", [(Op.GTE, _utc(2023, 12, 1)), (Op.LT, _utc(2024, 1, 1))]),
        # 2023-09-20 is a Wednesday: its week starts on Monday the 18th.
        ("2023-09-20T11:31:20Z||/w", [(Op.GTE, _utc(2023, 9, 18)), (Op.LT, _utc(2023, 9, 25))]),
        ("2023-09-20T11:31:20Z||/d", [(Op.GTE, _utc(2023, 9, 20)), (Op.LT, _utc(2023, 9, 21))]),
        (
            "2023-09-20T11:31:20Z||/h",
            [(Op.GTE, _utc(2023, 9, 20, 11)), (Op.LT, _utc(2023, 9, 20, 12))],
        ),
        (
            "2023-09-20T11:31:20Z||/m",
            [(Op.GTE, _utc(2023, 9, 20, 11, 31)), (Op.LT, _utc(2023, 9, 20, 11, 32))],
        ),
        (
            "2023-09-20T11:31:20.5Z||/s",
            [(Op.GTE, _utc(2023, 9, 20, 11, 31, 20)), (Op.LT, _utc(2023, 9, 20, 11, 31, 21))],
        ),
        # The documented examples: "within or after 2023", "before 1 Sep 2023".
        (">=2023-09-20T11:31:20.206801604Z||/y", [(Op.GTE, _utc(2023, 1, 1))]),
        ("<2023-09-20T00:00:00Z||/M", [(Op.LT, _utc(2023, 9, 1))]),
        # > and <= round up to the end of the unit.
        (">2023-09-20T11:31:20Z||/d", [(Op.GTE, _utc(2023, 9, 21))]),
        ("<=2023-09-20T11:31:20Z||/d", [(Op.LT, _utc(2023, 9, 21))]),
        # Rounded in the value's own zone, compared in UTC.
        (
            "2023-09-20T01:00:00+02:00||/d",
            [(Op.GTE, _utc(2023, 9, 19, 22)), (Op.LT, _utc(2023, 9, 20, 22))],
        ),
        (
            "2023-09-20T01:00:00[Europe/Berlin]||/d",
            [(Op.GTE, _utc(2023, 9, 19, 22)), (Op.LT, _utc(2023, 9, 20, 22))],
        ),
    ],
)
def test_date_math(value: str, expected: list[tuple[Op, datetime]]) -> None:
    assert _bounds(value) == expected


@pytest.mark.parametrize(
    "value",
    ["yesterday", "2023-13-01T00:00:00Z", "2023-09-20T00:00:00Z||/q", "x[Nowhere/Zone]", 5],
)
def test_bad_dates_are_400s(value: object) -> None:
    with pytest.raises(InvalidInput):
        date_conditions("created", value)


def test_paging_defaults_and_limits() -> None:
    page = parse_v1_search(FILE_SEARCH, None)
    assert (page.request.offset, page.request.limit, page.shown) == (0, 10, 10)
    page = parse_v1_search(FILE_SEARCH, {"page": 3, "size": 20})
    assert (page.request.offset, page.request.limit) == (60, 20)
    counted = parse_v1_search(FILE_SEARCH, {"size": 0})
    assert (counted.request.limit, counted.shown) == (1, 0)
    for bad in ({"size": 51}, {"page": -1}, {"size": True}, {"page": "1"}, []):
        with pytest.raises(InvalidInput):
            parse_v1_search(FILE_SEARCH, bad)


def test_filters_and_sort() -> None:
    page = parse_v1_search(
        FILE_SEARCH,
        {
            "filter": {
                "type": "bpmn",
                "simplePath": "a\\/b/c.bpmn",
                "folderId": None,
                "createdBy": {"email": "jane@example.com", "name": None},
            },
            "sort": {"field": "name", "direction": "desc"},
        },
    )
    conditions = {(c.field, c.value) for c in page.request.conditions}
    assert conditions == {
        ("type", "bpmn"),
        ("simplePath", "a/b/c.bpmn"),
        ("createdBy.email", "jane@example.com"),
    }
    assert [(k.field, k.descending) for k in page.request.sort] == [("name", True)]
    for bad in (
        {"filter": {"canonicalPath": []}},
        {"filter": {"createdBy": "jane"}},
        {"filter": {"revision": "1"}},
        {"filter": []},
        {"sort": [{"field": "simplePath", "direction": "ASC"}]},
        {"sort": [{"field": "name", "direction": "UP"}]},
        {"sort": "name"},
    ):
        with pytest.raises(InvalidInput):
            parse_v1_search(FILE_SEARCH, bad)
