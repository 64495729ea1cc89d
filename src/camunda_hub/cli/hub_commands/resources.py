"""``camunda-hub workspaces|projects|folders …``: the Hub API containers from the command
line — list/get/create/update/delete, tables by default and ``--json`` for scripts.

Files and versions are in :mod:`file_resources`; what all of them print is in :mod:`rendering`."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from camunda_hub.cli.errors import EXIT_USAGE, fail
from camunda_hub.cli.hub_commands.output import print_fields, print_json, print_table
from camunda_hub.cli.hub_commands.rendering import (
    FOLDER_COLUMNS,
    AsJson,
    Limit,
    NamePattern,
    Permanent,
    command,
    delete,
    exclusive,
    folder_row,
    given,
    hub_session,
    moved,
    name_filter,
    print_container,
    print_list,
    print_result,
    raws,
    take,
)

workspaces_app = typer.Typer(help="Workspaces of your organization.", no_args_is_help=True)
projects_app = typer.Typer(
    help="Projects (process applications) in workspaces.", no_args_is_help=True
)
folders_app = typer.Typer(help="Folders inside projects.", no_args_is_help=True)


# -- workspaces --------------------------------------------------------------------------------
@command(workspaces_app, "list")
def workspaces_list(name: NamePattern = None, limit: Limit = None, as_json: AsJson = False) -> None:
    """List workspaces."""
    with hub_session() as hub:
        items = take(hub.workspaces.iterate(name=name_filter(name), sort="name"), limit)
    print_list(
        items,
        as_json,
        ("key", "name", "description", "updated"),
        lambda w: (w.workspace_key, w.name, w.description, w.updated),
        "Workspaces",
    )


@command(workspaces_app, "get")
def workspaces_get(
    key: Annotated[str, typer.Argument(help="Workspace key.")], as_json: AsJson = False
) -> None:
    """Show a workspace and its projects."""
    with hub_session() as hub:
        detail = hub.workspaces.get(key)
    w = detail.workspace
    if as_json:
        print_json({"workspace": dict(w.raw), "content": {"projects": raws(detail.projects)}})
        return
    print_fields(
        {
            "key": w.workspace_key,
            "name": w.name,
            "description": w.description,
            "created": w.created,
            "created by": w.created_by,
            "updated": w.updated,
            "updated by": w.updated_by,
        },
        title="Workspace",
    )
    print_table(
        ("key", "name", "updated"),
        [(p.project_key, p.name, p.updated) for p in detail.projects],
        title="Projects",
    )


@command(workspaces_app, "create")
def workspaces_create(
    name: Annotated[str, typer.Option("--name", help="Workspace name.")],
    description: Annotated[
        str | None, typer.Option("--description", help="What it is for.")
    ] = None,
    as_json: AsJson = False,
) -> None:
    """Create a workspace; prints its key."""
    with hub_session() as hub:
        created = hub.workspaces.create(name, description)
    print_result(created, as_json, created.workspace_key)


@command(workspaces_app, "update")
def workspaces_update(
    key: Annotated[str, typer.Argument(help="Workspace key.")],
    name: Annotated[str | None, typer.Option("--name", help="New name.")] = None,
    description: Annotated[
        str | None, typer.Option("--description", help="New description.")
    ] = None,
    clear_description: Annotated[
        bool, typer.Option("--clear-description", help="Remove the description.")
    ] = False,
    as_json: AsJson = False,
) -> None:
    """Rename a workspace or change its description."""
    exclusive("--description", description is not None, "--clear-description", clear_description)
    new_description: Any = None if clear_description else given(description)
    with hub_session() as hub:
        updated = hub.workspaces.update(key, name=given(name), description=new_description)
    print_result(updated, as_json, f"workspace {updated.workspace_key} updated")


@command(workspaces_app, "delete")
def workspaces_delete(
    key: Annotated[str, typer.Argument(help="Workspace key.")], permanent: Permanent = False
) -> None:
    """Delete a workspace with everything in it (recoverable unless --permanent)."""
    delete("workspace", key, permanent, lambda hub: hub.workspaces)


# -- projects ----------------------------------------------------------------------------------
@command(projects_app, "list")
def projects_list(
    workspace: Annotated[
        str | None, typer.Option("--workspace", help="Only this workspace's projects.")
    ] = None,
    name: NamePattern = None,
    limit: Limit = None,
    as_json: AsJson = False,
) -> None:
    """List projects."""
    with hub_session() as hub:
        found = hub.projects.iterate(workspace_key=workspace, name=name_filter(name), sort="name")
        items = take(found, limit)
    print_list(
        items,
        as_json,
        ("key", "name", "workspace", "updated"),
        lambda p: (p.project_key, p.name, p.workspace_key, p.updated),
        "Projects",
    )


@command(projects_app, "get")
def projects_get(
    key: Annotated[str, typer.Argument(help="Project key.")], as_json: AsJson = False
) -> None:
    """Show a project and its top-level folders and files."""
    with hub_session() as hub:
        detail = hub.projects.get(key)
    p = detail.project
    fields = {
        "key": p.project_key,
        "name": p.name,
        "workspace": p.workspace_key,
        "created": p.created,
        "created by": p.created_by,
        "updated": p.updated,
        "updated by": p.updated_by,
    }
    print_container("project", p, fields, detail.folders, detail.files, as_json)


@command(projects_app, "create")
def projects_create(
    name: Annotated[str, typer.Option("--name", help="Project name.")],
    workspace: Annotated[str, typer.Option("--workspace", help="Workspace key.")],
    as_json: AsJson = False,
) -> None:
    """Create an empty project in a workspace; prints its key."""
    with hub_session() as hub:
        created = hub.projects.create(name, workspace)
    print_result(created, as_json, created.project_key)


@command(projects_app, "update")
def projects_update(
    key: Annotated[str, typer.Argument(help="Project key.")],
    name: Annotated[str | None, typer.Option("--name", help="New name.")] = None,
    workspace: Annotated[
        str | None, typer.Option("--workspace", help="Move to this workspace.")
    ] = None,
    as_json: AsJson = False,
) -> None:
    """Rename a project or move it to another workspace."""
    with hub_session() as hub:
        updated = hub.projects.update(key, name=given(name), workspace_key=given(workspace))
    print_result(updated, as_json, f"project {updated.project_key} updated")


@command(projects_app, "delete")
def projects_delete(
    key: Annotated[str, typer.Argument(help="Project key.")], permanent: Permanent = False
) -> None:
    """Delete a project with its folders and files (recoverable unless --permanent)."""
    delete("project", key, permanent, lambda hub: hub.projects)


# -- folders -----------------------------------------------------------------------------------
@command(folders_app, "list")
def folders_list(
    project: Annotated[
        str | None, typer.Option("--project", help="Folders at this project's root.")
    ] = None,
    parent: Annotated[
        str | None, typer.Option("--parent", help="Folders inside this folder.")
    ] = None,
    as_json: AsJson = False,
) -> None:
    """List the folders directly inside a project or a folder."""
    if (project is None) == (parent is None):
        fail("give exactly one of --project or --parent", EXIT_USAGE)
    with hub_session() as hub:
        items = (
            hub.projects.get(project).folders if project else hub.folders.get(str(parent)).folders
        )
    print_list(items, as_json, FOLDER_COLUMNS, folder_row, "Folders")


@command(folders_app, "get")
def folders_get(
    key: Annotated[str, typer.Argument(help="Folder key.")], as_json: AsJson = False
) -> None:
    """Show a folder and what it directly contains."""
    with hub_session() as hub:
        detail = hub.folders.get(key)
    f = detail.folder
    fields = {
        "key": f.folder_key,
        "name": f.name,
        "project": f.project_key,
        "parent": f.parent_folder_key,
        "created": f.created,
        "updated": f.updated,
        "updated by": f.updated_by,
    }
    print_container("folder", f, fields, detail.folders, detail.files, as_json)


@command(folders_app, "create")
def folders_create(
    name: Annotated[str, typer.Option("--name", help="Folder name.")],
    project: Annotated[str, typer.Option("--project", help="Project key.")],
    parent: Annotated[
        str | None, typer.Option("--parent", help="Parent folder key (default: project root).")
    ] = None,
    as_json: AsJson = False,
) -> None:
    """Create a folder; prints its key."""
    with hub_session() as hub:
        created = hub.folders.create(name, project, parent)
    print_result(created, as_json, created.folder_key)


@command(folders_app, "update")
def folders_update(
    key: Annotated[str, typer.Argument(help="Folder key.")],
    name: Annotated[str | None, typer.Option("--name", help="New name.")] = None,
    parent: Annotated[str | None, typer.Option("--parent", help="Move into this folder.")] = None,
    to_root: Annotated[bool, typer.Option("--to-root", help="Move to the project root.")] = False,
    as_json: AsJson = False,
) -> None:
    """Rename or move a folder."""
    exclusive("--parent", parent is not None, "--to-root", to_root)
    with hub_session() as hub:
        updated = hub.folders.update(
            key, name=given(name), parent_folder_key=moved(parent, to_root)
        )
    print_result(updated, as_json, f"folder {updated.folder_key} updated")


@command(folders_app, "delete")
def folders_delete(
    key: Annotated[str, typer.Argument(help="Folder key.")], permanent: Permanent = False
) -> None:
    """Delete a folder with its content (recoverable unless --permanent)."""
    delete("folder", key, permanent, lambda hub: hub.folders)
