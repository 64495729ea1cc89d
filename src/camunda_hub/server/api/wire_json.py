"""The hottest read responses (a file, a project with its children, a file search) encoded
straight from the database rows (``services/hub/file_reads``: tuples in its column order).

Building a pydantic model per row and letting FastAPI validate and dump the tree cost more than
the query itself once a response holds a hundred files (bench/reads.py). Here each row becomes a
plain dict with the wire model's keys in the wire model's order, and orjson writes the bytes:
pydantic-core's encoder took ~25x as long for a 1 MB file's content and ~4x for a page of 100
files, and orjson escapes every code point exactly as pydantic-core does (tests/test_wire_json.py
checks all of them, and holds models and rows side by side). Timestamps are written as the
models write a UTC datetime (``2026-01-02T03:04:05Z``, or ``…05.120000Z``), straight from the
text SQLite stores when it has SQLAlchemy's usual shape. The models stay the ``response_model``
of their routes: they are what the OpenAPI document describes."""

from __future__ import annotations

from collections.abc import Iterable
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


def project_detail_json(project: Any, folders: Iterable[Any], files: Iterable[Any]) -> Json:
    """As ``ProjectDetailResult`` of the project and its root folders and files (rows of
    ``ROOT_FILE_COLUMNS``)."""
    key = project[0]
    return {
        "project": project_json(project),
        "content": {
            "folders": [folder_json(f) for f in folders],
            "files": [root_file_json(key, f) for f in files],
        },
    }


def file_search_json(page: SearchPage) -> Json:
    """As ``FileSearchQueryResult``: items without content, then the page."""
    return {
        "items": [listed_file_json(row) for row in page.rows],
        "page": {"totalItems": page.total_items, "hasMoreTotalItems": page.has_more_total_items},
    }


def json_response(payload: Json) -> Response:
    return Response(orjson.dumps(payload), media_type="application/json")
