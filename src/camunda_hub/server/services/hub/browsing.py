"""Read-only views of the Hub's models for people (the console's model browser): what a page
lists, through the same lookups and search code as the Hub API, so a console page never shows
what the API would hide (other organizations, deleted resources)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from camunda_hub.server.search import SearchPage, SearchSpec, parse_search, run_search
from camunda_hub.server.security.principal import Principal
from camunda_hub.server.services.errors import NotFound
from camunda_hub.server.services.hub import (
    files,
    folders,
    lookups,
    paths,
    projects,
    snapshots,
    versions,
    workspaces,
)
from camunda_hub.server.store.schema.hub import File, FileVersion, Folder, Project, Workspace
from camunda_hub.server.store.schema.snapshots import ProjectSnapshot

# One page of a listing; the console says when there is more (and search narrows it down).
PAGE = 200


@dataclass(frozen=True)
class Crumb:
    kind: str  # workspace, project, folder
    key: str
    name: str


@dataclass(frozen=True)
class Found:
    """One search result of any kind, with where it lives."""

    kind: str
    item: Workspace | Project | Folder | File


def like_anywhere(text: str) -> str:
    """A ``$like`` pattern matching names that contain ``text`` literally."""
    escaped = "".join("\\" + char if char in "*?\\" else char for char in text)
    return f"*{escaped}*"


async def _search(
    session: AsyncSession, spec: SearchSpec, base: Any, body: dict[str, Any]
) -> SearchPage:
    return await run_search(session, base, spec, parse_search(spec, body))


def _by_name(filters: dict[str, Any] | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"sort": [{"field": "name"}], "page": {"limit": PAGE}}
    if filters:
        body["filter"] = filters
    return body


async def workspace_list(session: AsyncSession, principal: Principal) -> SearchPage:
    return await _search(session, workspaces.SEARCH, workspaces.searchable(principal), _by_name())


async def workspace(
    session: AsyncSession, principal: Principal, key: str
) -> tuple[Workspace, list[Project]]:
    return await workspaces.get_with_projects(session, principal, key)


async def project(
    session: AsyncSession, principal: Principal, key: str
) -> tuple[Project, Workspace, list[Folder], list[File]]:
    found, root_folders, root_files = await projects.get_with_content(session, principal, key)
    owner = await lookups.live(session, Workspace, principal, found.workspace_key)
    return found, owner, root_folders, root_files


async def folder(
    session: AsyncSession, principal: Principal, key: str
) -> tuple[Folder, list[Folder], list[File]]:
    return await folders.get_with_content(session, principal, key)


async def trail(
    session: AsyncSession,
    principal: Principal,
    project_key: str,
    folder_keys: list[str],
    folder_names: list[str],
) -> list[Crumb]:
    """Workspace, project and folders down to (and including) the last of ``folder_keys``."""
    found = await lookups.live(session, Project, principal, project_key)
    owner = await lookups.live(session, Workspace, principal, found.workspace_key)
    crumbs = [Crumb("workspace", owner.key, owner.name), Crumb("project", found.key, found.name)]
    crumbs += [Crumb("folder", k, n) for k, n in zip(folder_keys, folder_names, strict=False)]
    return crumbs


async def folder_trail(session: AsyncSession, principal: Principal, item: Folder) -> list[Crumb]:
    return await trail(
        session,
        principal,
        item.project_key,
        item.path_keys.split(paths.SEPARATOR),
        item.path_names.split(paths.SEPARATOR),
    )


async def file_trail(session: AsyncSession, principal: Principal, item: File) -> list[Crumb]:
    """From ``simplePath`` (folder names, then the file) and ``canonicalPath`` (folder keys)."""
    keys = item.canonical_path.split(paths.SEPARATOR) if item.canonical_path else []
    names = item.simple_path.split(paths.SEPARATOR)[:-1]
    if len(names) != len(keys):
        # A folder name holding the separator: the names cannot be split, so ask the folder.
        if item.folder_key:
            parent = await lookups.live(session, Folder, principal, item.folder_key)
            return await folder_trail(session, principal, parent)
        keys, names = [], []
    return await trail(session, principal, item.project_key, keys, names)


async def file(session: AsyncSession, principal: Principal, key: str) -> File:
    return await files.get(session, principal, key)


async def file_versions(session: AsyncSession, principal: Principal, key: str) -> SearchPage:
    """The file's versions, oldest first (as the API lists them)."""
    body = {"filter": {"fileKey": key}, "page": {"limit": PAGE}}
    return await _search(session, versions.SEARCH, versions.search_base(principal), body)


async def version_of(
    session: AsyncSession, principal: Principal, file_key: str, version_key: str
) -> FileVersion:
    """A version of this very file (with its content); a version of another file is a 404."""
    found = await versions.get(session, principal, version_key)
    if found.file_key != file_key:
        raise NotFound(f"file '{file_key}' has no version '{version_key}'")
    return found


async def project_snapshots(
    session: AsyncSession, principal: Principal, project_key: str
) -> list[snapshots.SnapshotView]:
    body = {"filter": {"projectKey": project_key}, "page": {"limit": PAGE}}
    page = await _search(session, snapshots.SEARCH, snapshots.searchable(principal), body)
    return await snapshots.views(session, page.rows)


async def snapshot_versions(
    session: AsyncSession, principal: Principal, snapshot_key: str
) -> tuple[ProjectSnapshot, list[snapshots.CapturedVersion]]:
    found = await snapshots.live_snapshot(session, principal, snapshot_key)
    return found, await snapshots.captured_versions(session, found)


async def search_by_name(session: AsyncSession, principal: Principal, text: str) -> list[Found]:
    """Workspaces, projects, folders and files whose name contains ``text`` (``$like``)."""
    name = {"name": {"$like": like_anywhere(text)}}
    found: list[Found] = []
    for kind, spec, base in (
        ("workspace", workspaces.SEARCH, workspaces.searchable(principal)),
        ("project", projects.SEARCH, projects.searchable(principal)),
        ("file", files.SEARCH, files.searchable(principal)),
    ):
        page = await _search(session, spec, base, _by_name(name))
        found += [Found(kind, row) for row in page.rows]
    return found


async def recently_deleted(session: AsyncSession, principal: Principal) -> dict[str, list[Any]]:
    """Deleted workspaces, projects, folders and files that can be restored, newest first."""
    body = {"sort": [{"field": "deleted", "order": "DESC"}], "page": {"limit": PAGE}}
    listed: dict[str, list[Any]] = {}
    for kind, spec, base in (
        ("workspace", workspaces.RECENTLY_DELETED_SEARCH, workspaces.recently_deleted(principal)),
        ("project", projects.RECENTLY_DELETED_SEARCH, projects.recently_deleted(principal)),
        ("folder", folders.RECENTLY_DELETED_SEARCH, folders.recently_deleted(principal)),
        ("file", files.RECENTLY_DELETED_SEARCH, files.recently_deleted(principal)),
    ):
        listed[kind] = (await _search(session, spec, base, body)).rows
    return listed
