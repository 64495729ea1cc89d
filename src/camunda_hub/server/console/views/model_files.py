"""A file in the model browser: its page (rendered by the bundled viewers), its content as
text (what the page script fetches, also the "raw" link and the download), its versions, the
diff between two of them, and a project snapshot's captured versions.

The page itself carries no content: the script reads the ``data-*`` URLs and fetches them
from here, with the session cookie, so no model ever appears inside HTML or an inline script."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from starlette.requests import Request
from starlette.responses import Response

from camunda_hub.server.console.access import runtime_of
from camunda_hub.server.console.errors import ConsoleError
from camunda_hub.server.console.model_access import Viewer, require_viewer, service_errors
from camunda_hub.server.console.templating import render
from camunda_hub.server.services.hub import browsing, paths
from camunda_hub.server.store.schema.hub import File, FileVersion

CURRENT = "current"
# Which bundled viewer shows which file type; JSON-based types are pretty-printed.
VIEWS = {
    "bpmn": "bpmn",
    "dmn": "dmn",
    "form": "form",
    "markdown": "markdown",
    "element-template": "json",
    "tests": "json",
    "rpa": "json",
}
_MEDIA = {"bpmn": "application/xml", "dmn": "application/xml", "markdown": "text/markdown"}


@dataclass(frozen=True)
class Side:
    """One side of a diff: the current content or a version."""

    ref: str
    label: str


def _file_url(viewer: Viewer, file: File, tail: str = "", **query: str) -> str:
    url = f"{viewer.org_path}/files/{quote(file.key, safe='')}{tail}"
    return f"{url}?{urlencode(query)}" if query else url


def _leaf(file: File) -> str:
    return paths.file_name_with_extension(file.name, file.type)


async def _load(
    request: Request, viewer: Viewer, version_key: str | None
) -> tuple[File, FileVersion | None]:
    async with runtime_of(request).db.session() as db, service_errors():
        file = await browsing.file(db, viewer.principal, request.path_params["key"])
        version = None
        if version_key:
            version = await browsing.version_of(db, viewer.principal, file.key, version_key)
    return file, version


async def file_page(request: Request) -> Response:
    viewer = await require_viewer(request)
    version_key = request.query_params.get("version") or None
    async with runtime_of(request).db.session() as db, service_errors():
        file = await browsing.file(db, viewer.principal, request.path_params["key"])
        shown = None
        if version_key:
            shown = await browsing.version_of(db, viewer.principal, file.key, version_key)
        crumbs = await browsing.file_trail(db, viewer.principal, file)
        versions = (await browsing.file_versions(db, viewer.principal, file.key)).rows
    which = {"version": shown.key} if shown else {}
    previous = {v.key: versions[i - 1].key for i, v in enumerate(versions) if i > 0}
    return render(
        request,
        "models_file.html",
        nav="models",
        org=viewer.org_path,
        file=file,
        leaf=_leaf(file),
        crumbs=crumbs,
        shown=shown,
        view=VIEWS.get(file.type, "text"),
        content_url=_file_url(viewer, file, "/content", **which),
        download_url=_file_url(viewer, file, "/download", **which),
        page_url=_file_url(viewer, file),
        versions=versions,
        previous=previous,
        diff_url=lambda source, target: _file_url(
            viewer, file, "/diff", **{"from": source, "to": target}
        ),
        current=CURRENT,
    )


async def content(request: Request) -> Response:
    """The file's (or a version's) content as plain text: shown as text by browsers whatever
    it holds (``nosniff``), so a model can never run as a page of the console."""
    viewer = await require_viewer(request)
    file, version = await _load(request, viewer, request.query_params.get("version") or None)
    text = version.content if version else file.content
    return Response(text, media_type="text/plain; charset=utf-8")


async def download(request: Request) -> Response:
    viewer = await require_viewer(request)
    file, version = await _load(request, viewer, request.query_params.get("version") or None)
    text = version.content if version else file.content
    name = _leaf(file)
    ascii_name = name.encode("ascii", "replace").decode().replace('"', "_").replace("\\", "_")
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"
    media = _MEDIA.get(file.type, "application/json")
    return Response(
        text, media_type=f"{media}; charset=utf-8", headers={"content-disposition": disposition}
    )


def _side(ref: str, versions: list[FileVersion]) -> Side:
    if ref == CURRENT:
        return Side(CURRENT, "Current content")
    for version in versions:
        if version.key == ref:
            return Side(ref, f"Version “{version.name}”")
    raise ConsoleError(404, "This file has no such version.")


async def diff_page(request: Request) -> Response:
    """``?from=…&to=…``: version keys or ``current``. Without them: the newest version
    against the current content."""
    viewer = await require_viewer(request)
    async with runtime_of(request).db.session() as db, service_errors():
        file = await browsing.file(db, viewer.principal, request.path_params["key"])
        crumbs = await browsing.file_trail(db, viewer.principal, file)
        versions = list((await browsing.file_versions(db, viewer.principal, file.key)).rows)
    default_from = versions[-1].key if versions else CURRENT
    source = _side(request.query_params.get("from") or default_from, versions)
    target = _side(request.query_params.get("to") or CURRENT, versions)

    def url(side: Side) -> str:
        if side.ref == CURRENT:
            return _file_url(viewer, file, "/content")
        return _file_url(viewer, file, "/content", version=side.ref)

    return render(
        request,
        "models_diff.html",
        nav="models",
        org=viewer.org_path,
        file=file,
        leaf=_leaf(file),
        crumbs=crumbs,
        versions=versions,
        source=source,
        target=target,
        from_url=url(source),
        to_url=url(target),
        page_url=_file_url(viewer, file),
        diff_action=_file_url(viewer, file, "/diff"),
        kind="diff-bpmn" if file.type == "bpmn" else "diff-text",
        json_like=VIEWS.get(file.type) == "json" or file.type == "form",
        current=CURRENT,
    )


async def snapshot_page(request: Request) -> Response:
    viewer = await require_viewer(request)
    async with runtime_of(request).db.session() as db, service_errors():
        snapshot, captured = await browsing.snapshot_versions(
            db, viewer.principal, request.path_params["key"]
        )
        crumbs = await browsing.trail(db, viewer.principal, snapshot.project_key, [], [])
    return render(
        request,
        "models_snapshot.html",
        nav="models",
        org=viewer.org_path,
        snapshot=snapshot,
        crumbs=crumbs,
        captured=captured,
    )
