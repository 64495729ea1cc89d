"""``camunda-hub push DIR --project KEY`` and ``camunda-hub pull --project KEY DIR``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from camunda_hub.cli.errors import EXIT_ERROR, EXIT_USAGE, fail
from camunda_hub.cli.hub_commands.connection import connection, with_connection
from camunda_hub.cli.hub_commands.failures import client_errors
from camunda_hub.cli.hub_commands.output import print_json, print_table
from camunda_hub.client.sync_state import SyncStateError
from camunda_hub.client.tree_plan import Outcome
from camunda_hub.client.tree_run import TreeProgress, TreeSyncResult

Project = Annotated[str, typer.Option("--project", help="Key of the Hub project to sync with.")]
DryRun = Annotated[
    bool, typer.Option("--dry-run", help="Only report what would happen; change nothing.")
]
AsJson = Annotated[bool, typer.Option("--json", help="Print the outcome as JSON.")]


@contextmanager
def _progress(label: str, quiet: bool) -> Iterator[TreeProgress | None]:
    console = Console(stderr=True)
    if quiet or not console.is_terminal:
        yield None
        return
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[path]}", style="dim"),
        console=console,
        transient=True,
    ) as bar:
        # The total is known once the SDK has listed both sides.
        task = bar.add_task(label, total=None, path="")
        yield lambda path, done, total: bar.update(task, completed=done, total=total, path=path)


def _report(outcomes: Sequence[Outcome], as_json: bool, dry_run: bool) -> None:
    counts = Counter(o.action for o in outcomes)
    if as_json:
        print_json(
            {
                "dryRun": dry_run,
                "summary": dict(counts),
                "files": [
                    {"path": o.path, "action": o.action, "detail": o.detail} for o in outcomes
                ],
            }
        )
    else:
        changes = [o for o in outcomes if o.action != "unchanged"]
        if changes:
            print_table(
                ("path", "outcome", "detail"),
                [(o.path, o.action, o.detail) for o in changes],
                title="Sync",
            )
        summary = (
            ", ".join(f"{n} {action}" for action, n in sorted(counts.items())) or "nothing to sync"
        )
        typer.echo(("dry run: " if dry_run else "") + summary)
    failed = counts.get("failed", 0)
    if failed:
        fail(f"{failed} file{'s' if failed != 1 else ''} could not be synced", EXIT_ERROR)
    conflicts = counts.get("conflict", 0)
    if conflicts:
        fail(
            f"{conflicts} conflict{'s' if conflicts != 1 else ''}: those files were left as they are",
            EXIT_ERROR,
        )


def _sync(folder: Path, project: str, dry_run: bool, as_json: bool, direction: str) -> None:
    result: TreeSyncResult | None = None
    with client_errors(), connection().client() as hub:
        try:
            with _progress(direction, as_json) as progress:
                if direction == "push":
                    result = hub.files.push_tree(
                        folder, project, dry_run=dry_run, progress=progress
                    )
                else:
                    result = hub.files.pull_tree(
                        project, folder, dry_run=dry_run, progress=progress
                    )
        except SyncStateError as exc:
            fail(str(exc), EXIT_USAGE)
        except OSError as exc:
            fail(f"{exc.strerror or exc}{f': {exc.filename}' if exc.filename else ''}", EXIT_ERROR)
    _report(result.outcomes, as_json, dry_run)


@with_connection
def push(
    folder: Annotated[
        Path,
        typer.Argument(
            help="Local folder of models.", exists=True, file_okay=False, resolve_path=True
        ),
    ],
    project: Project,
    dry_run: DryRun = False,
    as_json: AsJson = False,
) -> None:
    """Upload a folder tree of models into a project.

    Creates folders and files (.bpmn, .dmn, .form, .json, .md, .rpa), updates files changed
    here since the last sync, and reports conflicts instead of overwriting anything.
    """
    _sync(folder, project, dry_run, as_json, "push")


@with_connection
def pull(
    folder: Annotated[
        Path,
        typer.Argument(
            help="Local folder (created if missing).", file_okay=False, resolve_path=True
        ),
    ],
    project: Project,
    dry_run: DryRun = False,
    as_json: AsJson = False,
    watch: Annotated[
        bool,
        typer.Option(
            "--watch",
            help="Then apply each change made on the Hub as it happens, renames, moves and "
            "deletions included (Ctrl-C stops; --json prints one line per change).",
        ),
    ] = False,
) -> None:
    """Download a project's files into a local folder tree.

    Writes new files and files changed on the Hub since the last sync, and reports conflicts
    instead of overwriting local changes.
    """
    if not dry_run:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            fail(f"cannot create {folder}: {exc.strerror or exc}", EXIT_USAGE)
    if watch and not dry_run:
        from camunda_hub.cli.hub_commands import pull_watch

        pull_watch.watch(folder, project, as_json=as_json)
        return
    _sync(folder, project, dry_run, as_json, "pull")
