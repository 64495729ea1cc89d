"""The search helpers produce exactly the contract's filter / sort / page objects."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from camunda_hub.client.filters import (
    all_of,
    asc,
    between,
    build_filter,
    build_sort,
    contains,
    desc,
    eq,
    escape_like,
    exists,
    gte,
    is_in,
    like,
    lt,
    neq,
    not_in,
    search_body,
    starts_with,
)


def test_operators() -> None:
    assert eq("a") == {"$eq": "a"}
    assert neq("a") == {"$neq": "a"}
    assert exists() == {"$exists": True}
    assert exists(False) == {"$exists": False}
    assert is_in("bpmn", "dmn") == {"$in": ["bpmn", "dmn"]}
    assert not_in("form") == {"$notIn": ["form"]}
    assert like("order*") == {"$like": "order*"}


def test_like_escaping() -> None:
    assert escape_like(r"50% * off? \ yes") == r"50% \* off\? \\ yes"
    assert contains("a*b") == {"$like": r"*a\*b*"}
    assert starts_with("x?") == {"$like": r"x\?*"}


def test_dates_become_utc_iso_8601() -> None:
    cet = timezone(timedelta(hours=1))
    assert gte(datetime(2026, 1, 1, 1, 0, tzinfo=cet)) == {"$gte": "2026-01-01T00:00:00Z"}
    assert lt(datetime(2026, 1, 1)) == {"$lt": "2026-01-01T00:00:00Z"}
    start, end = datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 2, 1, tzinfo=UTC)
    assert between(start, end) == {"$gte": "2026-01-01T00:00:00Z", "$lt": "2026-02-01T00:00:00Z"}
    assert all_of(gte("2026-01-01T00:00:00Z"), lt("2026-02-01T00:00:00Z")) == {
        "$gte": "2026-01-01T00:00:00Z",
        "$lt": "2026-02-01T00:00:00Z",
    }
    with pytest.raises(ValueError):
        all_of(gte("a"), gte("b"))


def test_keyword_filters_use_the_contracts_names() -> None:
    assert build_filter(folder_key="k", created_by="a@b.c", name=like("x*"), type=None) == {
        "folderKey": "k",
        "createdBy": "a@b.c",
        "name": {"$like": "x*"},
    }
    assert build_filter({"type": "bpmn"}, project_key="p") == {"type": "bpmn", "projectKey": "p"}
    with pytest.raises(ValueError):
        build_filter({"type": "bpmn"}, type="dmn")


def test_sort_and_page() -> None:
    assert build_sort("-updated") == [desc("updated")]
    assert build_sort(["name", "-created"]) == [asc("name"), desc("created")]
    assert build_sort([{"field": "name", "order": "desc"}]) == [{"field": "name", "order": "DESC"}]
    assert search_body({"name": "x"}, "name", offset=10, limit=5) == {
        "filter": {"name": "x"},
        "sort": [{"field": "name", "order": "ASC"}],
        "page": {"from": 10, "limit": 5},
    }
    assert search_body() == {}
    for bad in ({"limit": 0}, {"limit": 10_001}, {"offset": -1}):
        with pytest.raises(ValueError):
            search_body(**bad)  # type: ignore[arg-type]
