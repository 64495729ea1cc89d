"""``camunda-hub files|versions …``: Hub files and their versions from the command line —
tables by default and ``--json`` for scripts."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from camunda_hub.cli.errors import EXIT_ERROR, EXIT_USAGE, fail
from camunda_hub.cli.hub_commands.rendering import (
    FILE_COLUMNS,
    AsJson,
    Limit,
    NamePattern,
    Permanent,
    command,
    delete,
    exclusive,
    file_row,
    given,
    hub_session,
    moved,
    name_filter,
    print_content,
    print_deleted,
    print_list,
    print_one,
    print_result,
    read_model,
    take,
)
from camunda_hub.client import model_files
from camunda_hub.client.filters import FilterValue, after, all_of, before, build_filter, is_in
from camunda_hub.client.sync_state import write_atomic

files_app = typer.Typer(
    help="Files (BPMN, DMN, forms, element templates, …).", no_args_is_help=True
)
versions_app = typer.Typer(help="Versions (content snapshots) of one file.", no_args_is_help=True)


# -- files -------------------------------------------------------------------------------------
@command(files_app, "list")
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
    with hub_session() as hub:
        items = take(hub.files.iterate(project_key=project, folder_key=folder, sort="name"), limit)
    print_list(items, as_json, FILE_COLUMNS, file_row, "Files")


@command(files_app, "search")
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
        "name": name_filter(name),
        "type": (file_type[0] if len(file_type) == 1 else is_in(*file_type)) if file_type else None,
        "project_key": project,
        "folder_key": folder,
        "created_by": created_by,
        "updated_by": updated_by,
        "updated": _range(updated_after, updated_before),
        "created": _range(created_after, created_before),
    }
    with hub_session() as hub:
        items = take(hub.files.iterate(build_filter(None, **fields), sort=sort or "name"), limit)
    print_list(items, as_json, FILE_COLUMNS, file_row, "Files")


def _range(start: str | None, end: str | None) -> dict[str, Any] | None:
    conditions = [after(start)] if start else []
    conditions += [before(end)] if end else []
    return all_of(*conditions) if conditions else None


@command(files_app, "get")
def files_get(
    key: Annotated[str, typer.Argument(help="File key.")],
    content: Annotated[bool, typer.Option("--content", help="Print only the content.")] = False,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the content to this file.")
    ] = None,
    as_json: AsJson = False,
) -> None:
    """Show a file (metadata, or its content with --content / --output)."""
    with hub_session() as hub:
        found = hub.files.get(key)
    if output is not None:
        try:
            write_atomic(output, found.content or "")
        except OSError as exc:
            fail(f"cannot write {output}: {exc.strerror or exc}", EXIT_ERROR)
        typer.echo(f"wrote {output} (revision {found.revision})", err=True)
        return
    if content:
        print_content(found.content)
        return
    fields = {
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
    }
    print_one(found, as_json, fields, "File")


@command(files_app, "create")
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
    text = read_model(path)
    kind = file_type or model_files.file_type(path.name, text)
    if kind is None:
        fail(f"cannot tell the Hub file type of {path.name}: pass --type", EXIT_USAGE)
    with hub_session() as hub:
        created = hub.files.create(
            name or model_files.hub_name(path.name), project, kind, text, folder
        )
    print_result(created, as_json, created.file_key)


@command(files_app, "update")
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
    exclusive("--folder", folder is not None, "--to-root", to_root)
    from camunda_hub.client import UNSET

    new_content: Any = read_model(content_file) if content_file is not None else UNSET
    with hub_session() as hub:
        updated = hub.files.update(
            key,
            revision=revision,
            name=given(name),
            content=new_content,
            folder_key=moved(folder, to_root),
        )
    print_result(updated, as_json, f"file {updated.file_key} updated (revision {updated.revision})")


@command(files_app, "delete")
def files_delete(
    key: Annotated[str, typer.Argument(help="File key.")], permanent: Permanent = False
) -> None:
    """Delete a file (recoverable unless --permanent)."""
    delete("file", key, permanent, lambda hub: hub.files)


# -- versions ----------------------------------------------------------------------------------
@command(versions_app, "list")
def versions_list(
    file: Annotated[str, typer.Option("--file", help="File key.")],
    name: NamePattern = None,
    limit: Limit = None,
    as_json: AsJson = False,
) -> None:
    """List the versions of a file, newest first."""
    with hub_session() as hub:
        items = take(hub.versions.iterate(file, name=name_filter(name), sort="-created"), limit)
    print_list(
        items,
        as_json,
        ("key", "name", "description", "created", "created by"),
        lambda v: (v.version_key, v.name, v.description, v.created, v.created_by),
        "Versions",
    )


@command(versions_app, "get")
def versions_get(
    key: Annotated[str, typer.Argument(help="Version key.")],
    content: Annotated[bool, typer.Option("--content", help="Print only the content.")] = False,
    as_json: AsJson = False,
) -> None:
    """Show a version (or its content)."""
    with hub_session() as hub:
        found = hub.versions.get(key)
    if content:
        print_content(found.content)
        return
    fields = {
        "key": found.version_key,
        "name": found.name,
        "description": found.description,
        "file": found.file_key,
        "organization public": found.organization_public,
        "created": found.created,
        "created by": found.created_by,
    }
    print_one(found, as_json, fields, "Version")


@command(versions_app, "create")
def versions_create(
    file: Annotated[str, typer.Option("--file", help="File key.")],
    name: Annotated[str, typer.Option("--name", help="Version name.")],
    description: Annotated[str | None, typer.Option("--description", help="What changed.")] = None,
    as_json: AsJson = False,
) -> None:
    """Snapshot a file's current content as a version; prints its key."""
    with hub_session() as hub:
        created = hub.versions.create(file, name, description)
    print_result(created, as_json, created.version_key)


@command(versions_app, "update")
def versions_update(
    key: Annotated[str, typer.Argument(help="Version key.")],
    name: Annotated[str, typer.Option("--name", help="Version name.")],
    description: Annotated[
        str | None, typer.Option("--description", help="New description.")
    ] = None,
    as_json: AsJson = False,
) -> None:
    """Rename a version or change its description."""
    with hub_session() as hub:
        updated = hub.versions.update(key, name=name, description=given(description))
    print_result(updated, as_json, f"version {updated.version_key} updated")


@command(versions_app, "delete")
def versions_delete(key: Annotated[str, typer.Argument(help="Version key.")]) -> None:
    """Delete a version."""
    with hub_session() as hub:
        hub.versions.delete(key)
    print_deleted("version", key, False)


@command(versions_app, "restore")
def versions_restore(
    key: Annotated[str, typer.Argument(help="Version key.")], as_json: AsJson = False
) -> None:
    """Write a version's content back to its file (this makes a new version)."""
    with hub_session() as hub:
        restored = hub.versions.restore(key)
    print_result(restored, as_json, f"restored; new version {restored.version_key}")
