"""``hub.projects.export(key, path)`` and ``hub.projects.import_(path, …)``: a whole project as one
zip (the server's ``/projects/{key}/export`` and ``…/import``). The sync and async halves are
mirror images; each client's ``Projects`` mixes in one and is handed the HTTP client it uses."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from camunda_hub.client.errors import HubConnectionError, api_error
from camunda_hub.client.operations import _key
from camunda_hub.client.redact import redact

if TYPE_CHECKING:
    import httpx

Progress = Callable[[int], None]  # bytes just transferred
CHUNK = 64 * 1024


@dataclass(frozen=True)
class ExportedProject:
    path: Path
    size: int
    etag: str | None


@dataclass(frozen=True)
class ImportedProject:
    project_key: str
    summary: dict[str, int]
    files: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def of(cls, body: dict[str, Any]) -> ImportedProject:
        return cls(str(body["projectKey"]), dict(body["summary"]), list(body["files"]))


def _failure(response: httpx.Response) -> Exception:
    try:
        body: Any = response.json()
    except ValueError:
        body = response.text[:500]
    return api_error(response.status_code, body, response.reason_phrase)


def _unreachable(http: httpx.Client | httpx.AsyncClient, what: str, exc: Exception) -> Exception:
    reason = str(exc) or type(exc).__name__
    return HubConnectionError(
        redact(f"cannot reach the Hub API at {http.base_url} ({what}): {reason}")
    )


def _partial(path: Path) -> Path:
    return path.with_name(f".{path.name}.partial")


def _import_request(
    path: Path, workspace_key: str | None, name: str | None, project_key: str | None
) -> tuple[str, str, dict[str, str]]:
    if (project_key is None) == (workspace_key is None):
        raise ValueError("give either project_key (update it) or workspace_key (new project)")
    if project_key is not None:
        return "PUT", f"/projects/{_key(project_key)}/import", {}
    fields = {"workspaceKey": str(workspace_key)}
    if name is not None:
        fields["name"] = name
    return "POST", "/projects/import", fields


class _ProgressFile:
    """A file read by httpx for the upload, reporting what was sent."""

    def __init__(self, handle: Any, progress: Progress | None) -> None:
        self.handle = handle
        self.progress = progress

    def read(self, size: int = -1) -> bytes:
        data: bytes = self.handle.read(size)
        if self.progress is not None and data:
            self.progress(len(data))
        return data


class ProjectArchives:
    _archive_http: httpx.Client

    def attach_http(self, http: httpx.Client) -> None:
        self._archive_http = http

    def export(
        self, project_key: str, path: str | os.PathLike[str], *, progress: Progress | None = None
    ) -> ExportedProject:
        """Download the project as a zip to ``path`` (written beside it, then renamed)."""
        import httpx

        target = Path(path)
        partial = _partial(target)
        url = f"/projects/{_key(project_key)}/export"
        try:
            with self._archive_http.stream("GET", url) as response:
                if response.status_code >= 400:
                    response.read()
                    raise _failure(response)
                size = 0
                with open(partial, "wb") as out:
                    for chunk in response.iter_bytes(CHUNK):
                        out.write(chunk)
                        size += len(chunk)
                        if progress is not None:
                            progress(len(chunk))
                etag = response.headers.get("etag")
            os.replace(partial, target)
        except httpx.TransportError as exc:
            raise _unreachable(self._archive_http, f"GET {url}", exc) from None
        finally:
            partial.unlink(missing_ok=True)
        return ExportedProject(target, size, etag)

    def import_(
        self,
        path: str | os.PathLike[str],
        *,
        workspace_key: str | None = None,
        name: str | None = None,
        project_key: str | None = None,
        progress: Progress | None = None,
    ) -> ImportedProject:
        """Upload a project zip: a new project in ``workspace_key``, or an update of
        ``project_key`` by path (a conflict raises the 409 error; its ``extra["conflicts"]``
        lists them)."""
        import httpx

        source = Path(path)
        method, url, fields = _import_request(source, workspace_key, name, project_key)
        try:
            with open(source, "rb") as handle:
                upload = _ProgressFile(handle, progress)
                response = self._archive_http.request(
                    method,
                    url,
                    data=fields,
                    files={"archive": (source.name, upload, "application/zip")},  # type: ignore[dict-item]
                )
        except httpx.TransportError as exc:
            raise _unreachable(self._archive_http, f"{method} {url}", exc) from None
        if response.status_code >= 400:
            raise _failure(response)
        return ImportedProject.of(response.json())


class AsyncProjectArchives:
    _archive_http: httpx.AsyncClient

    def attach_http(self, http: httpx.AsyncClient) -> None:
        self._archive_http = http

    async def export(
        self, project_key: str, path: str | os.PathLike[str], *, progress: Progress | None = None
    ) -> ExportedProject:
        """Download the project as a zip to ``path`` (written beside it, then renamed)."""
        import httpx

        target = Path(path)
        partial = _partial(target)
        url = f"/projects/{_key(project_key)}/export"
        try:
            async with self._archive_http.stream("GET", url) as response:
                if response.status_code >= 400:
                    await response.aread()
                    raise _failure(response)
                size = 0
                with open(partial, "wb") as out:  # noqa: ASYNC230  (local disk, small writes)
                    async for chunk in response.aiter_bytes(CHUNK):
                        out.write(chunk)
                        size += len(chunk)
                        if progress is not None:
                            progress(len(chunk))
                etag = response.headers.get("etag")
            os.replace(partial, target)
        except httpx.TransportError as exc:
            raise _unreachable(self._archive_http, f"GET {url}", exc) from None
        finally:
            partial.unlink(missing_ok=True)
        return ExportedProject(target, size, etag)

    async def import_(
        self,
        path: str | os.PathLike[str],
        *,
        workspace_key: str | None = None,
        name: str | None = None,
        project_key: str | None = None,
        progress: Progress | None = None,
    ) -> ImportedProject:
        """Upload a project zip: a new project in ``workspace_key``, or an update of
        ``project_key`` by path (a conflict raises the 409 error; its ``extra["conflicts"]``
        lists them)."""
        import httpx

        source = Path(path)
        method, url, fields = _import_request(source, workspace_key, name, project_key)
        try:
            with open(source, "rb") as handle:  # noqa: ASYNC230  (httpx reads it in chunks)
                upload = _ProgressFile(handle, progress)
                response = await self._archive_http.request(
                    method,
                    url,
                    data=fields,
                    files={"archive": (source.name, upload, "application/zip")},  # type: ignore[dict-item]
                )
        except httpx.TransportError as exc:
            raise _unreachable(self._archive_http, f"{method} {url}", exc) from None
        if response.status_code >= 400:
            raise _failure(response)
        return ImportedProject.of(response.json())
