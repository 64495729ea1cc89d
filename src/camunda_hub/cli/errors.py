"""One-line CLI errors: every expected failure becomes ``error: …`` on stderr and an exit code."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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


@contextmanager
def admin_errors() -> Iterator[None]:
    """Map the server-side errors an admin command can meet onto one-line messages."""
    from camunda_hub.server.keys.deployment_secret import DeploymentSecretError
    from camunda_hub.server.services.errors import NotFound, ServiceError
    from camunda_hub.server.store.db import DatabaseUrlError

    try:
        yield
    except NotFound as exc:
        fail(exc.detail, EXIT_ERROR)
    except ServiceError as exc:
        fail(exc.detail, EXIT_USAGE)
    except (DeploymentSecretError, DatabaseUrlError) as exc:
        fail(str(exc), EXIT_USAGE)
    except OSError as exc:
        fail(
            f"{exc.strerror or exc}{f': {exc.filename}' if exc.filename else ''}", EXIT_UNAVAILABLE
        )
    except Exception as exc:  # a database driver error: keep it to one line, no traceback
        from sqlalchemy.exc import SQLAlchemyError

        if isinstance(exc, SQLAlchemyError):
            fail(
                f"database error: {type(exc.__cause__ or exc).__name__}: {str(exc.__cause__ or exc).splitlines()[0]}",
                EXIT_UNAVAILABLE,
            )
        raise


def run_main(app: Callable[[], object]) -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
