"""``camunda-hub workspaces|projects|folders|files|versions …``: the Hub API resources from the
command line — list/get/create/update/delete, tables by default and ``--json`` for scripts."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from camunda_hub.cli.client_commands import model_files
from camunda_hub.cli.client_commands.connection import connection, with_connection
from camunda_hub.cli.client_commands.failures import client_errors
from camunda_hub.cli.client_commands.output import print_fields, print_json, print_table
from camunda_hub.cli.client_commands.sync_state import write_atomic
from camunda_hub.cli.errors import EXIT_ERROR, EXIT_USAGE, fail
from camunda_hub.client import UNSET
from camunda_hub.client.filters import (
    FilterValue,
    after,
    all_of,
    before,
    build_filter,
    is_in,
    like,
)
from camunda_hub.client.models import File, Folder, Version, Workspace

workspaces_app = typer.Typer(help="Workspaces of your organization.", no_args_is_help=True)
projects_app = typer.Typer(
    help="Projects (process applications) in workspaces.", no_args_is_help=True
)
folders_app = typer.Typer(help="Folders inside projects.", no_args_is_help=True)
files_app = typer.Typer(
    help="Files (BPMN, DMN, forms, element templates, …).", no_args_is_help=True
)
versions_app = typer.Typer(help="Versions (content snapshots) of one file.", no_args_is_help=True)

AsJson = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
Permanent = Annotated[
    bool, typer.Option("--permanent", help="Delete for good instead of moving to recently deleted.")
]
Limit = Annotated[int | None, typer.Option("--limit", min=1, help="Stop after this many results.")]
NamePattern = Annotated[
    str | None, typer.Option("--name", help="Name filter; * and ? are wildcards.")
]


def _take(items: Any, limit: int | None) -> list[Any]:
    result: list[Any] = []
    for item in items:
        if limit is not None and len(result) >= limit:
            break
        result.append(item)
    return result


def _deleted(kind: str, key: str, permanent: bool) -> None:
    typer.echo(f"{kind} {key} {'permanently deleted' if permanent else 'deleted'}")


# -- workspaces --------------------------------------------------------------------------------
def _workspace_rows(items: list[Workspace]) -> list[tuple[Any, ...]]:
    return [(w.workspace_key, w.name, w.description, w.updated) for w in items]


@workspaces_app.command("list")
@with_connection
def workspaces_list(name: NamePattern = None, limit: Limit = None, as_json: AsJson = False) -> None:
    """List workspaces."""
    with client_errors(), connection().client() as hub:
        items = _take(hub.workspaces.iterate(name=like(name) if name else None, sort="name"), limit)
    if as_json:
        print_json([dict(w.raw) for w in items])
    else:
        print_table(
            ("key", "name", "description", "updated"), _workspace_rows(items), title="Workspaces"
        )


@workspaces_app.command("get")
@with_connection
def workspaces_get(
    key: Annotated[str, typer.Argument(help="Workspace key.")], as_json: AsJson = False
) -> None:
    """Show a workspace and its projects."""
    with client_errors(), connection().client() as hub:
        detail = hub.workspaces.get(key)
    if as_json:
        print_json(
            {
                "workspace": dict(detail.workspace.raw),
                "content": {"projects": [dict(p.raw) for p in detail.projects]},
            }
        )
        return
    w = detail.workspace
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


@workspaces_app.command("create")
@with_connection
def workspaces_create(
    name: Annotated[str, typer.Option("--name", help="Workspace name.")],
    description: Annotated[
        str | None, typer.Option("--description", help="What it is for.")
    ] = None,
    as_json: AsJson = False,
) -> None:
    """Create a workspace; prints its key."""
    with client_errors(), connection().client() as hub:
        created = hub.workspaces.create(name, description)
    if as_json:
        print_json(dict(created.raw))
    else:
        typer.echo(created.workspace_key)


@workspaces_app.command("update")
@with_connection
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
    if clear_description and description is not None:
        fail("--description and --clear-description exclude each other", EXIT_USAGE)
    new_description: Any = (
        None if clear_description else (description if description is not None else UNSET)
    )
    with client_errors(), connection().client() as hub:
        updated = hub.workspaces.update(
            key, name=name if name is not None else UNSET, description=new_description
        )
    if as_json:
        print_json(dict(updated.raw))
    else:
        typer.echo(f"workspace {updated.workspace_key} updated")


@workspaces_app.command("delete")
@with_connection
def workspaces_delete(
    key: Annotated[str, typer.Argument(help="Workspace key.")], permanent: Permanent = False
) -> None:
    """Delete a workspace with everything in it (recoverable unless --permanent)."""
    with client_errors(), connection().client() as hub:
        hub.workspaces.delete(key, permanent=permanent)
    _deleted("workspace", key, permanent)


# -- projects ----------------------------------------------------------------------------------
@projects_app.command("list")
@with_connection
def projects_list(
    workspace: Annotated[
        str | None, typer.Option("--workspace", help="Only this workspace's projects.")
    ] = None,
    name: NamePattern = None,
    limit: Limit = None,
    as_json: AsJson = False,
) -> None:
    """List projects."""
    with client_errors(), connection().client() as hub:
        items = _take(
            hub.projects.iterate(
                workspace_key=workspace, name=like(name) if name else None, sort="name"
            ),
            limit,
        )
    if as_json:
        print_json([dict(p.raw) for p in items])
    else:
        print_table(
            ("key", "name", "workspace", "updated"),
            [(p.project_key, p.name, p.workspace_key, p.updated) for p in items],
            title="Projects",
        )


def _folder_rows(items: list[Folder]) -> list[tuple[Any, ...]]:
    return [(f.folder_key, f.name, f.updated) for f in items]


def _file_rows(items: list[File]) -> list[tuple[Any, ...]]:
    return [(f.file_key, f.simple_path or f.name, f.type, f.revision, f.updated) for f in items]


FILE_COLUMNS = ("key", "path", "type", "revision", "updated")


@projects_app.command("get")
@with_connection
def projects_get(
    key: Annotated[str, typer.Argument(help="Project key.")], as_json: AsJson = False
) -> None:
    """Show a project and its top-level folders and files."""
    with client_errors(), connection().client() as hub:
        detail = hub.projects.get(key)
    if as_json:
        print_json(
            {
                "project": dict(detail.project.raw),
                "content": {
                    "folders": [dict(f.raw) for f in detail.folders],
                    "files": [dict(f.raw) for f in detail.files],
                },
            }
        )
        return
    p = detail.project
    print_fields(
        {
            "key": p.project_key,
            "name": p.name,
            "workspace": p.workspace_key,
            "created": p.created,
            "created by": p.created_by,
            "updated": p.updated,
            "updated by": p.updated_by,
        },
        title="Project",
    )
    print_table(("key", "name", "updated"), _folder_rows(detail.folders), title="Folders")
    print_table(FILE_COLUMNS, _file_rows(detail.files), title="Files")


@projects_app.command("create")
@with_connection
def projects_create(
    name: Annotated[str, typer.Option("--name", help="Project name.")],
    workspace: Annotated[str, typer.Option("--workspace", help="Workspace key.")],
    as_json: AsJson = False,
) -> None:
    """Create an empty project in a workspace; prints its key."""
    with client_errors(), connection().client() as hub:
        created = hub.projects.create(name, workspace)
    if as_json:
        print_json(dict(created.raw))
    else:
        typer.echo(created.project_key)


@projects_app.command("update")
@with_connection
def projects_update(
    key: Annotated[str, typer.Argument(help="Project key.")],
    name: Annotated[str | None, typer.Option("--name", help="New name.")] = None,
    workspace: Annotated[
        str | None, typer.Option("--workspace", help="Move to this workspace.")
    ] = None,
    as_json: AsJson = False,
) -> None:
    """Rename a project or move it to another workspace."""
    with client_errors(), connection().client() as hub:
        updated = hub.projects.update(
            key,
            name=name if name is not None else UNSET,
            workspace_key=workspace if workspace is not None else UNSET,
        )
    if as_json:
        print_json(dict(updated.raw))
    else:
        typer.echo(f"project {updated.project_key} updated")


@projects_app.command("delete")
@with_connection
def projects_delete(
    key: Annotated[str, typer.Argument(help="Project key.")], permanent: Permanent = False
) -> None:
    """Delete a project with its folders and files (recoverable unless --permanent)."""
    with client_errors(), connection().client() as hub:
        hub.projects.delete(key, permanent=permanent)
    _deleted("project", key, permanent)


# -- folders -----------------------------------------------------------------------------------
@folders_app.command("list")
@with_connection
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
    with client_errors(), connection().client() as hub:
        items = (
            hub.projects.get(project).folders if project else hub.folders.get(str(parent)).folders
        )
    if as_json:
        print_json([dict(f.raw) for f in items])
    else:
        print_table(("key", "name", "updated"), _folder_rows(items), title="Folders")


@folders_app.command("get")
@with_connection
def folders_get(
    key: Annotated[str, typer.Argument(help="Folder key.")], as_json: AsJson = False
) -> None:
    """Show a folder and what it directly contains."""
    with client_errors(), connection().client() as hub:
        detail = hub.folders.get(key)
    if as_json:
        print_json(
            {
                "folder": dict(detail.folder.raw),
                "content": {
                    "folders": [dict(f.raw) for f in detail.folders],
                    "files": [dict(f.raw) for f in detail.files],
                },
            }
        )
        return
    f = detail.folder
    print_fields(
        {
            "key": f.folder_key,
            "name": f.name,
            "project": f.project_key,
            "parent": f.parent_folder_key,
            "created": f.created,
            "updated": f.updated,
            "updated by": f.updated_by,
        },
        title="Folder",
    )
    print_table(("key", "name", "updated"), _folder_rows(detail.folders), title="Folders")
    print_table(FILE_COLUMNS, _file_rows(detail.files), title="Files")


@folders_app.command("create")
@with_connection
def folders_create(
    name: Annotated[str, typer.Option("--name", help="Folder name.")],
    project: Annotated[str, typer.Option("--project", help="Project key.")],
    parent: Annotated[
        str | None, typer.Option("--parent", help="Parent folder key (default: project root).")
    ] = None,
    as_json: AsJson = False,
) -> None:
    """Create a folder; prints its key."""
    with client_errors(), connection().client() as hub:
        created = hub.folders.create(name, project, parent)
    if as_json:
        print_json(dict(created.raw))
    else:
        typer.echo(created.folder_key)


@folders_app.command("update")
@with_connection
def folders_update(
    key: Annotated[str, typer.Argument(help="Folder key.")],
    name: Annotated[str | None, typer.Option("--name", help="New name.")] = None,
    parent: Annotated[str | None, typer.Option("--parent", help="Move into this folder.")] = None,
    to_root: Annotated[bool, typer.Option("--to-root", help="Move to the project root.")] = False,
    as_json: AsJson = False,
) -> None:
    """Rename or move a folder."""
    if to_root and parent is not None:
        fail("--parent and --to-root exclude each other", EXIT_USAGE)
    new_parent: Any = None if to_root else (parent if parent is not None else UNSET)
    with client_errors(), connection().client() as hub:
        updated = hub.folders.update(
            key, name=name if name is not None else UNSET, parent_folder_key=new_parent
        )
    if as_json:
        print_json(dict(updated.raw))
    else:
        typer.echo(f"folder {updated.folder_key} updated")


@folders_app.command("delete")
@with_connection
def folders_delete(
    key: Annotated[str, typer.Argument(help="Folder key.")], permanent: Permanent = False
) -> None:
    """Delete a folder with its content (recoverable unless --permanent)."""
    with client_errors(), connection().client() as hub:
        hub.folders.delete(key, permanent=permanent)
    _deleted("folder", key, permanent)


# -- files -------------------------------------------------------------------------------------
def _print_files(items: list[File], as_json: bool) -> None:
    if as_json:
        print_json([dict(f.raw) for f in items])
    else:
        print_table(FILE_COLUMNS, _file_rows(items), title="Files")


@files_app.command("list")
@with_connection
def files_list(
    project: Annotated[
        str | None, typer.Option("--project", help="Only files of this project.")
    ] = None,
    folder: Annotated[
        str | None, typer.Option("--folder", help="Only files directly in this folder.")
    ] = None,
    limit: Limit = None,
    as_json: AsJson = False,
) -> None:
    """List files (all of the organization, or of one project or folder)."""
    with client_errors(), connection().client() as hub:
        items = _take(hub.files.iterate(project_key=project, folder_key=folder, sort="name"), limit)
    _print_files(items, as_json)


@files_app.command("search")
@with_connection
def files_search(
    name: NamePattern = None,
    file_type: Annotated[
        list[str] | None,
        typer.Option(
            "--type",
            help="bpmn, dmn, form, element-template, rpa, markdown, tests; repeat for several.",
        ),
    ] = None,
    project: Annotated[str | None, typer.Option("--project", help="Project key.")] = None,
    folder: Annotated[str | None, typer.Option("--folder", help="Folder key.")] = None,
    created_by: Annotated[str | None, typer.Option("--created-by", help="Creator's email.")] = None,
    updated_by: Annotated[
        str | None, typer.Option("--updated-by", help="Last editor's email.")
    ] = None,
    updated_after: Annotated[
        str | None, typer.Option("--updated-after", help="ISO 8601 date/time.")
    ] = None,
    updated_before: Annotated[
        str | None, typer.Option("--updated-before", help="ISO 8601 date/time.")
    ] = None,
    created_after: Annotated[
        str | None, typer.Option("--created-after", help="ISO 8601 date/time.")
    ] = None,
    created_before: Annotated[
        str | None, typer.Option("--created-before", help="ISO 8601 date/time.")
    ] = None,
    sort: Annotated[
        list[str] | None,
        typer.Option("--sort", help="name, type, created or updated; prefix - for descending."),
    ] = None,
    limit: Limit = None,
    as_json: AsJson = False,
) -> None:
    """Search files with the Hub filter language."""
    fields: dict[str, FilterValue | None] = {
        "name": like(name) if name else None,
        "type": (file_type[0] if len(file_type) == 1 else is_in(*file_type)) if file_type else None,
        "project_key": project,
        "folder_key": folder,
        "created_by": created_by,
        "updated_by": updated_by,
        "updated": _range(updated_after, updated_before),
        "created": _range(created_after, created_before),
    }
    with client_errors(), connection().client() as hub:
        items = _take(hub.files.iterate(build_filter(None, **fields), sort=sort or "name"), limit)
    _print_files(items, as_json)


def _range(start: str | None, end: str | None) -> dict[str, Any] | None:
    conditions = [after(start)] if start else []
    conditions += [before(end)] if end else []
    return all_of(*conditions) if conditions else None


@files_app.command("get")
@with_connection
def files_get(
    key: Annotated[str, typer.Argument(help="File key.")],
    content: Annotated[bool, typer.Option("--content", help="Print only the content.")] = False,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the content to this file.")
    ] = None,
    as_json: AsJson = False,
) -> None:
    """Show a file (metadata, or its content with --content / --output)."""
    with client_errors(), connection().client() as hub:
        found = hub.files.get(key)
    if output is not None:
        try:
            write_atomic(output, found.content or "")
        except OSError as exc:
            fail(f"cannot write {output}: {exc.strerror or exc}", EXIT_ERROR)
        typer.echo(f"wrote {output} (revision {found.revision})", err=True)
    elif content:
        sys.stdout.write(found.content or "")
        sys.stdout.flush()
    elif as_json:
        print_json(dict(found.raw))
    else:
        print_fields(
            {
                "key": found.file_key,
                "name": found.name,
                "type": found.type,
                "path": found.simple_path,
                "project": found.project_key,
                "folder": found.folder_key,
                "revision": found.revision,
                "size": f"{len((found.content or '').encode())} bytes",
                "created": found.created,
                "created by": found.created_by,
                "updated": found.updated,
                "updated by": found.updated_by,
            },
            title="File",
        )


def _read_model(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        fail(f"{path} does not exist", EXIT_USAGE)
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"cannot read {path}: {exc}", EXIT_USAGE)
    if not text:
        fail(f"{path} is empty: the Hub does not keep empty files", EXIT_USAGE)
    return text


@files_app.command("create")
@with_connection
def files_create(
    path: Annotated[
        Path, typer.Argument(help="Local file to upload (.bpmn, .dmn, .form, .json, .md, .rpa).")
    ],
    project: Annotated[str, typer.Option("--project", help="Project key.")],
    folder: Annotated[
        str | None, typer.Option("--folder", help="Folder key (default: project root).")
    ] = None,
    name: Annotated[
        str | None,
        typer.Option("--name", help="File name (default: the local name without extension)."),
    ] = None,
    file_type: Annotated[
        str | None, typer.Option("--type", help="Hub file type (default: from the extension).")
    ] = None,
    as_json: AsJson = False,
) -> None:
    """Upload a local file as a new Hub file; prints its key."""
    text = _read_model(path)
    kind = file_type or model_files.file_type(path.name, text)
    if kind is None:
        fail(f"cannot tell the Hub file type of {path.name}: pass --type", EXIT_USAGE)
    with client_errors(), connection().client() as hub:
        created = hub.files.create(
            name or model_files.hub_name(path.name), project, kind, text, folder
        )
    if as_json:
        print_json(dict(created.raw))
    else:
        typer.echo(created.file_key)


@files_app.command("update")
@with_connection
def files_update(
    key: Annotated[str, typer.Argument(help="File key.")],
    revision: Annotated[
        int,
        typer.Option(
            "--revision",
            help="The revision you last read; a newer one on the server is a conflict.",
        ),
    ],
    content_file: Annotated[
        Path | None, typer.Option("--content-file", help="New content from this local file.")
    ] = None,
    name: Annotated[str | None, typer.Option("--name", help="New name.")] = None,
    folder: Annotated[str | None, typer.Option("--folder", help="Move into this folder.")] = None,
    to_root: Annotated[bool, typer.Option("--to-root", help="Move to the project root.")] = False,
    as_json: AsJson = False,
) -> None:
    """Change a file's content, name or folder (optimistic locking with --revision)."""
    if to_root and folder is not None:
        fail("--folder and --to-root exclude each other", EXIT_USAGE)
    new_content: Any = _read_model(content_file) if content_file is not None else UNSET
    new_folder: Any = None if to_root else (folder if folder is not None else UNSET)
    with client_errors(), connection().client() as hub:
        updated = hub.files.update(
            key,
            revision=revision,
            name=name if name is not None else UNSET,
            content=new_content,
            folder_key=new_folder,
        )
    if as_json:
        print_json(dict(updated.raw))
    else:
        typer.echo(f"file {updated.file_key} updated (revision {updated.revision})")


@files_app.command("delete")
@with_connection
def files_delete(
    key: Annotated[str, typer.Argument(help="File key.")], permanent: Permanent = False
) -> None:
    """Delete a file (recoverable unless --permanent)."""
    with client_errors(), connection().client() as hub:
        hub.files.delete(key, permanent=permanent)
    _deleted("file", key, permanent)


# -- versions ----------------------------------------------------------------------------------
def _version_rows(items: list[Version]) -> list[tuple[Any, ...]]:
    return [(v.version_key, v.name, v.description, v.created, v.created_by) for v in items]


@versions_app.command("list")
@with_connection
def versions_list(
    file: Annotated[str, typer.Option("--file", help="File key.")],
    name: NamePattern = None,
    limit: Limit = None,
    as_json: AsJson = False,
) -> None:
    """List the versions of a file, newest first."""
    with client_errors(), connection().client() as hub:
        items = _take(
            hub.versions.iterate(file, name=like(name) if name else None, sort="-created"), limit
        )
    if as_json:
        print_json([dict(v.raw) for v in items])
    else:
        print_table(
            ("key", "name", "description", "created", "created by"),
            _version_rows(items),
            title="Versions",
        )


@versions_app.command("get")
@with_connection
def versions_get(
    key: Annotated[str, typer.Argument(help="Version key.")],
    content: Annotated[bool, typer.Option("--content", help="Print only the content.")] = False,
    as_json: AsJson = False,
) -> None:
    """Show a version (or its content)."""
    with client_errors(), connection().client() as hub:
        found = hub.versions.get(key)
    if content:
        sys.stdout.write(found.content or "")
        sys.stdout.flush()
    elif as_json:
        print_json(dict(found.raw))
    else:
        print_fields(
            {
                "key": found.version_key,
                "name": found.name,
                "description": found.description,
                "file": found.file_key,
                "organization public": found.organization_public,
                "created": found.created,
                "created by": found.created_by,
            },
            title="Version",
        )


@versions_app.command("create")
@with_connection
def versions_create(
    file: Annotated[str, typer.Option("--file", help="File key.")],
    name: Annotated[str, typer.Option("--name", help="Version name.")],
    description: Annotated[str | None, typer.Option("--description", help="What changed.")] = None,
    as_json: AsJson = False,
) -> None:
    """Snapshot a file's current content as a version; prints its key."""
    with client_errors(), connection().client() as hub:
        created = hub.versions.create(file, name, description)
    if as_json:
        print_json(dict(created.raw))
    else:
        typer.echo(created.version_key)


@versions_app.command("update")
@with_connection
def versions_update(
    key: Annotated[str, typer.Argument(help="Version key.")],
    name: Annotated[str, typer.Option("--name", help="Version name.")],
    description: Annotated[
        str | None, typer.Option("--description", help="New description.")
    ] = None,
    as_json: AsJson = False,
) -> None:
    """Rename a version or change its description."""
    with client_errors(), connection().client() as hub:
        updated = hub.versions.update(
            key, name=name, description=description if description is not None else UNSET
        )
    if as_json:
        print_json(dict(updated.raw))
    else:
        typer.echo(f"version {updated.version_key} updated")


@versions_app.command("delete")
@with_connection
def versions_delete(key: Annotated[str, typer.Argument(help="Version key.")]) -> None:
    """Delete a version."""
    with client_errors(), connection().client() as hub:
        hub.versions.delete(key)
    _deleted("version", key, False)


@versions_app.command("restore")
@with_connection
def versions_restore(
    key: Annotated[str, typer.Argument(help="Version key.")], as_json: AsJson = False
) -> None:
    """Write a version's content back to its file (this makes a new version)."""
    with client_errors(), connection().client() as hub:
        restored = hub.versions.restore(key)
    if as_json:
        print_json(dict(restored.raw))
    else:
        typer.echo(f"restored; new version {restored.version_key}")
