"""The server-side errors an admin command (``serve``, ``clients``, ``db``…) can meet, as
one-line CLI errors. Kept apart from ``errors.py``: only admin commands, which need the server
extra anyway, import this."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from camunda_hub.cli.errors import EXIT_ERROR, EXIT_UNAVAILABLE, EXIT_USAGE, fail


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
