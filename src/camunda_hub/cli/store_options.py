"""The options every server-side command shares to find its data (same names as ``serve``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

DataDir = Annotated[
    Path | None,
    typer.Option(
        "--data-dir", help="Data folder (SQLite database, keys). Env: CAMUNDA_HUB_DATA_DIR."
    ),
]
DatabaseUrl = Annotated[
    str | None,
    typer.Option(
        "--database-url", help="sqlite:///PATH or postgresql://… Env: CAMUNDA_HUB_DATABASE_URL."
    ),
]
SecretKeyFile = Annotated[
    Path | None,
    typer.Option(
        "--secret-key-file",
        help="File holding the deployment secret. Env: CAMUNDA_HUB_SECRET_KEY(_FILE).",
    ),
]


def settings_from(**flags: Any) -> Any:
    """Settings from the environment, overridden by the flags that were given."""
    from pydantic import ValidationError

    from camunda_hub.cli.errors import EXIT_USAGE, fail
    from camunda_hub.server.settings import Settings

    given = {name: value for name, value in flags.items() if value is not None}
    try:
        return Settings(**given)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "settings"
        fail(f"invalid setting {where}: {first['msg']}", EXIT_USAGE)
