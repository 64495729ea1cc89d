"""``camunda-hub serve``: run the server (uvicorn) on the configured address."""

from __future__ import annotations

import shlex
import socket
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from camunda_hub.cli.errors import EXIT_UNAVAILABLE, EXIT_USAGE, fail
from camunda_hub.cli.store_options import DatabaseUrl, DataDir, SecretKeyFile, settings_from

if TYPE_CHECKING:
    from camunda_hub.server.runtime import Runtime
    from camunda_hub.server.settings import Settings


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        fail(f"cannot listen on {host}:{port}: {exc.strerror}", EXIT_UNAVAILABLE)
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def _banner(settings: Settings) -> object:
    def announce(runtime: Runtime) -> None:
        # Written to the terminal only, never through logging: the secret must not reach a log.
        out = sys.stdout
        out.write(f"camunda-hub listening on {settings.listen_url}\n")
        out.write(f"  token endpoint: {runtime.issuer}/oauth/token\n")
        out.write(
            f"  Hub API:        {settings.listen_url}/api/v2  (docs: {settings.listen_url}/docs)\n"
        )
        if settings.embedded:
            out.write(f"  data folder:    {settings.data_dir.resolve()}\n")
        creds = runtime.bootstrap_credentials
        if creds is not None:
            audience = settings.default_audience
            out.write(
                "\nFirst start: an API client with every Hub API permission was created.\n"
                "Paste these lines into your shell (the secret is shown this once, never again):\n\n"
                f"export CAMUNDA_HUB_CLIENT_ID={shlex.quote(creds.client.client_id)}\n"
                f"export CAMUNDA_HUB_CLIENT_SECRET={shlex.quote(creds.client_secret)}\n"
                f"export CAMUNDA_OAUTH_URL={shlex.quote(runtime.issuer + '/oauth/token')}\n"
                f"export CAMUNDA_HUB_OAUTH_AUDIENCE={shlex.quote(audience)}\n"
                f"export CAMUNDA_HUB_REST_URL={shlex.quote(settings.listen_url)}\n\n"
            )
            runtime.bootstrap_credentials = None
        else:
            out.write(
                "  new API client: camunda-hub clients create --name NAME "
                "--permission read --permission create …\n"
            )
        out.flush()

    return announce


def serve(
    host: Annotated[
        str | None,
        typer.Option("--host", help="Address to listen on (CAMUNDA_HUB_HOST, default 127.0.0.1)."),
    ] = None,
    port: Annotated[
        int | None,
        typer.Option("--port", help="Port (CAMUNDA_HUB_PORT, default 8088; 0 = any free port)."),
    ] = None,
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
    issuer: Annotated[
        str | None,
        typer.Option(
            "--issuer", help="Public issuer URL (CAMUNDA_HUB_ISSUER; default: the listen URL)."
        ),
    ] = None,
    token_lifetime: Annotated[
        int | None,
        typer.Option(
            "--token-lifetime",
            help="Access token lifetime in seconds (CAMUNDA_HUB_TOKEN_LIFETIME, default 300).",
        ),
    ] = None,
    signing_alg: Annotated[
        str | None,
        typer.Option(
            "--signing-alg", help="RS256, ES256 or EdDSA (CAMUNDA_HUB_SIGNING_ALG, default ES256)."
        ),
    ] = None,
    clock_skew: Annotated[
        int | None,
        typer.Option(
            "--clock-skew",
            help="Leeway for exp/nbf in seconds (CAMUNDA_HUB_CLOCK_SKEW, default 60).",
        ),
    ] = None,
    audience: Annotated[
        list[str] | None,
        typer.Option(
            "--audience",
            help="Accepted audience; repeat for several (CAMUNDA_HUB_AUDIENCES, comma-separated).",
        ),
    ] = None,
    secret_key_file: SecretKeyFile = None,
) -> None:
    """Run the Hub API server and its token issuer."""
    import uvicorn

    from camunda_hub.server.app import create_app

    settings = settings_from(
        host=host,
        port=port,
        data_dir=data_dir,
        database_url=database_url,
        issuer=issuer,
        token_lifetime=token_lifetime,
        signing_alg=signing_alg,
        clock_skew=clock_skew,
        audiences=audience or None,
        secret_key_file=secret_key_file,
    )
    sock = _bind(settings.host, settings.port)
    settings.port = sock.getsockname()[1]
    app = create_app(settings, on_started=_banner(settings))  # type: ignore[arg-type]
    config = uvicorn.Config(
        app,
        log_level="info",
        access_log=settings.access_log,
        proxy_headers=False,
        timeout_graceful_shutdown=30,
        lifespan="on",
    )
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
    if not server.started:
        fail("the server did not start (see the messages above)", EXIT_USAGE)
