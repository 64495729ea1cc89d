"""The model browser's navigation: workspaces → projects → folders → files, search by name,
and recently deleted items with restore. Read through the service layer only."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from camunda_hub.server.console.access import runtime_of
from camunda_hub.server.console.model_access import require_viewer, service_errors, viewer_form
from camunda_hub.server.console.templating import render
from camunda_hub.server.services.hub import browsing, restoration

NOTICES = {"restored": "Restored."}
# Longer search text is refused rather than sent to the database as a giant pattern.
MAX_QUERY = 200


async def workspaces_page(request: Request) -> Response:
    viewer = await require_viewer(request)
    async with runtime_of(request).db.session() as db:
        page = await browsing.workspace_list(db, viewer.principal)
    return render(
        request,
        "models_workspaces.html",
        nav="models",
        org=viewer.org_path,
        workspaces=page.rows,
        more=page.total_items > len(page.rows),
    )


async def workspace_page(request: Request) -> Response:
    viewer = await require_viewer(request)
    async with runtime_of(request).db.session() as db, service_errors():
        workspace, projects = await browsing.workspace(
            db, viewer.principal, request.path_params["key"]
        )
    return render(
        request,
        "models_workspace.html",
        nav="models",
        org=viewer.org_path,
        workspace=workspace,
        projects=projects,
    )


async def project_page(request: Request) -> Response:
    viewer = await require_viewer(request)
    async with runtime_of(request).db.session() as db, service_errors():
        project, workspace, folders, files = await browsing.project(
            db, viewer.principal, request.path_params["key"]
        )
        snapshots = await browsing.project_snapshots(db, viewer.principal, project.key)
    return render(
        request,
        "models_project.html",
        nav="models",
        org=viewer.org_path,
        project=project,
        crumbs=[browsing.Crumb("workspace", workspace.key, workspace.name)],
        folders=folders,
        files=files,
        snapshots=snapshots,
    )


async def folder_page(request: Request) -> Response:
    viewer = await require_viewer(request)
    async with runtime_of(request).db.session() as db, service_errors():
        folder, folders, files = await browsing.folder(
            db, viewer.principal, request.path_params["key"]
        )
        crumbs = await browsing.folder_trail(db, viewer.principal, folder)
    return render(
        request,
        "models_folder.html",
        nav="models",
        org=viewer.org_path,
        folder=folder,
        crumbs=crumbs[:-1],
        folders=folders,
        files=files,
    )


async def search_page(request: Request) -> Response:
    viewer = await require_viewer(request)
    text = request.query_params.get("q", "").strip()
    error = None
    results: list[browsing.Found] = []
    if len(text) > MAX_QUERY:
        error = f"Search for at most {MAX_QUERY} characters."
    elif text:
        async with runtime_of(request).db.session() as db, service_errors():
            results = await browsing.search_by_name(db, viewer.principal, text)
    return render(
        request,
        "models_search.html",
        400 if error else 200,
        nav="models",
        org=viewer.org_path,
        q=text,
        results=results,
        searched=bool(text) and not error,
        error=error,
    )


async def deleted_page(request: Request) -> Response:
    viewer = await require_viewer(request)
    async with runtime_of(request).db.session() as db:
        deleted = await browsing.recently_deleted(db, viewer.principal)
    return render(
        request,
        "models_deleted.html",
        nav="models",
        org=viewer.org_path,
        deleted=deleted,
        notice=NOTICES.get(request.query_params.get("done", "")),
    )


async def restore(request: Request) -> Response:
    viewer, _form = await viewer_form(request)
    kind = request.path_params["kind"]
    async with runtime_of(request).db.transaction() as db, service_errors():
        await restoration.restore(
            db, viewer.principal, kind, request.path_params["key"], actor=viewer.who.actor
        )
    return RedirectResponse(f"{viewer.org_path}/recently-deleted?done=restored", 303)
