"""The hottest read responses (a file, a project with its children, a file search) encoded
straight from the database rows.

Building a pydantic model per row and letting FastAPI validate and dump the tree cost more than
the query itself once a response holds a hundred files (bench/reads.py). Here each row becomes a
plain dict with the wire model's keys in the wire model's order, and pydantic-core's own encoder
(the one that dumps the models) writes the bytes, so the body is byte-for-byte what the models
produce; tests/test_wire_json.py holds the two side by side. The models stay the
``response_model`` of their routes: they are what the OpenAPI document describes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from fastapi import Response
from pydantic_core import to_json

from camunda_hub.server.search.execute import SearchPage

Json = dict[str, Any]


def _user(name: str | None, email: str | None) -> Json:
    return {"name": name, "email": email}


def file_json(row: Any, *, with_content: bool = True) -> Json:
    """As ``FileResult.of(row, with_content=...)``."""
    return {
        "fileKey": row.key,
        "name": row.name,
        "projectKey": row.project_key,
        "folderKey": row.folder_key,
        "simplePath": row.simple_path,
        "canonicalPath": row.canonical_path,
        "revision": row.revision,
        "type": row.type,
        "content": row.content if with_content else None,
        "created": row.created,
        "createdBy": _user(row.created_by_name, row.created_by_email),
        "updated": row.updated,
        "updatedBy": _user(row.updated_by_name, row.updated_by_email),
    }


def folder_json(row: Any) -> Json:
    """As ``FolderResult.of(row)``."""
    return {
        "folderKey": row.key,
        "name": row.name,
        "projectKey": row.project_key,
        "parentFolderKey": row.parent_folder_key,
        "created": row.created,
        "createdBy": _user(row.created_by_name, row.created_by_email),
        "updated": row.updated,
        "updatedBy": _user(row.updated_by_name, row.updated_by_email),
    }


def project_json(row: Any) -> Json:
    """As ``ProjectResult.of(row)``."""
    return {
        "projectKey": row.key,
        "name": row.name,
        "workspaceKey": row.workspace_key,
        "created": row.created,
        "createdBy": _user(row.created_by_name, row.created_by_email),
        "updated": row.updated,
        "updatedBy": _user(row.updated_by_name, row.updated_by_email),
    }


def project_detail_json(project: Any, folders: Iterable[Any], files: Iterable[Any]) -> Json:
    """As ``ProjectDetailResult`` of the project and its root folders and files."""
    return {
        "project": project_json(project),
        "content": {
            "folders": [folder_json(f) for f in folders],
            "files": [file_json(f, with_content=False) for f in files],
        },
    }


def file_search_json(page: SearchPage) -> Json:
    """As ``FileSearchQueryResult``: items without content, then the page."""
    return {
        "items": [file_json(row, with_content=False) for row in page.rows],
        "page": {"totalItems": page.total_items, "hasMoreTotalItems": page.has_more_total_items},
    }


def json_response(payload: Json) -> Response:
    return Response(to_json(payload), media_type="application/json")
