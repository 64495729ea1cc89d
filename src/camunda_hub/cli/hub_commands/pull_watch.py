"""``camunda-hub pull DIR --watch``: after the first pull, the change feed says when to pull
again — only when an event concerns the project (its files, folders or the project itself),
instead of rescanning on a timer."""

from __future__ import annotations

from collections.abc import Callable

import typer

from camunda_hub.cli.hub_commands.connection import connection
from camunda_hub.cli.hub_commands.failures import client_errors

WATCHED_TYPES = ("file.", "folder.", "project.")


def concerns(event: object, project_key: str) -> bool:
    parents = getattr(event, "parents", {}) or {}
    return (
        parents.get("projectKey") == project_key
        or getattr(event, "resource_key", None) == project_key
        # A file moved out of the project: its old projectKey is in the changes.
        or any(
            isinstance(change, dict) and project_key in (change.get("old"), change.get("new"))
            for change in (getattr(event, "data", {}) or {}).get("changes", {}).values()
        )
    )


def watch(project_key: str, pull_again: Callable[[], None], *, quiet: bool) -> None:
    """Pull again whenever a batch of events touches the project; Ctrl-C stops."""
    with client_errors(), connection().client() as hub:
        after = hub.events.head()
        if not quiet:
            typer.echo("Watching for changes on the Hub (Ctrl-C to stop) …", err=True)
        try:
            while True:
                page = hub.events.page(after, limit=1000, types=WATCHED_TYPES, wait=20)
                after = page.next_after
                if any(concerns(event, project_key) for event in page.items):
                    pull_again()
        except KeyboardInterrupt:
            return
