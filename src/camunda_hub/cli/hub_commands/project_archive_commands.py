"""``camunda-hub export --project KEY FILE`` and ``camunda-hub import FILE`` (new project in a
workspace, or an update of a project by path): whole projects as one zip."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TransferSpeedColumn

from camunda_hub.cli.errors import EXIT_ERROR, EXIT_USAGE, fail
from camunda_hub.cli.hub_commands.connection import connection, with_connection
from camunda_hub.cli.hub_commands.failures import client_errors
from camunda_hub.cli.hub_commands.output import print_json, print_table
from camunda_hub.client.errors import ApiError

AsJson = Annotated[bool, typer.Option("--json", help="Print the outcome as JSON.")]


@contextmanager
def _bytes_progress(label: str, total: int | None, quiet: bool) -> Iterator[Callable[[int], None]]:
    console = Console(stderr=True)
    if quiet or not console.is_terminal:
        yield lambda _n: None
        return
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=total)
        yield lambda n: bar.update(task, advance=n)


@with_connection
def export_project(
    output: Annotated[Path, typer.Argument(help="The zip file to write.", dir_okay=False)],
    project: Annotated[str, typer.Option("--project", help="Key of the project to export.")],
    as_json: AsJson = False,
) -> None:
    """Download a project's live files as one zip (folders, typed extensions, manifest)."""
    with (
        client_errors(),
        connection().client() as hub,
        _bytes_progress("export", None, as_json) as advance,
    ):
        try:
            exported = hub.projects.export(project, output, progress=advance)
        except OSError as exc:
            fail(f"cannot write {output}: {exc.strerror or exc}", EXIT_USAGE)
    if as_json:
        print_json({"path": str(exported.path), "bytes": exported.size, "etag": exported.etag})
    else:
        typer.echo(f"exported project {project} to {exported.path} ({exported.size} bytes)")


@with_connection
def import_project(
    archive: Annotated[
        Path, typer.Argument(help="A project zip.", exists=True, dir_okay=False, readable=True)
    ],
    workspace: Annotated[
        str | None, typer.Option("--workspace", help="Create a new project in this workspace.")
    ] = None,
    name: Annotated[
        str | None, typer.Option("--name", help="Name of the new project (default: manifest's).")
    ] = None,
    project: Annotated[
        str | None, typer.Option("--project", help="Update this project by path instead.")
    ] = None,
    as_json: AsJson = False,
) -> None:
    """Upload a project zip: a new project (--workspace) or an update by path (--project)."""
    if (workspace is None) == (project is None):
        fail("give either --workspace (new project) or --project (update it)", EXIT_USAGE)
    with (
        client_errors(),
        connection().client() as hub,
        _bytes_progress("import", archive.stat().st_size, as_json) as advance,
    ):
        try:
            result = hub.projects.import_(
                archive,
                workspace_key=workspace,
                name=name,
                project_key=project,
                progress=advance,
            )
        except ApiError as exc:
            conflicts = exc.extra.get("conflicts") if exc.status == 409 else None
            if not isinstance(conflicts, list):
                raise
            if as_json:
                print_json({"conflicts": conflicts})
            else:
                print_table(
                    ("path", "hub revision", "archive revision", "reason"),
                    [
                        (c["path"], c["revision"], c.get("archiveRevision"), c["reason"])
                        for c in conflicts
                    ],
                    title="Conflicts",
                )
            fail(f"{len(conflicts)} conflict(s): nothing was imported", EXIT_ERROR)
    if as_json:
        print_json(
            {"projectKey": result.project_key, "summary": result.summary, "files": result.files}
        )
        return
    summary = ", ".join(f"{n} {what}" for what, n in result.summary.items())
    typer.echo(f"imported into project {result.project_key}: {summary}")
