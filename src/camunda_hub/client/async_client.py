"""``AsyncHubClient``: the asyncio Hub API client (same resources as ``HubClient``).

async with AsyncHubClient() as hub:
    info = await hub.info()
    async for file in hub.files.iterate(type="bpmn"):
        ...
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Awaitable, Mapping
from typing import Any, Generic, Protocol, TypeVar

from camunda_hub.client import operations as ops
from camunda_hub.client.client_base import ClientBase
from camunda_hub.client.events import AsyncEvents, long_poll_wait
from camunda_hub.client.filters import DEFAULT_PAGE_SIZE, FilterValue, eq
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
from camunda_hub.client.operations import UNSET, Call, SortSpec
from camunda_hub.client.pagination import aiterate
from camunda_hub.client.project_archives import AsyncProjectArchives
from camunda_hub.client.responses import decode, unreachable
from camunda_hub.client.token_request import Token, request_token_async
from camunda_hub.client.tokens import shared_cache
from camunda_hub.client.tree_run import DEFAULT_CONCURRENCY, TreeProgress, TreeSyncResult
from camunda_hub.client.tree_sync import AsyncTreeSync
from camunda_hub.client.tree_watch import AsyncTreeWatch, WatchUpdate
from camunda_hub.client.webhooks_resource import AsyncWebhooks

T = TypeVar("T")
M = TypeVar("M")

# unasync: begin async only
# Requests in flight at once per client: httpx's pool size. Calls beyond it wait here, in a
# plain semaphore; queued inside httpcore's pool instead, every scheduling step scans the whole
# queue against every connection (1,000 concurrent calls: 47 s and 700 PoolTimeouts in
# bench/sdk.py, against 2.8 s and none with this bound).
MAX_IN_FLIGHT = 100
# unasync: end


class Run(Protocol):
    def __call__(self, call: Call[T], /) -> Awaitable[T]: ...


class _Resource:
    def __init__(self, run: Run) -> None:
        self._run = run


class _Searchable(_Resource, Generic[M]):
    """Search and iteration of the resources searched organization-wide."""

    _search: ops.Search[M]

    async def search(
        self,
        filter: Mapping[str, Any] | None = None,
        *,
        sort: SortSpec = None,
        offset: int | None = None,
        limit: int | None = None,
        **fields: FilterValue | None,
    ) -> Page[M]:
        return await self._run(self._search.call(filter, sort, offset, limit, fields))

    def iterate(
        self,
        filter: Mapping[str, Any] | None = None,
        *,
        sort: SortSpec = None,
        page_size: int = DEFAULT_PAGE_SIZE,
        **fields: FilterValue | None,
    ) -> AsyncIterator[M]:
        return aiterate(
            lambda offset, limit: self.search(
                filter, sort=sort, offset=offset, limit=limit, **fields
            ),
            page_size=page_size,
        )


class Workspaces(_Searchable[Workspace]):
    _search = ops.WORKSPACE_SEARCH

    async def create(self, name: str, description: str | None = None) -> Workspace:
        return await self._run(ops.create_workspace(name, description))

    async def get(self, workspace_key: str) -> WorkspaceDetail:
        return await self._run(ops.get_workspace(workspace_key))

    async def update(
        self, workspace_key: str, *, name: Any = UNSET, description: Any = UNSET
    ) -> Workspace:
        """``description=None`` clears it; leaving an argument out keeps the value."""
        return await self._run(ops.update_workspace(workspace_key, name, description))

    async def delete(self, workspace_key: str, *, permanent: bool = False) -> None:
        await self._run(ops.delete_workspace(workspace_key, permanent))

    async def restore(self, workspace_key: str) -> Workspace:
        return await self._run(ops.restore_workspace(workspace_key))


class Projects(_Searchable[Project], AsyncProjectArchives):
    _search = ops.PROJECT_SEARCH

    async def create(self, name: str, workspace_key: str) -> Project:
        return await self._run(ops.create_project(name, workspace_key))

    async def get(self, project_key: str) -> ProjectDetail:
        return await self._run(ops.get_project(project_key))

    async def update(
        self, project_key: str, *, name: Any = UNSET, workspace_key: Any = UNSET
    ) -> Project:
        return await self._run(ops.update_project(project_key, name, workspace_key))

    async def delete(self, project_key: str, *, permanent: bool = False) -> None:
        await self._run(ops.delete_project(project_key, permanent))

    async def restore(self, project_key: str) -> Project:
        return await self._run(ops.restore_project(project_key))


class Folders(_Resource):
    async def create(
        self, name: str, project_key: str, parent_folder_key: str | None = None
    ) -> Folder:
        return await self._run(ops.create_folder(name, project_key, parent_folder_key))

    async def get(self, folder_key: str) -> FolderDetail:
        return await self._run(ops.get_folder(folder_key))

    async def update(
        self,
        folder_key: str,
        *,
        name: Any = UNSET,
        project_key: Any = UNSET,
        parent_folder_key: Any = UNSET,
    ) -> Folder:
        """``parent_folder_key=None`` moves the folder to the project root."""
        call = ops.update_folder(folder_key, name, project_key, parent_folder_key)
        return await self._run(call)

    async def delete(self, folder_key: str, *, permanent: bool = False) -> None:
        await self._run(ops.delete_folder(folder_key, permanent))

    async def restore(self, folder_key: str) -> Folder:
        return await self._run(ops.restore_folder(folder_key))


class Files(_Searchable[File]):
    """Search returns files without their content. Keyword filters: ``name``, ``type``,
    ``project_key``, ``folder_key``, ``created``, ``updated``, ``created_by``…"""

    _search = ops.FILE_SEARCH

    def __init__(self, run: Run, *, timeout: float, projects: Projects) -> None:
        super().__init__(run)
        self._wait = long_poll_wait(timeout)
        # pull_tree takes many files' content from one project export.
        self._projects = projects

    async def create(
        self,
        name: str,
        project_key: str,
        type: str,
        content: str,
        folder_key: str | None = None,
    ) -> File:
        call = ops.create_file(name, project_key, type, content, folder_key)
        return await self._run(call)

    async def get(self, file_key: str) -> File:
        return await self._run(ops.get_file(file_key))

    async def update(
        self,
        file_key: str,
        *,
        revision: int,
        name: Any = UNSET,
        content: Any = UNSET,
        folder_key: Any = UNSET,
        project_key: Any = UNSET,
    ) -> File:
        """``revision`` is the one you read: a newer one on the server raises :class:`Conflict`."""
        call = ops.update_file(file_key, revision, name, content, folder_key, project_key)
        return await self._run(call)

    async def delete(self, file_key: str, *, permanent: bool = False) -> None:
        await self._run(ops.delete_file(file_key, permanent))

    async def restore(self, file_key: str) -> File:
        return await self._run(ops.restore_file(file_key))

    async def push_tree(
        self,
        local_dir: str | os.PathLike[str],
        project_key: str,
        *,
        dry_run: bool = False,
        concurrency: int = DEFAULT_CONCURRENCY,
        progress: TreeProgress | None = None,
    ) -> TreeSyncResult:
        """Upload a local folder tree of models (.bpmn, .dmn, .form, .json, .md, .rpa) into a
        project: folders and new files are created, files changed here since the last sync
        updated (from the revision last seen), and a file changed on both sides is reported as
        a conflict, never overwritten. ``local_dir/.camunda-hub-sync.json`` keeps what was
        synced. ``concurrency`` files are sent at once; ``progress(path, done, total)`` is
        called after each file."""
        engine = AsyncTreeSync(self._run, concurrency, progress)
        return await engine.push(local_dir, project_key, dry_run)

    async def pull_tree(
        self,
        project_key: str,
        local_dir: str | os.PathLike[str],
        *,
        dry_run: bool = False,
        concurrency: int = DEFAULT_CONCURRENCY,
        progress: TreeProgress | None = None,
        archive: bool = True,
    ) -> TreeSyncResult:
        """Download a project's files into a local folder tree (created if missing): new files
        and files changed on the Hub since the last sync are written, a local change is never
        overwritten (a conflict is reported). Same options as :meth:`push_tree`. When many
        files are to be written (50 or more, and at least a quarter of the project), their
        content comes from one project export instead of one request each; ``archive=False``
        always fetches file by file."""
        export = self._projects.export if archive else None
        engine = AsyncTreeSync(self._run, concurrency, progress, export=export)
        return await engine.pull(local_dir, project_key, dry_run)

    def watch_tree(
        self,
        project_key: str,
        local_dir: str | os.PathLike[str],
        *,
        after: int | None = None,
        concurrency: int = DEFAULT_CONCURRENCY,
    ) -> AsyncIterator[WatchUpdate]:
        """Keep a local folder pulled as the project changes on the Hub (a camunda-hub
        extension: the change feed). The first update is a full :meth:`pull_tree`; then each
        page of events about the project fetches only the files it names and applies them by
        ``pull``'s rules, renames, moves and deletions included (a local file edited since the
        last sync is never replaced or removed: a conflict is reported). The whole project is
        pulled again only when the feed cannot say what changed (``update.full_pull`` says
        why). Stops after an update with ``stopped`` set when the project is deleted; break
        out of the loop to stop earlier. ``after`` resumes from a sequence an earlier watch
        reached (``update.after``) instead of starting with a full pull."""
        engine = AsyncTreeWatch(self._run, concurrency, wait=self._wait)
        return engine.watch(local_dir, project_key, after)


class Versions(_Resource):
    async def create(
        self,
        file_key: str,
        name: str,
        description: str | None = None,
        *,
        organization_public: bool | None = None,
    ) -> Version:
        call = ops.create_version(file_key, name, description, organization_public)
        return await self._run(call)

    async def get(self, version_key: str) -> Version:
        """The version with its ``content``."""
        return await self._run(ops.get_version(version_key))

    async def update(
        self,
        version_key: str,
        *,
        name: str,
        description: Any = UNSET,
        organization_public: Any = UNSET,
    ) -> Version:
        call = ops.update_version(version_key, name, description, organization_public)
        return await self._run(call)

    async def delete(self, version_key: str) -> None:
        await self._run(ops.delete_version(version_key))

    async def restore(self, version_key: str, *, template_version: int | None = None) -> Version:
        """Write the version's content back to its file; returns the new version this makes."""
        return await self._run(ops.restore_version(version_key, template_version))

    async def search(
        self,
        file_key: str,
        filter: Mapping[str, Any] | None = None,
        *,
        sort: SortSpec = None,
        offset: int | None = None,
        limit: int | None = None,
        **fields: FilterValue | None,
    ) -> Page[Version]:
        fields = {"file_key": eq(file_key), **fields}
        return await self._run(ops.VERSION_SEARCH.call(filter, sort, offset, limit, fields))

    def iterate(
        self,
        file_key: str,
        filter: Mapping[str, Any] | None = None,
        *,
        sort: SortSpec = None,
        page_size: int = DEFAULT_PAGE_SIZE,
        **fields: FilterValue | None,
    ) -> AsyncIterator[Version]:
        return aiterate(
            lambda offset, limit: self.search(
                file_key, filter, sort=sort, offset=offset, limit=limit, **fields
            ),
            page_size=page_size,
        )


class Members(_Resource):
    async def add(self, workspace_key: str, email: str, role: str) -> Member:
        """Add a member or change their role."""
        return await self._run(ops.add_member(workspace_key, email, role))

    async def remove(self, workspace_key: str, email: str) -> None:
        await self._run(ops.remove_member(workspace_key, email))

    async def search(
        self,
        workspace_key: str,
        filter: Mapping[str, Any] | None = None,
        *,
        sort: SortSpec = None,
        offset: int | None = None,
        limit: int | None = None,
        **fields: FilterValue | None,
    ) -> Page[Member]:
        fields = {"workspace_key": eq(workspace_key), **fields}
        return await self._run(ops.MEMBER_SEARCH.call(filter, sort, offset, limit, fields))

    def iterate(
        self,
        workspace_key: str,
        filter: Mapping[str, Any] | None = None,
        *,
        sort: SortSpec = None,
        page_size: int = DEFAULT_PAGE_SIZE,
        **fields: FilterValue | None,
    ) -> AsyncIterator[Member]:
        return aiterate(
            lambda offset, limit: self.search(
                workspace_key, filter, sort=sort, offset=offset, limit=limit, **fields
            ),
            page_size=page_size,
        )


class AsyncHubClient(ClientBase):
    """The asyncio twin of :class:`~camunda_hub.client.HubClient`: same settings, same
    resources, every call awaited. Tokens are shared with other clients of the process."""

    def _open(self, options: dict[str, Any]) -> None:
        # httpx (and HubAuth, an httpx.Auth) load when a client is made, not on import: a
        # script that imports the SDK and exits, or only reads its settings, never pays for it.
        import httpx

        from camunda_hub.client.auth import HubAuth

        self._token_http = httpx.AsyncClient(**options)
        self._auth = HubAuth(
            shared_cache(self.config.cache_key, self.config.token_cache_dir),
            fetch_async=self._fetch_token,
        )
        self._http = httpx.AsyncClient(
            base_url=self.config.api_url,
            auth=self._auth,
            limits=httpx.Limits(max_connections=MAX_IN_FLIGHT),  # unasync: async only
            **options,
        )
        self._in_flight = asyncio.Semaphore(MAX_IN_FLIGHT)
        self.workspaces = Workspaces(self._run)
        self.projects = Projects(self._run)
        self.projects.attach_http(self._http)
        self.folders = Folders(self._run)
        self.files = Files(self._run, timeout=self.config.timeout, projects=self.projects)
        self.versions = Versions(self._run)
        self.members = Members(self._run)
        self.events = AsyncEvents(self._run, timeout=self.config.timeout)
        self.webhooks = AsyncWebhooks(self._run)

    def __repr__(self) -> str:
        return (
            f"AsyncHubClient(rest_url={self.config.rest_url!r}, "
            f"client_id={self.config.client_id!r})"
        )

    async def _fetch_token(self) -> Token:
        return await request_token_async(self._token_http, self.config, policy=self._retry)

    async def token(self) -> Token:
        """The current access token (fetched, or from the cache while it is fresh)."""
        return await self._auth.token_async()

    async def info(self) -> Info:
        return await self._run(ops.info())

    async def _run(self, call: Call[T]) -> T:
        import httpx

        async with self._in_flight:
            try:
                response = await self._http.request(call.method, call.path, json=call.json)
            except httpx.TransportError as exc:
                raise unreachable(call, self.config.api_url, exc) from None
        return decode(call, response)

    async def aclose(self) -> None:
        await self._http.aclose()
        await self._token_http.aclose()

    async def __aenter__(self) -> AsyncHubClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()
