"""The hottest read responses (a file, a project with its children, a file search) encoded
straight from the database rows (``services/hub/file_reads``: tuples in its column order).

Building a pydantic model per row and letting FastAPI validate and dump the tree cost more than
the query itself once a response holds a hundred files (bench/reads.py). Here each row becomes a
plain dict with the wire model's keys in the wire model's order, and orjson writes the bytes:
pydantic-core's encoder took ~25x as long for a 1 MB file's content and ~4x for a page of 100
files, and orjson escapes every code point exactly as pydantic-core does (tests/test_wire_json.py
checks all of them, and holds models and rows side by side). Timestamps are written as the
models write a UTC datetime (``2026-01-02T03:04:05Z``, or ``…05.120000Z``), straight from the
text SQLite stores when it has SQLAlchemy's usual shape. A listing's rows are kept encoded
(``EncodedRows``) and joined. The models stay the ``response_model`` of their routes: they are
what the OpenAPI document describes."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

import orjson
from fastapi import Response

from camunda_hub.server.search.execute import SearchPage
from camunda_hub.server.services.hub.file_reads import FILE_COLUMNS

Json = dict[str, Any]

# Each encoder unpacks a row in the order of its ``*_COLUMNS`` (tests/test_wire_json.py builds
# the rows from those names and compares with the models).


def wire_time(value: str | datetime) -> str:
    """A stored timestamp as the models write it: ISO 8601 in UTC with ``Z``, microseconds
    only when there are some. SQLite hands back SQLAlchemy's text (``2026-01-02 03:04:05.000000``,
    UTC: ``schema.base.UTCDateTime``); PostgreSQL a datetime."""
    if isinstance(value, str):
        if len(value) == 26 and value[10] == " " and value[19] == ".":
            if value.endswith("000000"):
                return f"{value[:10]}T{value[11:19]}Z"
            return f"{value[:10]}T{value[11:]}Z"
        # Any other text SQLAlchemy's SQLite DATETIME reads the way it does.
        value = datetime.fromisoformat(value)
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.isoformat() + "Z"


def file_json(row: Any) -> Json:
    """As ``FileResult.of(file)`` of a row of ``FILE_COLUMNS``."""
    (key, name, project, folder, simple, canonical, revision, kind, content,
     created, created_name, created_email, updated, updated_name, updated_email) = row  # fmt: skip
    return {
        "fileKey": key,
        "name": name,
        "projectKey": project,
        "folderKey": folder,
        "simplePath": simple,
        "canonicalPath": canonical,
        "revision": revision,
        "type": kind,
        "content": content,
        "created": wire_time(created),
        "createdBy": {"name": created_name, "email": created_email},
        "updated": wire_time(updated),
        "updatedBy": {"name": updated_name, "email": updated_email},
    }


def written_file_json(file: Any) -> Json:
    """As ``file_json`` of a file object a create or an update has just written."""
    return file_json(tuple(getattr(file, name) for name in FILE_COLUMNS))


def listed_file_json(row: Any) -> Json:
    """As ``FileResult.of(file, with_content=False)`` of a row of ``LISTED_FILE_COLUMNS``.
    ``file_json`` spelled out again rather than called on a widened tuple: this runs for every
    row of every listing."""
    (key, name, project, folder, simple, canonical, revision, kind,
     created, created_name, created_email, updated, updated_name, updated_email) = row  # fmt: skip
    return {
        "fileKey": key,
        "name": name,
        "projectKey": project,
        "folderKey": folder,
        "simplePath": simple,
        "canonicalPath": canonical,
        "revision": revision,
        "type": kind,
        "content": None,
        "created": wire_time(created),
        "createdBy": {"name": created_name, "email": created_email},
        "updated": wire_time(updated),
        "updatedBy": {"name": updated_name, "email": updated_email},
    }


def root_file_json(project: str, row: Any) -> Json:
    """As ``listed_file_json`` of a root file of project ``project``, from a row of
    ``ROOT_FILE_COLUMNS`` (neither its project nor its folder is fetched)."""
    return listed_file_json((row[0], row[1], project, None, *row[2:]))


def folder_json(row: Any) -> Json:
    """As ``FolderResult.of(folder)`` of a row of ``FOLDER_COLUMNS``."""
    (key, name, project, parent,
     created, created_name, created_email, updated, updated_name, updated_email) = row  # fmt: skip
    return {
        "folderKey": key,
        "name": name,
        "projectKey": project,
        "parentFolderKey": parent,
        "created": wire_time(created),
        "createdBy": {"name": created_name, "email": created_email},
        "updated": wire_time(updated),
        "updatedBy": {"name": updated_name, "email": updated_email},
    }


def project_json(row: Any) -> Json:
    """As ``ProjectResult.of(project)`` of a row of ``PROJECT_COLUMNS``."""
    (key, name, workspace,
     created, created_name, created_email, updated, updated_name, updated_email) = row  # fmt: skip
    return {
        "projectKey": key,
        "name": name,
        "workspaceKey": workspace,
        "created": wire_time(created),
        "createdBy": {"name": created_name, "email": created_email},
        "updated": wire_time(updated),
        "updatedBy": {"name": updated_name, "email": updated_email},
    }


class EncodedRows:
    """Rows of one kind as the JSON of ``encode``, kept by the rows' values. A listing is made
    again after any commit anywhere (``Snapshot.kept`` keeps its body only while nothing in the
    database changes), but most of its rows are as they were; turning each into a dict and
    then bytes cost more than fetching it. The same values encode to the same bytes (the
    columns are text, integers and timestamps), so a changed row is simply a new entry. When
    ``limit`` rows are kept, the memo starts again: one rebuild per ``limit`` new rows."""

    def __init__(self, encode: Callable[..., Json], limit: int = 2048) -> None:
        self._encode = encode
        self._limit = limit
        self._known: dict[Any, bytes] = {}

    def array(self, rows: Iterable[Any], *scope: Any) -> bytes:
        """``[encode(*scope, row), …]`` as bytes, as orjson writes the list."""
        known = self._known
        parts = []
        for row in rows:
            entry = (scope, row)
            part = known.get(entry)
            if part is None:
                part = orjson.dumps(self._encode(*scope, row))
                if len(known) >= self._limit:
                    known.clear()
                known[entry] = part
            parts.append(part)
        return b"[" + b",".join(parts) + b"]"


_FOLDERS = EncodedRows(folder_json)
_ROOT_FILES = EncodedRows(root_file_json)
_LISTED_FILES = EncodedRows(listed_file_json)


def project_detail_body(project: Any, folders: Iterable[Any], files: Iterable[Any]) -> bytes:
    """``ProjectDetailResult`` of the project and its root folders and files (rows of
    ``ROOT_FILE_COLUMNS``), as JSON."""
    return b"".join(
        (
            b'{"project":',
            orjson.dumps(project_json(project)),
            b',"content":{"folders":',
            _FOLDERS.array(folders),
            b',"files":',
            _ROOT_FILES.array(files, project[0]),
            b"}}",
        )
    )


def file_search_body(page: SearchPage) -> bytes:
    """``FileSearchQueryResult`` as JSON: items without content, then the page."""
    info = {"totalItems": page.total_items, "hasMoreTotalItems": page.has_more_total_items}
    return b"".join(
        (b'{"items":', _LISTED_FILES.array(page.rows), b',"page":', orjson.dumps(info), b"}")
    )


def json_response(payload: Json) -> Response:
    return Response(orjson.dumps(payload), media_type="application/json")
