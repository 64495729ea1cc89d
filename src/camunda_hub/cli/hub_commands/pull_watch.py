"""``camunda-hub pull DIR --watch``: pull once, then apply each change the feed reports about
the project (only the files it names are fetched; ``hub.files.watch_tree``). A full pull
happens again only when the feed cannot say what changed, and the console says so."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from camunda_hub.cli.errors import EXIT_ERROR, EXIT_USAGE, fail
from camunda_hub.cli.hub_commands.connection import connection
from camunda_hub.cli.hub_commands.failures import client_errors
from camunda_hub.cli.hub_commands.output import print_table
from camunda_hub.client.sync_state import SyncStateError
from camunda_hub.client.tree_watch import WatchUpdate


def _show(update: WatchUpdate, as_json: bool) -> None:
    if update.retrying is not None:
        typer.echo(f"The Hub cannot be reached: {update.retrying}", err=True)
        return
    if as_json:
        line = {
            "after": update.after,
            "fullPull": update.full_pull,
            "stopped": update.stopped,
            "events": [event.sequence for event in update.events],
            "files": [
                {"path": o.path, "action": o.action, "detail": o.detail} for o in update.outcomes
            ],
        }
        typer.echo(json.dumps(line, separators=(",", ":")))
        return
    if update.full_pull is not None and update.full_pull != "first pull":
        typer.echo(f"Pulling the whole project: {update.full_pull}", err=True)
    changes = [o for o in update.outcomes if o.action != "unchanged"]
    if changes:
        print_table(("path", "outcome", "detail"), [(o.path, o.action, o.detail) for o in changes])
    elif update.full_pull is not None:
        typer.echo("nothing to sync")


def watch(folder: Path, project_key: str, *, as_json: bool) -> None:
    """Follow the project until Ctrl-C, or until it is deleted on the Hub (exit 1)."""
    with client_errors(), connection().client() as hub:
        try:
            for update in hub.files.watch_tree(project_key, folder):
                _show(update, as_json)
                if update.stopped is not None:
                    fail(f"stopped watching: {update.stopped}", EXIT_ERROR)
                if update.full_pull == "first pull" and not as_json:
                    typer.echo("Watching for changes on the Hub (Ctrl-C to stop) …", err=True)
        except KeyboardInterrupt:
            return
        except SyncStateError as exc:
            fail(str(exc), EXIT_USAGE)
        except OSError as exc:
            fail(f"{exc.strerror or exc}{f': {exc.filename}' if exc.filename else ''}", EXIT_ERROR)
