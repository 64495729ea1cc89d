"""Typed views of the Hub API resources (plain dataclasses: the SDK stays free of pydantic).

Attribute names are the snake_case forms of the contract's camelCase fields; ``raw`` keeps the
JSON object as received, for fields a newer server may add."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Generic, Literal, TypeVar

T = TypeVar("T")

FileType = Literal["bpmn", "dmn", "form", "element-template", "rpa", "markdown", "tests"]
MemberRole = Literal["workspace_admin", "editor", "commenter", "viewer"]


def _time(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


@dataclass(frozen=True)
class UserReference:
    name: str | None
    email: str | None

    @classmethod
    def from_json(cls, data: Any) -> UserReference | None:
        if not isinstance(data, Mapping):
            return None
        return cls(name=_str(data.get("name")), email=_str(data.get("email")))


@dataclass(frozen=True)
class Info:
    version: str
    authorized_organization: str
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Info:
        return cls(
            version=str(data.get("version", "")),
            authorized_organization=str(data.get("authorizedOrganization", "")),
            raw=data,
        )


@dataclass(frozen=True)
class _Audited:
    # Left out of repr so the key and name lead.
    created: datetime | None = field(repr=False)
    created_by: UserReference | None = field(repr=False)
    updated: datetime | None = field(repr=False)
    updated_by: UserReference | None = field(repr=False)

    @staticmethod
    def _audit(data: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "created": _time(data.get("created")),
            "created_by": UserReference.from_json(data.get("createdBy")),
            "updated": _time(data.get("updated")),
            "updated_by": UserReference.from_json(data.get("updatedBy")),
        }


@dataclass(frozen=True)
class Workspace(_Audited):
    workspace_key: str
    name: str
    description: str | None
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Workspace:
        return cls(
            workspace_key=str(data["workspaceKey"]),
            name=str(data.get("name", "")),
            description=_str(data.get("description")),
            raw=data,
            **cls._audit(data),
        )


@dataclass(frozen=True)
class Project(_Audited):
    project_key: str
    name: str
    workspace_key: str
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Project:
        return cls(
            project_key=str(data["projectKey"]),
            name=str(data.get("name", "")),
            workspace_key=str(data.get("workspaceKey", "")),
            raw=data,
            **cls._audit(data),
        )


@dataclass(frozen=True)
class Folder(_Audited):
    folder_key: str
    name: str
    project_key: str
    parent_folder_key: str | None
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Folder:
        return cls(
            folder_key=str(data["folderKey"]),
            name=str(data.get("name", "")),
            project_key=str(data.get("projectKey", "")),
            parent_folder_key=_str(data.get("parentFolderKey")),
            raw=data,
            **cls._audit(data),
        )


@dataclass(frozen=True)
class File(_Audited):
    file_key: str
    name: str
    project_key: str | None
    folder_key: str | None
    simple_path: str
    canonical_path: str
    revision: int
    type: str
    # None in search results: fetch the file to read it.
    content: str | None = field(repr=False)
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> File:
        return cls(
            file_key=str(data["fileKey"]),
            name=str(data.get("name", "")),
            project_key=_str(data.get("projectKey")),
            folder_key=_str(data.get("folderKey")),
            simple_path=str(data.get("simplePath") or ""),
            canonical_path=str(data.get("canonicalPath") or ""),
            revision=int(data.get("revision") or 0),
            type=str(data.get("type", "")),
            content=_str(data.get("content")),
            raw=data,
            **cls._audit(data),
        )


@dataclass(frozen=True)
class Version(_Audited):
    version_key: str
    name: str
    description: str | None
    file_key: str
    organization_public: bool
    linked_to_process_application: bool
    # Only set by ``versions.get`` (the detail view).
    content: str | None = field(default=None, repr=False)
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Version:
        return cls(
            version_key=str(data["versionKey"]),
            name=str(data.get("name", "")),
            description=_str(data.get("description")),
            file_key=str(data.get("fileKey", "")),
            organization_public=bool(data.get("organizationPublic", False)),
            linked_to_process_application=bool(data.get("linkedToProcessApplication", False)),
            content=_str(data.get("content")),
            raw=data,
            **cls._audit(data),
        )


@dataclass(frozen=True)
class Member:
    workspace_key: str
    email: str
    name: str | None
    role: str
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Member:
        return cls(
            workspace_key=str(data.get("workspaceKey", "")),
            email=str(data["email"]),
            name=_str(data.get("name")),
            role=str(data.get("role", "")),
            raw=data,
        )


def _parsed(content: Mapping[str, Any], name: str, item: Callable[[Any], T]) -> list[T]:
    return [item(entry) for entry in content.get(name) or []]


def _folder_content(data: Mapping[str, Any]) -> dict[str, Any]:
    """What a project or folder directly contains, as ``folders`` and ``files`` arguments."""
    content = data.get("content") or {}
    return {
        "folders": _parsed(content, "folders", Folder.from_json),
        "files": _parsed(content, "files", File.from_json),
    }


@dataclass(frozen=True)
class WorkspaceDetail:
    workspace: Workspace
    projects: list[Project]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> WorkspaceDetail:
        content = data.get("content") or {}
        return cls(
            workspace=Workspace.from_json(data["workspace"]),
            projects=_parsed(content, "projects", Project.from_json),
        )


@dataclass(frozen=True)
class ProjectDetail:
    project: Project
    folders: list[Folder]
    files: list[File]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ProjectDetail:
        return cls(project=Project.from_json(data["project"]), **_folder_content(data))


@dataclass(frozen=True)
class FolderDetail:
    folder: Folder
    folders: list[Folder]
    files: list[File]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> FolderDetail:
        return cls(folder=Folder.from_json(data["folder"]), **_folder_content(data))


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a search: its items, the total (a lower bound when ``has_more_total_items``)."""

    items: list[T]
    total_items: int
    has_more_total_items: bool

    @classmethod
    def from_json(cls, data: Mapping[str, Any], item: Callable[[Any], T]) -> Page[T]:
        page = data.get("page") or {}
        return cls(
            items=_parsed(data, "items", item),
            total_items=int(page.get("totalItems") or 0),
            has_more_total_items=bool(page.get("hasMoreTotalItems", False)),
        )
