"""``camunda-hub events watch``: print the organization's changes as they happen."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from camunda_hub.cli.hub_commands.connection import connection, with_connection
from camunda_hub.cli.hub_commands.failures import client_errors

events_app = typer.Typer(help="The change feed (camunda-hub extension).", no_args_is_help=True)


@events_app.command("watch")
@with_connection
def watch(
    types: Annotated[
        list[str] | None,
        typer.Option("--types", "-t", help="Type prefix to show (e.g. file.); repeatable."),
    ] = None,
    after: Annotated[
        int | None,
        typer.Option("--after", help="Start after this sequence (default: only new events)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON event per line.")] = False,
    follow: Annotated[
        bool, typer.Option("--follow/--no-follow", help="Keep waiting for new events.")
    ] = True,
) -> None:
    """Print events as they are committed (Ctrl-C to stop)."""
    with client_errors(), connection().client() as hub:
        start = hub.events.head() if after is None else after
        try:
            for event in hub.events.iterate(after=start, types=types, follow=follow):
                if as_json:
                    typer.echo(json.dumps(event.raw, separators=(",", ":")))
                    continue
                name = event.data.get("simplePath") or event.data.get("name") or ""
                typer.echo(
                    f"{event.sequence:>8}  {event.occurred:%Y-%m-%d %H:%M:%S}  "
                    f"{event.type:<28} {event.resource_type} {event.resource_key}  {name}"
                    f"  by {event.actor_email or event.actor_name or '?'}"
                )
        except KeyboardInterrupt:
            return
