"""The connection options every Hub API command accepts (``--rest-url``, ``--client-id``…),
added to a command's signature by :func:`with_connection`, and the SDK client built from them.

Flags override the environment, which overrides the defaults (see ``camunda_hub.client.config``)."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from camunda_hub.client.config import HubConfig

if TYPE_CHECKING:
    from camunda_hub.client import HubClient

PANEL = "Connection (flags override the environment)"
F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class Connection:
    rest_url: str | None = None
    oauth_url: str | None = None
    client_id: str | None = None
    client_secret: str | None = None
    audience: str | None = None
    ca_bundle: Path | None = None
    client_cert: Path | None = None
    client_key: Path | None = None
    timeout: float | None = None
    token_cache_dir: Path | None = None
    client_private_key_file: Path | None = None
    client_key_id: str | None = None
    dpop: bool | None = None

    def config(self) -> HubConfig:
        return HubConfig.resolve(**{f.name: getattr(self, f.name) for f in fields(self)})

    def client(self) -> HubClient:
        # Imported here: `--help` and commands that fail early never load httpx.
        from camunda_hub.client import HubClient

        return HubClient(config=self.config())


_OPTIONS: dict[str, Any] = {
    "rest_url": Annotated[
        str | None,
        typer.Option(
            "--rest-url",
            help="Hub API base URL (CAMUNDA_HUB_REST_URL, default http://localhost:8088).",
            rich_help_panel=PANEL,
        ),
    ],
    "oauth_url": Annotated[
        str | None,
        typer.Option(
            "--oauth-url",
            help="Token endpoint (CAMUNDA_OAUTH_URL, default https://login.cloud.camunda.io/oauth/token).",
            rich_help_panel=PANEL,
        ),
    ],
    "client_id": Annotated[
        str | None,
        typer.Option(
            "--client-id",
            help="API client id (CAMUNDA_HUB_CLIENT_ID, then CAMUNDA_CONSOLE_CLIENT_ID).",
            rich_help_panel=PANEL,
        ),
    ],
    "client_secret": Annotated[
        str | None,
        typer.Option(
            "--client-secret",
            help="API client secret (CAMUNDA_HUB_CLIENT_SECRET, then CAMUNDA_CONSOLE_CLIENT_SECRET). "
            "Prefer the variable: flags are visible to other local users.",
            rich_help_panel=PANEL,
        ),
    ],
    "audience": Annotated[
        str | None,
        typer.Option(
            "--audience",
            help="Token audience (CAMUNDA_HUB_OAUTH_AUDIENCE, then CAMUNDA_CONSOLE_OAUTH_AUDIENCE, "
            "default api.cloud.camunda.io).",
            rich_help_panel=PANEL,
        ),
    ],
    "ca_bundle": Annotated[
        Path | None,
        typer.Option(
            "--ca-bundle",
            help="CA certificates file (CAMUNDA_HUB_CA_BUNDLE).",
            rich_help_panel=PANEL,
        ),
    ],
    "client_cert": Annotated[
        Path | None,
        typer.Option(
            "--client-cert",
            help="Client certificate for mTLS (CAMUNDA_HUB_CLIENT_CERT).",
            rich_help_panel=PANEL,
        ),
    ],
    "client_key": Annotated[
        Path | None,
        typer.Option(
            "--client-key",
            help="Private key of the client certificate (CAMUNDA_HUB_CLIENT_KEY).",
            rich_help_panel=PANEL,
        ),
    ],
    "timeout": Annotated[
        float | None,
        typer.Option(
            "--timeout",
            help="Seconds per request (CAMUNDA_HUB_TIMEOUT, default 30).",
            rich_help_panel=PANEL,
        ),
    ],
    "token_cache_dir": Annotated[
        Path | None,
        typer.Option(
            "--token-cache-dir",
            help="Keep tokens on disk here, shared by later runs (CAMUNDA_HUB_TOKEN_CACHE_DIR; "
            "default: memory only).",
            rich_help_panel=PANEL,
        ),
    ],
    "client_private_key_file": Annotated[
        Path | None,
        typer.Option(
            "--client-private-key-file",
            help="Sign token requests with this private key (PEM) instead of a secret: "
            "private_key_jwt (CAMUNDA_HUB_CLIENT_PRIVATE_KEY_FILE).",
            rich_help_panel=PANEL,
        ),
    ],
    "client_key_id": Annotated[
        str | None,
        typer.Option(
            "--client-key-id",
            help="kid of the client's registered key (CAMUNDA_HUB_CLIENT_KEY_ID; optional).",
            rich_help_panel=PANEL,
        ),
    ],
    "dpop": Annotated[
        bool | None,
        typer.Option(
            "--dpop/--no-dpop",
            help="Sender-constrained tokens (DPoP, RFC 9449) with an in-memory key "
            "(CAMUNDA_HUB_DPOP).",
            rich_help_panel=PANEL,
        ),
    ],
}

_current: ContextVar[Connection] = ContextVar("camunda_hub_connection")


def with_connection(command: F) -> F:
    """Give ``command`` the connection options; inside it :func:`connection` returns them."""
    signature = inspect.signature(command, eval_str=True)
    extra = [
        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=annotation)
        for name, annotation in _OPTIONS.items()
    ]

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        chosen = {name: kwargs.pop(name, None) for name in _OPTIONS}
        token = _current.set(Connection(**chosen))
        try:
            return command(*args, **kwargs)
        finally:
            _current.reset(token)

    wrapper.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[*signature.parameters.values(), *extra]
    )
    return wrapper  # type: ignore[return-value]


def connection() -> Connection:
    return _current.get(Connection())
