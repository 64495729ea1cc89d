"""The rows-to-JSON encoding of the hot read responses is byte-for-byte what the wire models
produce, for awkward values too (non-ASCII, escapes, whole and fractional seconds, nulls), from
rows as either database returns them (SQLite: timestamps as stored text; PostgreSQL: datetimes)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from types import SimpleNamespace
from typing import Any

import orjson
import pytest
from pydantic_core import to_json
from sqlalchemy.dialects import sqlite

from camunda_hub.server.api.files import FileSearchQueryResult
from camunda_hub.server.api.models.common import PageInfo
from camunda_hub.server.api.models.files import FileResult
from camunda_hub.server.api.models.folders import FolderResult
from camunda_hub.server.api.models.projects import (
    ProjectContent,
    ProjectDetailResult,
    ProjectResult,
)
from camunda_hub.server.api.wire_json import (
    EncodedRows,
    file_json,
    file_search_body,
    folder_json,
    listed_file_json,
    project_detail_body,
    root_file_json,
    wire_time,
)
from camunda_hub.server.search.execute import SearchPage
from camunda_hub.server.services.hub.file_reads import (
    FILE_COLUMNS,
    FOLDER_COLUMNS,
    LISTED_FILE_COLUMNS,
    PROJECT_COLUMNS,
    ROOT_FILE_COLUMNS,
)
from camunda_hub.server.store.schema.base import UTCDateTime

TEXTS = [
    "plain",
    'Zürich \u2013 \u201cquoted\u201d "and" \\ back',
    "tab\tnew\nline\u2028sep 😀",
    "</script>",
]
TIMES = [
    datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
    datetime(2026, 1, 2, 3, 4, 5, 120000, tzinfo=UTC),
    datetime(1999, 12, 31, 23, 59, 59, 999999, tzinfo=timezone(timedelta(0))),
]


def _audit(n: int) -> dict[str, Any]:
    return {
        "created": TIMES[n % 3],
        "updated": TIMES[(n + 1) % 3],
        "created_by_name": TEXTS[n % 4] if n % 5 else None,
        "created_by_email": "a@example.com" if n % 2 else None,
        "updated_by_name": TEXTS[(n + 1) % 4],
        "updated_by_email": None,
    }


def _file(n: int) -> Any:
    return SimpleNamespace(
        key=f"k{n}",
        name=TEXTS[n % 4],
        project_key="p",
        folder_key=None if n % 2 else "f",
        simple_path=f"a/{TEXTS[n % 4]}.bpmn",
        canonical_path="p/a",
        revision=n + 1,
        type=["bpmn", "dmn", "form", "markdown"][n % 4],
        content=TEXTS[(n + 2) % 4] * 3,
        **_audit(n),
    )


def _folder(n: int) -> Any:
    return SimpleNamespace(
        key=f"d{n}",
        name=TEXTS[n % 4],
        project_key="p",
        parent_folder_key=None if n % 2 else "x",
        **_audit(n),
    )


_SQLITE_TEXT = UTCDateTime().bind_processor(sqlite.dialect())


def _as_stored(value: Any, database: str) -> Any:
    """What the driver of ``database`` hands back for a value written through the schema."""
    if isinstance(value, datetime):
        return _SQLITE_TEXT(value) if database == "sqlite" else value
    return value


def _row(entity: Any, columns: tuple[str, ...], database: str) -> tuple[Any, ...]:
    return tuple(_as_stored(getattr(entity, name), database) for name in columns)


DATABASES = ["sqlite", "postgresql"]


@pytest.mark.parametrize("database", DATABASES)
@pytest.mark.parametrize("n", range(8))
def test_a_file_encodes_as_its_model(n: int, database: str) -> None:
    entity = _file(n)
    full = orjson.dumps(file_json(_row(entity, FILE_COLUMNS, database)))
    assert full == FileResult.of(entity).model_dump_json().encode()
    listed = orjson.dumps(listed_file_json(_row(entity, LISTED_FILE_COLUMNS, database)))
    assert listed == FileResult.of(entity, with_content=False).model_dump_json().encode()


@pytest.mark.parametrize("database", DATABASES)
def test_a_project_with_children_encodes_as_its_model(database: str) -> None:
    project = SimpleNamespace(key="p", name=TEXTS[1], workspace_key="w", **_audit(3))
    folders = [_folder(n) for n in range(5)]
    files = [SimpleNamespace(**{**vars(_file(n)), "folder_key": None}) for n in range(7)]
    model = ProjectDetailResult(
        project=ProjectResult.of(project),
        content=ProjectContent(
            folders=[FolderResult.of(f) for f in folders],
            files=[FileResult.of(f, with_content=False) for f in files],
        ),
    )
    rows = (
        _row(project, PROJECT_COLUMNS, database),
        [_row(f, FOLDER_COLUMNS, database) for f in folders],
        [_row(f, ROOT_FILE_COLUMNS, database) for f in files],
    )
    # Twice: the second time its rows' encodings are the ones kept from the first.
    assert project_detail_body(*rows) == model.model_dump_json().encode()
    assert project_detail_body(*rows) == model.model_dump_json().encode()
    folder = orjson.dumps(folder_json(_row(folders[0], FOLDER_COLUMNS, database)))
    assert folder == FolderResult.of(folders[0]).model_dump_json().encode()


@pytest.mark.parametrize("database", DATABASES)
@pytest.mark.parametrize("n", range(8))
def test_a_root_file_encodes_as_its_listed_model_without_its_project_and_folder(
    n: int, database: str
) -> None:
    entity = SimpleNamespace(**{**vars(_file(n)), "folder_key": None})
    assert "project_key" not in ROOT_FILE_COLUMNS and "folder_key" not in ROOT_FILE_COLUMNS
    encoded = orjson.dumps(root_file_json("p", _row(entity, ROOT_FILE_COLUMNS, database)))
    assert encoded == FileResult.of(entity, with_content=False).model_dump_json().encode()


@pytest.mark.parametrize("database", DATABASES)
@pytest.mark.parametrize("total", [(0, False), (120, True)])
def test_a_file_search_page_encodes_as_its_model(database: str, total: tuple[int, bool]) -> None:
    files = [_file(n) for n in range(4)]
    page = SearchPage([_row(f, LISTED_FILE_COLUMNS, database) for f in files], *total)
    model = FileSearchQueryResult(
        items=[FileResult.of(f, with_content=False) for f in files],
        page=PageInfo.of(page),
    )
    assert file_search_body(page) == model.model_dump_json().encode()
    assert file_search_body(page) == model.model_dump_json().encode()


def test_a_row_encoded_before_is_encoded_anew_once_any_of_its_values_changed() -> None:
    rows = EncodedRows(root_file_json, limit=3)
    entity = SimpleNamespace(**{**vars(_file(1)), "folder_key": None})
    row = _row(entity, ROOT_FILE_COLUMNS, "sqlite")

    def listed(values: tuple[Any, ...], project: str = "p") -> bytes:
        return rows.array([values], project)

    first = listed(row)
    assert first == b"[" + orjson.dumps(root_file_json("p", row)) + b"]"
    times = {ROOT_FILE_COLUMNS.index("created"), ROOT_FILE_COLUMNS.index("updated")}
    for index, value in enumerate(row):
        changed = list(row)
        if index in times:
            changed[index] = "2027-01-02 03:04:05.000001"
        else:
            changed[index] = value + 1 if isinstance(value, int) else f"{value}+"
        assert listed(tuple(changed)) == b"[" + orjson.dumps(root_file_json("p", changed)) + b"]"
    # The same row in another project is another file's listing.
    assert b'"projectKey":"q"' in listed(row, "q")
    assert listed(row) == first  # after the memo started again at its limit
    assert rows.array([]) == b"[]"


@pytest.mark.parametrize(
    "stored",
    [
        "2026-01-02 03:04:05",  # SQLite text of another shape: read as SQLAlchemy reads it
        "2026-01-02T03:04:05.5",
        "2026-01-02 04:04:05.000001+01:00",
        datetime(2026, 1, 2, 4, 4, 5, 1, tzinfo=timezone(timedelta(hours=1))),
        datetime(999, 1, 2, 3, 4, 5),
        datetime(999, 1, 2, 3, 4, 5, 60, tzinfo=UTC),  # asyncpg's shape
    ],
)
def test_a_timestamp_of_any_stored_shape_is_written_as_the_models_write_it(
    stored: str | datetime,
) -> None:
    value = UTCDateTime().process_result_value(
        datetime.fromisoformat(stored) if isinstance(stored, str) else stored, None
    )
    assert orjson.dumps(wire_time(stored)) == to_json(value)


def test_orjson_escapes_every_code_point_as_pydantic_does() -> None:
    code_points = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    for start in range(0, len(code_points), 4096):
        text = "".join(code_points[start : start + 4096])
        assert orjson.dumps(text) == to_json(text), f"from U+{ord(code_points[start]):04X}"
