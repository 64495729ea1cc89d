"""The rows-to-JSON encoding of the hot read responses is byte-for-byte what the wire models
produce, for awkward values too (non-ASCII, escapes, whole and fractional seconds, nulls)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from types import SimpleNamespace
from typing import Any

import pytest
from pydantic_core import to_json

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
    file_json,
    file_search_json,
    folder_json,
    project_detail_json,
)
from camunda_hub.server.search.execute import SearchPage

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


@pytest.mark.parametrize("n", range(8))
def test_a_file_encodes_as_its_model(n: int) -> None:
    row = _file(n)
    for with_content in (True, False):
        model = FileResult.of(row, with_content=with_content)
        assert (
            to_json(file_json(row, with_content=with_content)) == model.model_dump_json().encode()
        )


def test_a_project_with_children_encodes_as_its_model() -> None:
    project = SimpleNamespace(key="p", name=TEXTS[1], workspace_key="w", **_audit(3))
    folders, files = [_folder(n) for n in range(5)], [_file(n) for n in range(7)]
    model = ProjectDetailResult(
        project=ProjectResult.of(project),
        content=ProjectContent(
            folders=[FolderResult.of(f) for f in folders],
            files=[FileResult.of(f, with_content=False) for f in files],
        ),
    )
    assert to_json(project_detail_json(project, folders, files)) == model.model_dump_json().encode()
    assert (
        to_json(folder_json(folders[0])) == FolderResult.of(folders[0]).model_dump_json().encode()
    )


@pytest.mark.parametrize("page", [SearchPage([], 0, False), SearchPage([], 120, True)])
def test_a_file_search_page_encodes_as_its_model(page: SearchPage) -> None:
    page.rows.extend(_file(n) for n in range(4))
    model = FileSearchQueryResult(
        items=[FileResult.of(row, with_content=False) for row in page.rows],
        page=PageInfo.of(page),
    )
    assert to_json(file_search_json(page)) == model.model_dump_json().encode()
