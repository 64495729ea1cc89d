"""Each Hub API operation as data: method, path, body and how to read the answer.

The sync and async clients both execute these, so an endpoint is described once."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Final, Generic, TypeVar
from urllib.parse import quote

from camunda_hub.client.errors import ProtocolError
from camunda_hub.client.filters import build_filter, search_body
from camunda_hub.client.models import (
    File,
    Folder,
    FolderDetail,
    Info,
    Member,
    Page,
    Project,
    ProjectDetail,
    Version,
    Workspace,
    WorkspaceDetail,
)

T = TypeVar("T")


class _Unset:
    def __repr__(self) -> str:
        return "UNSET"


# "Leave unchanged" in updates, as opposed to None, which clears a nullable field.
UNSET: Final = _Unset()

SortSpec = Iterable[str | Mapping[str, str]] | str | None


@dataclass(frozen=True)
class Call(Generic[T]):
    method: str
    path: str
    parse: Callable[[Any], T]
    json: Any = None


def _key(value: str) -> str:
    if not value:
        raise ValueError("a resource key must not be empty")
    return quote(value, safe="")


def _nothing(_: Any) -> None:
    return None


def _patch(**fields: Any) -> dict[str, Any]:
    return {name: value for name, value in fields.items() if value is not UNSET}


def search(
    path: str,
    item: Callable[[Any], T],
    filter: Mapping[str, Any] | None,
    sort: SortSpec,
    offset: int | None,
    limit: int | None,
    fields: Mapping[str, Any],
) -> Call[Page[T]]:
    body = search_body(build_filter(filter, **fields), sort, offset=offset, limit=limit)
    return Call("POST", path, lambda data: Page.from_json(data, item), body)


@dataclass(frozen=True)
class Search(Generic[T]):
    """One search endpoint, so a client's resource names it once instead of per method."""

    path: str
    item: Callable[[Any], T]

    def call(
        self,
        filter: Mapping[str, Any] | None,
        sort: SortSpec,
        offset: int | None,
        limit: int | None,
        fields: Mapping[str, Any],
    ) -> Call[Page[T]]:
        return search(self.path, self.item, filter, sort, offset, limit, fields)


WORKSPACE_SEARCH: Final = Search("/workspaces/search", Workspace.from_json)
PROJECT_SEARCH: Final = Search("/projects/search", Project.from_json)
FILE_SEARCH: Final = Search("/files/search", File.from_json)
VERSION_SEARCH: Final = Search("/versions/search", Version.from_json)
MEMBER_SEARCH: Final = Search("/members/search", Member.from_json)


# Every collection spells these URLs the same way.
def _update(collection: str, key: str, item: Callable[[Any], T], body: Any) -> Call[T]:
    return Call("PATCH", f"/{collection}/{_key(key)}", item, body)


def _delete(collection: str, key: str, permanent: bool) -> Call[None]:
    suffix = "/permanent" if permanent else ""
    return Call("DELETE", f"/{collection}/{_key(key)}{suffix}", _nothing)


def _restore(collection: str, key: str, item: Callable[[Any], T], body: Any = None) -> Call[T]:
    return Call("POST", f"/{collection}/{_key(key)}/restoration", item, body)


def info() -> Call[Info]:
    return Call("GET", "/info", Info.from_json)


# -- workspaces --------------------------------------------------------------------------------
def create_workspace(name: str, description: str | None) -> Call[Workspace]:
    body: dict[str, Any] = {"name": name}
    if description is not None:
        body["description"] = description
    return Call("POST", "/workspaces", Workspace.from_json, body)


def get_workspace(key: str) -> Call[WorkspaceDetail]:
    return Call("GET", f"/workspaces/{_key(key)}", WorkspaceDetail.from_json)


def update_workspace(key: str, name: Any, description: Any) -> Call[Workspace]:
    return _update(
        "workspaces", key, Workspace.from_json, _patch(name=name, description=description)
    )


def delete_workspace(key: str, permanent: bool) -> Call[None]:
    return _delete("workspaces", key, permanent)


def restore_workspace(key: str) -> Call[Workspace]:
    return _restore("workspaces", key, Workspace.from_json)


# -- projects ----------------------------------------------------------------------------------
def create_project(name: str, workspace_key: str) -> Call[Project]:
    return Call(
        "POST", "/projects", Project.from_json, {"name": name, "workspaceKey": workspace_key}
    )


def get_project(key: str) -> Call[ProjectDetail]:
    return Call("GET", f"/projects/{_key(key)}", ProjectDetail.from_json)


def update_project(key: str, name: Any, workspace_key: Any) -> Call[Project]:
    return _update(
        "projects", key, Project.from_json, _patch(name=name, workspaceKey=workspace_key)
    )


def delete_project(key: str, permanent: bool) -> Call[None]:
    return _delete("projects", key, permanent)


def restore_project(key: str) -> Call[Project]:
    return _restore("projects", key, Project.from_json)


# -- folders -----------------------------------------------------------------------------------
def create_folder(name: str, project_key: str, parent_folder_key: str | None) -> Call[Folder]:
    body: dict[str, Any] = {"name": name, "projectKey": project_key}
    if parent_folder_key is not None:
        body["parentFolderKey"] = parent_folder_key
    return Call("POST", "/folders", Folder.from_json, body)


def get_folder(key: str) -> Call[FolderDetail]:
    return Call("GET", f"/folders/{_key(key)}", FolderDetail.from_json)


def update_folder(key: str, name: Any, project_key: Any, parent_folder_key: Any) -> Call[Folder]:
    return _update(
        "folders",
        key,
        Folder.from_json,
        _patch(name=name, projectKey=project_key, parentFolderKey=parent_folder_key),
    )


def delete_folder(key: str, permanent: bool) -> Call[None]:
    return _delete("folders", key, permanent)


def restore_folder(key: str) -> Call[Folder]:
    return _restore("folders", key, Folder.from_json)


# -- files -------------------------------------------------------------------------------------
def create_file(
    name: str, project_key: str, type: str, content: str, folder_key: str | None
) -> Call[File]:
    body: dict[str, Any] = {
        "name": name,
        "projectKey": project_key,
        "type": type,
        "content": content,
    }
    if folder_key is not None:
        body["folderKey"] = folder_key
    return Call("POST", "/files", File.from_json, body)


def get_file(key: str) -> Call[File]:
    return Call("GET", f"/files/{_key(key)}", File.from_json)


def update_file(
    key: str, revision: int, name: Any, content: Any, folder_key: Any, project_key: Any
) -> Call[File]:
    body = _patch(name=name, content=content, folderKey=folder_key, projectKey=project_key)
    body["revision"] = revision
    return _update("files", key, File.from_json, body)


def delete_file(key: str, permanent: bool) -> Call[None]:
    return _delete("files", key, permanent)


def restore_file(key: str) -> Call[File]:
    return _restore("files", key, File.from_json)


# -- versions ----------------------------------------------------------------------------------
def create_version(
    file_key: str, name: str, description: str | None, organization_public: bool | None
) -> Call[Version]:
    body: dict[str, Any] = {"fileKey": file_key, "name": name}
    if description is not None:
        body["description"] = description
    if organization_public is not None:
        body["organizationPublic"] = organization_public
    return Call("POST", "/versions", Version.from_json, body)


def get_version(key: str) -> Call[Version]:
    return Call("GET", f"/versions/{_key(key)}", Version.from_json)


def update_version(
    key: str, name: str, description: Any, organization_public: Any
) -> Call[Version]:
    body = _patch(description=description, organizationPublic=organization_public)
    body["name"] = name
    return _update("versions", key, Version.from_json, body)


def delete_version(key: str) -> Call[None]:
    return Call("DELETE", f"/versions/{_key(key)}", _nothing)


def restore_version(key: str, template_version: int | None) -> Call[Version]:
    body = {"version": template_version} if template_version is not None else None
    return _restore("versions", key, Version.from_json, body)


# -- members -----------------------------------------------------------------------------------
def add_member(workspace_key: str, email: str, role: str) -> Call[Member]:
    return Call(
        "POST",
        f"/workspaces/{_key(workspace_key)}/members",
        Member.from_json,
        {"email": email, "role": role},
    )


def remove_member(workspace_key: str, email: str) -> Call[None]:
    return Call("DELETE", f"/workspaces/{_key(workspace_key)}/members/{_key(email)}", _nothing)


def response_value(call: Call[T], status: int, body: Any) -> T:
    """Parse a successful answer; a body that does not fit the contract is a ProtocolError."""
    try:
        return call.parse(body)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ProtocolError(
            f"{call.method} {call.path} answered HTTP {status} with a body this SDK cannot read "
            f"({type(exc).__name__}: {exc})"
        ) from None
