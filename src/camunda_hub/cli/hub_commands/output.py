"""Printing results: Rich tables for people, ``--json`` for scripts."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

import typer

AsJson = typer.Option("--json", help="Print JSON (for scripts) instead of a table.")


def print_json(data: Any) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def cell(value: Any) -> str:
    # Here, not at the top: the models module is a good part of the SDK's import time, and
    # `--help` never renders a cell.
    from camunda_hub.client.models import UserReference

    if value is None:
        return "-"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, UserReference):
        return value.email or value.name or "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def print_table(
    columns: Sequence[str], rows: Iterable[Sequence[Any]], *, title: str | None = None
) -> None:
    # Rich is imported when a table is printed: `camunda-hub token` and every --json run
    # print none, and CI scripts call them in loops.
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    for column in columns:
        if column == "key":
            # Keys are for copying: never cut them short, whatever the terminal width.
            table.add_column(column, no_wrap=True, min_width=36)
        else:
            table.add_column(column, overflow="fold")
    count = 0
    for row in rows:
        table.add_row(*(cell(value) for value in row))
        count += 1
    console = Console()
    if count == 0:
        console.print(f"[dim]no {title.lower() if title else 'results'}[/dim]")
        return
    console.print(table)


def print_fields(fields: Mapping[str, Any], *, title: str | None = None) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(show_header=False, title=title, title_justify="left", box=None)
    table.add_column(style="bold")
    table.add_column()
    for name, value in fields.items():
        table.add_row(name, cell(value))
    Console().print(table)


def human_duration(seconds: float) -> str:
    """``4 minutes 59 seconds``, ``2 hours 3 minutes``: the two largest units."""
    # Floored: "in 4 minutes 59 seconds" must not promise a second that is not there.
    whole = int(abs(seconds))
    units = (("day", 86400), ("hour", 3600), ("minute", 60), ("second", 1))
    parts = []
    for name, size in units:
        amount, whole = divmod(whole, size)
        if amount:
            parts.append(f"{amount} {name}{'s' if amount != 1 else ''}")
        if len(parts) == 2:
            break
    return " ".join(parts) or "0 seconds"
