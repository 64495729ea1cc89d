"""One-line CLI errors: every expected failure becomes ``error: …`` on stderr and an exit code.

Shared by the Hub API commands (``hub_commands/``), so nothing here may import server code (the server-side errors
of the admin commands are mapped in ``admin_errors.py``)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import NoReturn

import typer

# Exit codes scripts can rely on.
EXIT_ERROR = 1  # the operation failed (server said no, conflict, not found…)
EXIT_USAGE = 2  # bad input or configuration
EXIT_AUTH = 3  # authentication/authorization failed
EXIT_UNAVAILABLE = 4  # the server or database could not be reached


def fail(message: str, code: int = EXIT_ERROR) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def run_main(app: Callable[[], object]) -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
